import type { ChallengeKind, DbOrTx } from '../../../db/types.js';

/** Replaces an account's recovery codes with new ones (their hashes). */
export async function replaceRecoveryCodes(db: DbOrTx, accountId: number, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
  if (hashes.length > 0)
    await db
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ account_id: accountId, code_hash })))
      .execute();
}

/** Spends a recovery code: true once per code, false for a wrong or used one. */
export async function spendRecoveryCode(db: DbOrTx, accountId: number, hash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countRecoveryCodesLeft(db: DbOrTx, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(
  db: DbOrTx,
  row: { id: string; kind: ChallengeKind; account_id: number | null; data: string; expires_at: string },
): Promise<void> {
  await db.insertInto('auth_challenges').values(row).execute();
}

/**
 * Takes a challenge out (single use): returns it when it exists, is of `kind` and has not expired. Deleting first
 * means two racing requests cannot both use it.
 */
export async function takeChallenge(
  db: DbOrTx,
  id: string,
  kind: ChallengeKind,
  now: string,
): Promise<{ account_id: number | null; data: string } | undefined> {
  const row = await db
    .deleteFrom('auth_challenges')
    .where('id', '=', id)
    .returning(['kind', 'account_id', 'data', 'expires_at'])
    .executeTakeFirst();
  if (!row || row.kind !== kind || row.expires_at <= now) return undefined;
  return { account_id: row.account_id, data: row.data };
}

/** Reads a challenge without using it up: undefined when missing, of another kind, or expired. */
export async function peekChallenge(
  db: DbOrTx,
  id: string,
  kind: ChallengeKind,
  now: string,
): Promise<{ account_id: number | null; data: string } | undefined> {
  const row = await db
    .selectFrom('auth_challenges')
    .select(['kind', 'account_id', 'data', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.kind !== kind || row.expires_at <= now) return undefined;
  return { account_id: row.account_id, data: row.data };
}

/** Removes expired sign-in steps and WebAuthn challenges, and expired reset tokens (used or not). */
export async function deleteExpiredChallenges(db: DbOrTx, now: string): Promise<{ challenges: number; resets: number }> {
  const challenges = await db.deleteFrom('auth_challenges').where('expires_at', '<=', now).executeTakeFirst();
  const resets = await db.deleteFrom('password_resets').where('expires_at', '<=', now).executeTakeFirst();
  return { challenges: Number(challenges.numDeletedRows), resets: Number(resets.numDeletedRows) };
}
