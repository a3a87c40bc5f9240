import { apiRequest, type SessionState } from './account-api.js';

/**
 * Signing up, in and out, and getting back in (`/api/auth/*`), through the CSRF-aware client of account-api.ts. The
 * shapes are src/shared/schemas/accounts.ts's, repeated as types so zod stays out of the page.
 */

export type SecondFactorMethod = 'totp' | 'recovery_code' | 'passkey';

/** Sign-in answers either with the session, or with a challenge for the second step. */
export type SignInAnswer =
  (SessionState & { status: 'signed_in' }) | { status: 'second_factor'; challenge: string; methods: SecondFactorMethod[] };

export interface SignUpInput {
  handle: string;
  password: string;
  email?: string;
  accept_guidelines?: boolean;
  language?: 'en' | 'es';
  time_zone?: string;
}

export const signUp = (input: SignUpInput) =>
  apiRequest<SessionState & { recovery_codes: string[] }>('POST', '/api/auth/sign-up', input);

export const signIn = (handle: string, password: string) =>
  apiRequest<SignInAnswer>('POST', '/api/auth/sign-in', { handle, password });

/** The second step, with a code from the authenticator app or a recovery code. */
export const completeSecondFactor = (challenge: string, code: string) =>
  apiRequest<SessionState>('POST', '/api/auth/sign-in/second-factor', { challenge, code });

export const recoverWithCode = (input: { handle: string; recovery_code: string; new_password: string }) =>
  apiRequest<SessionState>('POST', '/api/auth/recover', input);

/** Always answers alike, whether or not an account has this e-mail. */
export const requestPasswordReset = (email: string) => apiRequest<unknown>('POST', '/api/auth/reset-request', { email });

/** Sets a new password with the e-mailed token; the answer is sign-in's (it may ask for the second factor). */
export const resetPassword = (token: string, newPassword: string) =>
  apiRequest<SignInAnswer>('POST', '/api/auth/reset', { token, new_password: newPassword });

export const signOut = () => apiRequest<SessionState>('POST', '/api/auth/sign-out');

/**
 * Whether this installation can send password-reset e-mails (`accounts.email_reset` in `GET /api/meta`). An older
 * server without the field, or a failed request, counts as "no": recovery codes always work.
 */
export async function emailResetAvailable(): Promise<boolean> {
  try {
    const meta = await apiRequest<{ accounts?: { email_reset?: unknown } }>('GET', '/api/meta');
    return meta?.accounts?.email_reset === true;
  } catch {
    return false;
  }
}

/** WebAuthn options for signing in with a passkey; `challenge` is the second step's, absent for passwordless. */
export const passkeyOptions = (challenge?: string) =>
  apiRequest<{ options: unknown }>('POST', '/api/auth/passkey/options', challenge ? { challenge } : {});

export const passkeySignIn = (response: unknown, challenge?: string) =>
  apiRequest<SessionState & { status: 'signed_in' }>(
    'POST',
    '/api/auth/passkey',
    challenge ? { challenge, response } : { response },
  );
