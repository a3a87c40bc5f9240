type Translate = (key: string) => string;

/**
 * The server's password-strength reason (a zxcvbn warning key such as `straightRow`, or `weak`), worded in the
 * page's language; undefined for a key this version does not know, so the caller falls back to the server's words.
 */
export function passwordReason(code: unknown, t: Translate): string | undefined {
  if (typeof code !== 'string' || !/^[A-Za-z]{1,32}$/.test(code)) return undefined;
  const key = `auth.passwordReasons.${code}`;
  const worded = t(key);
  return worded === key ? undefined : worded;
}
