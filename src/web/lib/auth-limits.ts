/**
 * The account limits the sign-up and password forms check before sending, copied from src/shared/schemas/accounts.ts
 * (which imports zod, kept out of the page). auth-limits.test.ts fails when the two drift apart.
 */
export const AUTH_LIMITS = {
  handleMin: 3,
  handleMax: 32,
  passwordMin: 12,
  passwordMax: 256,
  email: 254,
  recoveryCode: 32,
  otp: 8,
  token: 128,
} as const;

/** ASCII letters, digits, `_`, `-`, `.`, starting with a letter or digit (HANDLE_PATTERN). */
export const HANDLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The version of the community guidelines shown on /guidelines and accepted at sign-up (GUIDELINES_VERSION). */
export const GUIDELINES_VERSION = '2026-11';

/** Why a handle is refused, as a key under `auth.errors`, or null when it is fine. */
export function handleProblem(handle: string): 'handleRequired' | 'handleLength' | 'handlePattern' | null {
  const value = handle.trim();
  if (!value) return 'handleRequired';
  if (value.length < AUTH_LIMITS.handleMin || value.length > AUTH_LIMITS.handleMax) return 'handleLength';
  if (!HANDLE_PATTERN.test(value)) return 'handlePattern';
  return null;
}

/** Why a new password is refused before asking the server (which also checks it is not easy to guess). */
export function newPasswordProblem(password: string): 'passwordRequired' | 'passwordShort' | 'passwordLong' | null {
  if (!password) return 'passwordRequired';
  // Counted as the server counts (UTF-16 code units, zod's .min), so the form never lets through what it refuses.
  if (password.length < AUTH_LIMITS.passwordMin) return 'passwordShort';
  if (password.length > AUTH_LIMITS.passwordMax) return 'passwordLong';
  return null;
}

/** A light check of the optional e-mail (the server checks it fully); empty is fine. */
export function emailProblem(email: string): 'emailInvalid' | null {
  const value = email.trim();
  if (!value) return null;
  return value.length <= AUTH_LIMITS.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : 'emailInvalid';
}

/** The browser's IANA zone when the server would take it (a zone with a "/" or UTC), else null. */
export function browserTimeZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone && (zone.includes('/') || zone === 'UTC') && zone.length <= 64 ? zone : null;
  } catch {
    return null;
  }
}
