import type { Insertable } from 'kysely';
import type { DbOrTx, ReportsTable } from '../../../db/types.js';

export async function insertReport(db: DbOrTx, row: Insertable<ReportsTable>): Promise<number> {
  const made = await db.insertInto('reports').values(row).returning('id').executeTakeFirstOrThrow();
  return made.id;
}

/** Open reports, newest first: of one group, or of every group (`groupId` undefined, for moderators). */
export function listOpenReports(db: DbOrTx, groupId: number | undefined, limit = 200) {
  let q = db
    .selectFrom('reports as r')
    .leftJoin('support_groups as g', 'g.id', 'r.group_id')
    .select([
      'r.id',
      'r.room_id',
      'r.message_id',
      'r.post_id',
      'r.reason',
      'r.note',
      'r.status',
      'r.snapshot',
      'r.created_at',
      'g.slug as group_slug',
      'g.name as group_name',
    ])
    .where('r.status', '=', 'open');
  if (groupId !== undefined) q = q.where('r.group_id', '=', groupId);
  return q.orderBy('r.id', 'desc').limit(limit).execute();
}

/** A chat message with its room's group and its author's handle. */
export function findMessage(db: DbOrTx, id: number) {
  return db
    .selectFrom('room_messages as m')
    .innerJoin('rooms as r', 'r.id', 'm.room_id')
    .leftJoin('accounts as a', 'a.id', 'm.author_id')
    .select(['m.id', 'm.room_id', 'm.seq', 'm.author_id', 'm.body', 'm.created_at', 'r.group_id', 'a.handle'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** The `count` messages before sequence `seq` in the room, oldest first. */
export async function messagesBefore(db: DbOrTx, roomId: number, seq: number, count: number) {
  const rows = await db
    .selectFrom('room_messages as m')
    .leftJoin('accounts as a', 'a.id', 'm.author_id')
    .select(['m.id', 'm.body', 'm.created_at', 'a.handle'])
    .where('m.room_id', '=', roomId)
    .where('m.seq', '<', seq)
    .orderBy('m.seq', 'desc')
    .limit(count)
    .execute();
  return rows.reverse();
}

/** Reports whose copy may name `handle` (a LIKE pre-filter; the caller checks each exactly). */
export function reportsMentioning(db: DbOrTx, handle: string) {
  return db.selectFrom('reports').select(['id', 'snapshot']).where('snapshot', 'like', `%${handle}%`).execute();
}

export async function updateReport(db: DbOrTx, id: number, patch: { snapshot?: string; note?: string | null }): Promise<void> {
  await db.updateTable('reports').set(patch).where('id', '=', id).execute();
}
