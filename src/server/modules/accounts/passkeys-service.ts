import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decodeAttestationObject, isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import type { z } from 'zod';
import {
  PRIVILEGED_ROLES,
  type authenticationResponseSchema,
  type Passkey,
  type PasskeyCreationOptions,
  type PasskeyRequestOptions,
  type registrationResponseSchema,
} from '../../../shared/schemas/accounts.js';
import { withWriteTransaction } from '../../db/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { tokenHash } from '../../security/tokens.js';
import { appendAudit } from '../audit/repository.js';
import { invalidCredentials, retrySecondFactorStep, signInStepExpired, type AuthDeps, type ClientInfo } from './auth-service.js';
import type { RelyingParty } from './relying-party.js';
import { findAccountById, listGrants, type AccountRow } from './repository/accounts.js';
import {
  deletePasskeyOf,
  findPasskeyByCredentialId,
  insertPasskey,
  listPasskeys,
  recordPasskeyUse,
  type PasskeyRow,
} from './repository/passkeys.js';
import { insertChallenge, peekChallenge, takeChallenge } from './repository/secrets.js';
import { startSession, type StartedSession } from './sessions-service.js';
import { confirmPassword } from './settings-service.js';

/** A WebAuthn ceremony must finish within this; the challenge is then gone. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;

export const passkeyRefused = () => new AppError('unauthorized', 'That passkey could not be checked. Please try again.');
const registrationFailed = () =>
  new AppError('bad_request', 'That passkey could not be added. Please start again.', [
    { field: 'body.response', message: 'was not accepted' },
  ]);

export function presentPasskey(row: PasskeyRow): Passkey {
  return { id: row.id, name: row.name, created_at: row.created_at, last_used_at: row.last_used_at };
}

export async function listOwnPasskeys(deps: AuthDeps, accountId: number): Promise<Passkey[]> {
  return (await listPasskeys(deps.database.db, accountId)).map(presentPasskey);
}

const descriptor = (p: PasskeyRow) => ({ id: p.credential_id, transports: JSON.parse(p.transports) as string[] });

/**
 * The challenge a browser signed, read from clientDataJSON: the key to the stored ceremony. Anything unreadable is
 * undefined (the library checks the rest of clientDataJSON against what we expect).
 */
