import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx, PasskeysTable } from '../../../db/types.js';

export type PasskeyRow = Selectable<PasskeysTable>;

export function listPasskeys(db: DbOrTx, accountId: number): Promise<PasskeyRow[]> {
  return db.selectFrom('passkeys').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

export function findPasskeyByCredentialId(db: DbOrTx, credentialId: string): Promise<PasskeyRow | undefined> {
  return db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertPasskey(db: DbOrTx, row: Insertable<PasskeysTable>): Promise<PasskeyRow> {
  return db.insertInto('passkeys').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Records a use. The counter only moves forward: the update is conditional on the value read before verifying, so
 * two racing uses of one signature cannot both pass (authenticators that keep no counter always send 0).
 */
export async function recordPasskeyUse(
  db: DbOrTx,
  id: number,
  previousCounter: number,
  newCounter: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ counter: newCounter, last_used_at: now })
    .where('id', '=', id)
    .where('counter', '=', previousCounter)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes one of an account's passkeys; false when it is not theirs (or does not exist). */
export async function deletePasskeyOf(db: DbOrTx, accountId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('passkeys').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
