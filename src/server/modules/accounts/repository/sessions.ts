import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx, SessionsTable } from '../../../db/types.js';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: DbOrTx, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: DbOrTx, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends one of an account's sessions; false when it is not theirs (or already gone). */
export async function deleteSessionOf(db: DbOrTx, accountId: number, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of an account, except `keep` when given. */
export async function deleteSessionsOf(db: DbOrTx, accountId: number, keep?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keep) q = q.where('id', '!=', keep);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function listSessions(db: DbOrTx, accountId: number): Promise<SessionRow[]> {
  return db.selectFrom('sessions').selectAll().where('account_id', '=', accountId).orderBy('last_seen_at', 'desc').execute();
}

/** Removes sessions past their absolute expiry (idle ones are refused on use and swept with these). */
export async function deleteExpiredSessions(db: DbOrTx, now: string, idleBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The sessions among `ids` that still exist, for checking many open sockets in one query (chat heartbeat). */
export function findSessions(db: DbOrTx, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('sessions').selectAll().where('id', 'in', ids).execute();
}

/** Marks several sessions used now, in one statement. */
export async function touchSessions(db: DbOrTx, ids: readonly string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', 'in', ids).execute();
}
