import { GUIDELINES_VERSION } from '../../../shared/schemas/accounts.js';
import type { Updateable } from 'kysely';
import type { AccountsTable, DbOrTx } from '../../db/types.js';
import { AppError, notFound } from '../../errors.js';
import type { AuthDeps, ClientInfo } from './auth-service.js';
import { assertStrongPassword } from './auth-service.js';
import { hashPassword, verifyPassword } from './password.js';
import { findAccountById, updateAccount } from './repository/accounts.js';
import { deleteSessionsOf } from './repository/sessions.js';
import { deleteUnusedResetsOf } from './repository/resets.js';
import { startSession, type StartedSession } from './sessions-service.js';
import { withWriteTransaction } from '../../db/index.js';

export interface SettingsPatch {
  email?: string | null;
  language?: 'en' | 'es';
  time_zone?: string | null;
  discreet?: boolean;
  accept_guidelines?: true;
}

export async function updateSettings(db: DbOrTx, accountId: number, patch: SettingsPatch, now: Date): Promise<void> {
  const set: Updateable<AccountsTable> = { updated_at: now.toISOString() };
  if (patch.email !== undefined) set.email = patch.email;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.time_zone !== undefined) set.time_zone = patch.time_zone;
  if (patch.discreet !== undefined) set.discreet = patch.discreet ? 1 : 0;
  if (patch.accept_guidelines) {
    set.guidelines_version = GUIDELINES_VERSION;
    set.guidelines_accepted_at = now.toISOString();
  }
  await updateAccount(db, accountId, set);
  // A reset link mailed to the old address must not outlive the change.
  if (patch.email !== undefined) await deleteUnusedResetsOf(db, accountId);
}

export const wrongPassword = () =>
  new AppError('validation_failed', 'The current password is not right.', [
    { field: 'body.current_password', message: 'is not right' },
  ]);

/**
 * Checks the member's password before something that cannot be undone (changing it, deleting the account), counting
 * wrong ones like failed sign-ins: a stolen session cannot be used to guess it.
 */
export async function confirmPassword(
  deps: AuthDeps,
  accountId: number,
  password: string,
  client: ClientInfo,
  field: string,
  wrong: () => AppError = () =>
    new AppError('validation_failed', 'The password is not right.', [{ field, message: 'is not right' }]),
): Promise<void> {
  const account = await findAccountById(deps.database.db, accountId);
  if (!account) throw notFound('account');
  await deps.limits.checkSignIn(account.handle_key, client.address);
  if (!(await verifyPassword(account.password_hash, password))) {
    await deps.limits.failedSignIn(account.handle_key, client.address);
    throw wrong();
  }
}

/** Changes the password; every other session ends and this one is replaced (its old token stops working). */
export async function changePassword(
  deps: AuthDeps,
  accountId: number,
  input: { current_password: string; new_password: string },
  client: ClientInfo & { secondFactor: boolean },
): Promise<StartedSession> {
  await confirmPassword(deps, accountId, input.current_password, client, 'body.current_password');
  const account = await findAccountById(deps.database.db, accountId);
  if (!account) throw notFound('account');
  assertStrongPassword(input.new_password, [account.handle, account.email], 'body.new_password');
  const passwordHash = await hashPassword(input.new_password);
  const now = deps.now();
  return withWriteTransaction(deps.database, async (tx) => {
    await updateAccount(tx, accountId, { password_hash: passwordHash, updated_at: now.toISOString() });
    await deleteSessionsOf(tx, accountId);
    return startSession(tx, accountId, { secondFactor: client.secondFactor, label: client.label, now, policy: deps.sessions });
  });
}
