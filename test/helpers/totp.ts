import { totpCode, totpStep } from '../../src/server/modules/accounts/totp.js';

/** The code an authenticator app would show at `now` (tests use the server's own RFC 6238 code, checked below). */
export function codeAt(secret: string, now: Date, stepOffset = 0): string {
  return totpCode(secret, totpStep(now) + stepOffset);
}
