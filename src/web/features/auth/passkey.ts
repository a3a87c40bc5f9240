import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, type SessionState } from '../../lib/account-api.js';
import { passkeyOptions, passkeySignIn } from '../../lib/auth-api.js';
import { formErrorsFrom, type FormErrors } from './form-errors.js';

/** Passkey buttons are offered only where the browser has WebAuthn at all. */
export const passkeysSupported = (): boolean =>
  typeof window !== 'undefined' && typeof (window as { PublicKeyCredential?: unknown }).PublicKeyCredential === 'function';

/**
 * Signs in with a passkey: the server's options, the browser's ceremony, the server's check. `challenge` is the
 * second step's (after a password); without it this is a passwordless sign-in. @simplewebauthn/browser is loaded
 * here, on first use, so it stays out of the first load, while the options are on their way.
 */
export async function signInWithPasskey(challenge?: string): Promise<SessionState> {
  const [library, { options }] = await Promise.all([import('@simplewebauthn/browser'), passkeyOptions(challenge)]);
  const response = await library.startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
  const { account, csrf_token, second_factor } = await passkeySignIn(response, challenge);
  return { account, csrf_token, second_factor };
}

/** Whether a failed ceremony was the person choosing not to go on (cancelled, timed out), not a fault. */
export function passkeyCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError');
}

/** What a failed passkey sign-in shows: the server's refusal, a cancelled ceremony, or a device that could not. */
export function passkeyFormErrors(err: unknown, t: (key: string, options?: Record<string, unknown>) => string): FormErrors {
  if (err instanceof ApiError) {
    if (err.status === 404) return { summary: t('auth.errors.passkeyUnavailable'), fields: {} };
    return formErrorsFrom(err, t, { unauthorized: t('auth.errors.passkeyRefused') });
  }
  return { summary: t(passkeyCancelled(err) ? 'auth.errors.passkeyCancelled' : 'auth.errors.passkeyFailed'), fields: {} };
}
