import type { Selectable } from 'kysely';
import type { DbOrTx, PasswordResetsTable } from '../../../db/types.js';

export type ResetRow = Selectable<PasswordResetsTable>;

/** Stores a new reset token (its hash) for an account; older unused ones stop working. */
export async function replaceResetToken(
  db: DbOrTx,
  row: { account_id: number; token_hash: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.deleteFrom('password_resets').where('account_id', '=', row.account_id).where('used_at', 'is', null).execute();
  await db.insertInto('password_resets').values(row).execute();
}

export function findReset(db: DbOrTx, tokenHash: string): Promise<ResetRow | undefined> {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses a token up: true once, while it is unused and unexpired; false for a racing second use. */
export async function spendReset(db: DbOrTx, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Forgets an account's unused reset tokens (after a reset, or when its e-mail address changes). */
export async function deleteUnusedResetsOf(db: DbOrTx, accountId: number): Promise<void> {
  await db.deleteFrom('password_resets').where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}