function signedChallenge(clientDataJSON: string): string | undefined {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' && data.challenge.length <= 128 ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

async function storeChallenge(
  deps: AuthDeps,
  kind: 'passkey_register' | 'passkey_auth',
  challenge: string,
  accountId: number | null,
  data: object,
) {
  await insertChallenge(deps.database.db, {
    id: tokenHash(challenge),
    kind,
    account_id: accountId,
    data: JSON.stringify(data),
    expires_at: new Date(deps.now().getTime() + PASSKEY_CHALLENGE_TTL_MS).toISOString(),
  });
}

/** The account's WebAuthn user handle: random bytes (WebAuthn §14.6.1), made once and kept. */
async function webauthnUserId(deps: AuthDeps, account: AccountRow): Promise<string> {
  if (account.webauthn_user_id) return account.webauthn_user_id;
  const id = randomBytes(32).toString('base64url');
  await deps.database.db
    .updateTable('accounts')
    .set({ webauthn_user_id: id })
    .where('id', '=', account.id)
    .where('webauthn_user_id', 'is', null)
    .execute();
  // Two racing requests: whichever wrote first wins, and both read it back.
  const fresh = await findAccountById(deps.database.db, account.id);
  return fresh?.webauthn_user_id ?? id;
}

/**
 * Starts adding a passkey. The current password is asked first (a wrong one counts towards the handle's lock-out),
 * so someone holding a stolen session cookie cannot plant a passkey of their own.
 */
export async function beginPasskeyRegistration(
  deps: AuthDeps,
  accountId: number,
  password: string,
  client: ClientInfo,
  rp: RelyingParty,
): Promise<PasskeyCreationOptions> {
  await confirmPassword(deps, accountId, password, client, 'body.password', invalidCredentials);
  const account = await findAccountById(deps.database.db, accountId);
  if (!account) throw notFound('account');
  const userId = await webauthnUserId(deps, account);
  const existing = await listPasskeys(deps.database.db, accountId);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: account.handle,
    userDisplayName: account.handle,
    userID: isoBase64URL.toBuffer(userId),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map(descriptor),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeChallenge(deps, 'passkey_register', options.challenge, accountId, {});
  return options as unknown as PasskeyCreationOptions;
}

/**
 * We ask for no attestation, so any statement is replaced by "none" before verifying, as a browser may do itself
 * (WebAuthn §5.4.7). This also keeps the library from checking certificate chains, which would fetch the CRL
 * addresses a certificate names: outside requests chosen by whoever sent the body.
 */
function withoutAttestation(attestationObject: string): string {
  const decoded = decodeAttestationObject(isoBase64URL.toBuffer(attestationObject));
  if (decoded.get('fmt') === 'none') return attestationObject;
  const none = new Map<string, unknown>([
    ['fmt', 'none'],
    ['attStmt', new Map()],
    ['authData', decoded.get('authData')],
  ]);
  return isoBase64URL.fromBuffer(isoCBOR.encode(none as Parameters<typeof isoCBOR.encode>[0]));
}

/** Finishes adding a passkey with what the authenticator made; audited. */
export async function finishPasskeyRegistration(
  deps: AuthDeps,
  accountId: number,
  input: { name: string; response: z.infer<typeof registrationResponseSchema> },
  rp: RelyingParty,
): Promise<Passkey> {
  const now = deps.now();
  const challenge = signedChallenge(input.response.response.clientDataJSON);
  if (!challenge) throw registrationFailed();
  const ceremony = await takeChallenge(deps.database.db, tokenHash(challenge), 'passkey_register', now.toISOString());
  if (!ceremony || ceremony.account_id !== accountId) throw registrationFailed();
  let verified;
  try {
    const response = {
      ...input.response,
      response: { ...input.response.response, attestationObject: withoutAttestation(input.response.response.attestationObject) },
    } as unknown as RegistrationResponseJSON;
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // Asked as "preferred": a security key without a PIN still proves possession, and the password was checked.
      requireUserVerification: false,
    });
  } catch {
    throw registrationFailed();
  }
  if (!verified.verified) throw registrationFailed();
  const { credential } = verified.registrationInfo;
  const iso = now.toISOString();
  return withWriteTransaction(deps.database, async (tx) => {
    if (await findPasskeyByCredentialId(tx, credential.id)) throw conflict('This passkey is already registered.');
    const row = await insertPasskey(tx, {
      account_id: accountId,
      credential_id: credential.id,
      public_key: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify((input.response.response.transports ?? []).slice(0, 10)),
      name: input.name,
      created_at: iso,
    });
    await appendAudit(
      tx,
      {
        actorId: accountId,
        action: 'passkey.added',
        target: { kind: 'passkey', id: String(row.id) },
        targetAccountId: accountId,
      },
      iso,
    );
    return presentPasskey(row);
  });
}

/**
 * Removes one of the member's passkeys; another member's id answers as if it did not exist. Refused (409) when it
 * is the last second factor of someone holding a privileged role.
 */
export async function removePasskey(deps: AuthDeps, accountId: number, passkeyId: number): Promise<void> {
  const iso = deps.now().toISOString();
  await withWriteTransaction(deps.database, async (tx) => {
    const mine = await listPasskeys(tx, accountId);
    if (!mine.some((p) => p.id === passkeyId)) throw notFound('passkey');
    const account = await findAccountById(tx, accountId);
    const grants = await listGrants(tx, accountId);
    if (mine.length === 1 && !account?.totp_enabled_at && grants.some((g) => PRIVILEGED_ROLES.includes(g.role)))
      throw conflict('Your role needs a second factor. Set up an authenticator app or another passkey first.');
    await deletePasskeyOf(tx, accountId, passkeyId);
    await appendAudit(
      tx,
      {
        actorId: accountId,
        action: 'passkey.removed',
        target: { kind: 'passkey', id: String(passkeyId) },
        targetAccountId: accountId,
      },
      iso,
    );
  });
}

/**
 * Options for signing in with a passkey. With the second-factor token of a password sign-in, the account's own
 * passkeys are offered; without it, any passkey of this site (discoverable credentials), which must then verify
 * the person too (PIN or biometrics), since it stands in for both factors.
 */
