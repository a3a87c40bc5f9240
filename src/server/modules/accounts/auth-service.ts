import { GUIDELINES_VERSION, type Language } from '../../../shared/schemas/accounts.js';
import { withWriteTransaction, type DatabaseHandle } from '../../db/index.js';
import { AppError, conflict, validationFailed } from '../../errors.js';
import type { RateLimits } from '../../security/rate-limits.js';
import { newToken, tokenHash } from '../../security/tokens.js';
import { countPasskeys } from './account-view.js';
import { handleKey, isReservedHandle } from './handle.js';
import { checkPasswordStrength, hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from './password.js';
import { issueRecoveryCodes, useRecoveryCode } from './recovery-codes.js';
import { findAccountByHandleKey, findAccountById, insertAccount, updateAccount, type AccountRow } from './repository/accounts.js';
import { insertChallenge, takeChallenge } from './repository/secrets.js';
import { deleteSessionsOf } from './repository/sessions.js';
import { startSession, type SessionPolicy, type StartedSession } from './sessions-service.js';
import { matchTotp } from './totp.js';

export interface AuthDeps {
  database: DatabaseHandle;
  limits: RateLimits;
  sessions: SessionPolicy;
  now: () => Date;
}

/** Where a request comes from: the address for rate limits (never stored), a device label, the old session. */
export interface ClientInfo {
  address: string;
  label: string;
  /** The session token the browser sent, which sign-in replaces. */
  previousToken?: string;
}

export const invalidCredentials = () => new AppError('unauthorized', 'That handle and password do not match.');

export interface SignUpInput {
  handle: string;
  password: string;
  email?: string;
  accept_guidelines?: boolean;
  language?: Language;
  time_zone?: string;
}

/** Refuses a guessable password with the reason, on the field the form shows it on. */
export function assertStrongPassword(password: string, personal: (string | null | undefined)[], field = 'body.password'): void {
  const verdict = checkPasswordStrength(
    password,
    personal.filter((p): p is string => Boolean(p)),
  );
  if (!verdict.ok)
    throw validationFailed([
      {
        field,
        message: verdict.warning ?? 'This password is easy to guess.',
        ...(verdict.reason ? { code: verdict.reason } : {}),
      },
    ]);
}

export async function signUp(
  deps: AuthDeps,
  input: SignUpInput,
  client: ClientInfo,
): Promise<{ accountId: number; session: StartedSession; recoveryCodes: string[] }> {
  await deps.limits.take('sign-up', client.address, deps.limits.settings.signUp);
  if (isReservedHandle(input.handle)) throw validationFailed([{ field: 'body.handle', message: 'This handle is reserved.' }]);
  assertStrongPassword(input.password, [input.handle, input.email]);
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  const iso = now.toISOString();
  const key = handleKey(input.handle);
  return withWriteTransaction(deps.database, async (tx) => {
    if (await findAccountByHandleKey(tx, key)) throw conflict('That handle is taken. Please choose another.');
    const accountId = await insertAccount(tx, {
      handle: input.handle.trim(),
      handle_key: key,
      password_hash: passwordHash,
      email: input.email ?? null,
      language: input.language ?? 'en',
      time_zone: input.time_zone ?? null,
      guidelines_version: input.accept_guidelines ? GUIDELINES_VERSION : null,
      guidelines_accepted_at: input.accept_guidelines ? iso : null,
      created_at: iso,
      updated_at: iso,
    });
    const recoveryCodes = await issueRecoveryCodes(tx, accountId);
    const session = await startSession(tx, accountId, {
      secondFactor: false,
      label: client.label,
      replacing: client.previousToken,
      now,
      policy: deps.sessions,
    });
    return { accountId, session, recoveryCodes };
  });
}

export type SignInResult =
  | { status: 'signed_in'; accountId: number; session: StartedSession }
  | { status: 'second_factor'; challenge: string; methods: ('totp' | 'recovery_code' | 'passkey')[] };

const SECOND_FACTOR_TTL_MS = 5 * 60_000;
const SECOND_FACTOR_TRIES = 5;

/**
 * Checks a handle and password. Lock-outs are checked first (even the right password waits), an unknown handle costs
 * the same time and counts the same as a wrong password, and the answer is the same for both.
 */
export async function signIn(deps: AuthDeps, handle: string, password: string, client: ClientInfo): Promise<SignInResult> {
  const key = handleKey(handle);
  await deps.limits.checkSignIn(key, client.address);
  const account = await findAccountByHandleKey(deps.database.db, key);
  const ok = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstNothing(password);
  if (!account || !ok) {
    await deps.limits.failedSignIn(key, client.address);
    throw invalidCredentials();
  }
  if (needsRehash(account.password_hash))
    await updateAccount(deps.database.db, account.id, { password_hash: await hashPassword(password) });

  // Failures are forgotten only once the second factor is in too, so guessing codes meets the same lock-out.
  const step = await secondFactorStep(deps, account);
  if (step) return step;
  await deps.limits.succeededSignIn(key);
  const session = await startSession(deps.database.db, account.id, {
    secondFactor: false,
    label: client.label,
    replacing: client.previousToken,
    now: deps.now(),
    policy: deps.sessions,
  });
  return { status: 'signed_in', accountId: account.id, session };
}

/**
 * The second step of a sign-in, when the account has a second factor: a short-lived challenge naming the account,
 * and the methods it can finish with. Undefined when the account has none.
 */
export async function secondFactorStep(
  deps: AuthDeps,
  account: AccountRow,
): Promise<Extract<SignInResult, { status: 'second_factor' }> | undefined> {
  const methods = await secondFactorMethods(deps, account);
  if (methods.length === 0) return undefined;
  const challenge = newToken();
  await insertChallenge(deps.database.db, {
    id: tokenHash(challenge),
    kind: 'second_factor',
    account_id: account.id,
    data: JSON.stringify({ tries: 0 }),
    expires_at: new Date(deps.now().getTime() + SECOND_FACTOR_TTL_MS).toISOString(),
  });
  return { status: 'second_factor', challenge, methods: [...methods, 'recovery_code'] };
}

/** After a wrong second factor: the step stays open for a few more tries (same token), then it is gone. */
export async function retrySecondFactorStep(
  deps: AuthDeps,
  id: string,
  accountId: number,
  data: string,
  now: Date,
): Promise<void> {
  const tries = (JSON.parse(data) as { tries?: number }).tries ?? 0;
  if (tries + 1 < SECOND_FACTOR_TRIES)
    await insertChallenge(deps.database.db, {
      id,
      kind: 'second_factor',
      account_id: accountId,
      data: JSON.stringify({ tries: tries + 1 }),
      expires_at: new Date(now.getTime() + SECOND_FACTOR_TTL_MS).toISOString(),
    });
}

export const signInStepExpired = () => new AppError('unauthorized', 'This sign-in step has expired. Please sign in again.');

async function secondFactorMethods(deps: AuthDeps, account: AccountRow): Promise<('totp' | 'passkey')[]> {
  const methods: ('totp' | 'passkey')[] = [];
  if (account.totp_enabled_at) methods.push('totp');
  if ((await countPasskeys(deps.database.db, account.id)) > 0) methods.push('passkey');
  return methods;
}

/**
 * The second step: a code from the authenticator app, or a recovery code. A wrong code counts as a failed sign-in
 * (so guessing codes meets the same lock-out) and leaves the step open for a few more tries.
 */
export async function completeSecondFactor(
  deps: AuthDeps,
  challenge: string,
  code: string,
  client: ClientInfo,
): Promise<{ accountId: number; session: StartedSession }> {
  const now = deps.now();
  const id = tokenHash(challenge);
  const step = await takeChallenge(deps.database.db, id, 'second_factor', now.toISOString());
  if (!step || step.account_id === null) throw signInStepExpired();
  const account = await findAccountById(deps.database.db, step.account_id);
  if (!account) throw signInStepExpired();
  await deps.limits.checkSignIn(account.handle_key, client.address);

  const accepted = await checkSecondFactorCode(deps, account, code, now);
  if (!accepted) {
    await deps.limits.failedSignIn(account.handle_key, client.address);
    await retrySecondFactorStep(deps, id, account.id, step.data, now);
    throw new AppError('unauthorized', 'That code is not right. Please try again.');
  }
  await deps.limits.succeededSignIn(account.handle_key);
  const session = await startSession(deps.database.db, account.id, {
    secondFactor: true,
    label: client.label,
    replacing: client.previousToken,
    now,
    policy: deps.sessions,
  });
  return { accountId: account.id, session };
}

/** A TOTP code (six digits, each usable once) or one of the account's recovery codes. */
async function checkSecondFactorCode(deps: AuthDeps, account: AccountRow, code: string, now: Date): Promise<boolean> {
  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
    if (!account.totp_secret || !account.totp_enabled_at) return false;
    const step = matchTotp(account.totp_secret, code, now, account.totp_last_step);
    if (step === undefined) return false;
    await updateAccount(deps.database.db, account.id, { totp_last_step: step });
    return true;
  }
  return useRecoveryCode(deps.database.db, account.id, code, now);
}

