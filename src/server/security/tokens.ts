import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A random token for a cookie or a link: 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database stores for a token: its SHA-256. Tokens are 256 random bits, so a fast hash is enough, and a
 * leaked table signs no one in.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time string comparison, so response timing reveals nothing about the expected value. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// No 0/O, 1/I/L: codes are read off paper and typed on a phone.
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A recovery code like `k7m2p-x9q4r` (50 bits): typed rarely, so it can be long enough to resist guessing. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Recovery codes compare without case, spaces or dashes, as people type them. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}