export async function passkeySignInOptions(
  deps: AuthDeps,
  secondFactorToken: string | undefined,
  rp: RelyingParty,
): Promise<PasskeyRequestOptions> {
  let accountId: number | null = null;
  let allow: PasskeyRow[] = [];
  if (secondFactorToken) {
    const step = await peekChallenge(deps.database.db, tokenHash(secondFactorToken), 'second_factor', deps.now().toISOString());
    if (!step || step.account_id === null) throw signInStepExpired();
    accountId = step.account_id;
    allow = await listPasskeys(deps.database.db, accountId);
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allow.map(descriptor),
    timeout: PASSKEY_CHALLENGE_TTL_MS,
    userVerification: secondFactorToken ? 'preferred' : 'required',
  });
  await storeChallenge(deps, 'passkey_auth', options.challenge, accountId, {
    step: secondFactorToken ? tokenHash(secondFactorToken) : null,
  });
  return options as unknown as PasskeyRequestOptions;
}

/**
 * Signs in with a passkey: as the second step after a password, or alone. Every failure is counted like a wrong
 * password (for the passkey's account, or for the unknown credential id), and lock-outs apply before any check.
 * The session counts as second-factor checked either way.
 */
export async function signInWithPasskey(
  deps: AuthDeps,
  input: { challenge?: string | undefined; response: z.infer<typeof authenticationResponseSchema> },
  rp: RelyingParty,
  client: ClientInfo,
): Promise<{ accountId: number; session: StartedSession }> {
  const now = deps.now();
  const iso = now.toISOString();
  const db = deps.database.db;
  const passkey = await findPasskeyByCredentialId(db, input.response.id);
  const account = passkey ? await findAccountById(db, passkey.account_id) : undefined;
  // An unknown credential is counted under a key of its own, so guessing ids still meets the address lock-out.
  const limitKey = account ? account.handle_key : `passkey:${tokenHash(input.response.id)}`;
  await deps.limits.checkSignIn(limitKey, client.address);

  const stepId = input.challenge ? tokenHash(input.challenge) : null;
  const step = stepId ? await takeChallenge(db, stepId, 'second_factor', iso) : undefined;
  const fail = async (): Promise<never> => {
    await deps.limits.failedSignIn(limitKey, client.address);
    if (stepId && step && step.account_id !== null) await retrySecondFactorStep(deps, stepId, step.account_id, step.data, now);
    throw passkeyRefused();
  };
  if (stepId && (!step || step.account_id === null)) throw signInStepExpired();

  const signed = signedChallenge(input.response.response.clientDataJSON);
  const ceremony = signed ? await takeChallenge(db, tokenHash(signed), 'passkey_auth', iso) : undefined;
  if (!signed || !ceremony || !passkey || !account) return fail();
  const ceremonyStep = (JSON.parse(ceremony.data) as { step?: string | null }).step ?? null;
  // The options and the answer belong to the same sign-in: both with this second-factor step, or both without.
  if (ceremonyStep !== stepId) return fail();
  if (step && (step.account_id !== account.id || ceremony.account_id !== account.id)) return fail();
  const userHandle = input.response.response.userHandle;
  if (userHandle && account.webauthn_user_id && userHandle !== account.webauthn_user_id) return fail();

  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | undefined;
  try {
    verified = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: signed,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credential_id,
        publicKey: isoBase64URL.toBuffer(passkey.public_key),
        counter: passkey.counter,
        transports: JSON.parse(passkey.transports) as string[],
      },
      // Alone, the passkey is both factors only if the authenticator verified the person.
      requireUserVerification: !step,
    });
  } catch {
    verified = undefined;
  }
  if (!verified?.verified) return fail();
  const newCounter = verified.authenticationInfo.newCounter;
  // A signature counter that does not move forward means a cloned authenticator (WebAuthn §6.1.1).
  if (passkey.counter > 0 && newCounter <= passkey.counter) return fail();
  if (!(await recordPasskeyUse(db, passkey.id, passkey.counter, newCounter, iso))) return fail();

  await deps.limits.succeededSignIn(account.handle_key);
  const session = await startSession(db, account.id, {
    secondFactor: true,
    label: client.label,
    replacing: client.previousToken,
    now,
    policy: deps.sessions,
  });
  return { accountId: account.id, session };
}