/**
 * Recovery without e-mail: the handle, one recovery code and a new password. Every other session ends (whoever
 * knew the old password is signed out), and this device gets a new one.
 */
export async function recoverWithCode(
  deps: AuthDeps,
  input: { handle: string; recovery_code: string; new_password: string },
  client: ClientInfo,
): Promise<{ accountId: number; session: StartedSession }> {
  const key = handleKey(input.handle);
  await deps.limits.checkSignIn(key, client.address);
  const account = await findAccountByHandleKey(deps.database.db, key);
  const now = deps.now();
  if (!account || !(await useRecoveryCode(deps.database.db, account.id, input.recovery_code, now))) {
    await deps.limits.failedSignIn(key, client.address);
    throw new AppError('unauthorized', 'That handle and recovery code do not match.');
  }
  assertStrongPassword(input.new_password, [account.handle, account.email], 'body.new_password');
  return setPasswordAndStartOver(deps, account.id, input.new_password, client, now);
}

/** Sets a new password, ends every session of the account and starts one for this device. */
export async function setPasswordAndStartOver(
  deps: AuthDeps,
  accountId: number,
  newPassword: string,
  client: ClientInfo,
  now: Date,
): Promise<{ accountId: number; session: StartedSession }> {
  const passwordHash = await hashPassword(newPassword);
  return withWriteTransaction(deps.database, async (tx) => {
    await updateAccount(tx, accountId, { password_hash: passwordHash, updated_at: now.toISOString() });
    await deleteSessionsOf(tx, accountId);
    const session = await startSession(tx, accountId, { secondFactor: false, label: client.label, now, policy: deps.sessions });
    return { accountId, session };
  });
}
