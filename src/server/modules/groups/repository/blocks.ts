import type { DbOrTx } from '../../../db/types.js';

/**
 * The accounts `accountId` blocked: their messages and posts are left out of what `accountId` sees (issue 7
 * "Blocking"). The chat hub calls this when a socket joins, and skips those authors' events for it.
 */
export async function blockedBy(db: DbOrTx, accountId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('blocks').select('blocked_id').where('blocker_id', '=', accountId).execute();
  return new Set(rows.map((r) => r.blocked_id));
}

/** The handles the account blocked, newest first. */
export function listBlocks(db: DbOrTx, accountId: number): Promise<{ handle: string; since: string }[]> {
  return db
    .selectFrom('blocks as b')
    .innerJoin('accounts as a', 'a.id', 'b.blocked_id')
    .select(['a.handle', 'b.created_at as since'])
    .where('b.blocker_id', '=', accountId)
    .orderBy('b.created_at', 'desc')
    .orderBy('a.handle')
    .execute();
}

/** Blocks once: blocking again keeps the first time. */
export async function insertBlock(db: DbOrTx, blockerId: number, blockedId: number, now: string): Promise<void> {
  await db
    .insertInto('blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .execute();
}

export async function deleteBlock(db: DbOrTx, blockerId: number, blockedId: number): Promise<void> {
  await db.deleteFrom('blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).execute();
}
