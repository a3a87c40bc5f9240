import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, totpCode, totpUri } from '../totp.js';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B: the SHA-1 secret is ASCII "12345678901234567890"; its 8-digit codes end in these 6 digits.
  const secret = base32Encode(Buffer.from('12345678901234567890'));
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(totpCode(secret, Math.floor(seconds / 30))).toBe(code);
  });

  it('round-trips base32 and refuses other characters', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode('AB1')).toThrow();
  });

  it('accepts one step of drift either way, never the same step twice, and nothing but six digits', () => {
    const now = new Date(1_700_000_000_000);
    const step = Math.floor(now.getTime() / 30_000);
    expect(matchTotp(secret, totpCode(secret, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, step - 2), now, null)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, step), now, step)).toBeUndefined();
    expect(matchTotp(secret, '12345', now, null)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeUndefined();
  });

  it('labels the app entry with the handle only', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'Kinship', 'sam');
    expect(uri).toBe('otpauth://totp/Kinship%3Asam?secret=JBSWY3DPEHPK3PXP&issuer=Kinship&algorithm=SHA1&digits=6&period=30');
  });
});
