import type { DbOrTx } from '../../../../db/types.js';

/** A room with what its info needs: the group's slug and name, the meeting's title. */
export interface RoomDetail {
  id: number;
  group_id: number;
  kind: 'open' | 'live';
  status: 'open' | 'closed';
  occurrence_at: string | null;
  closes_at: string | null;
  closed_at: string | null;
  retention_days: number | null;
  group_slug: string;
  group_name: string;
  group_time_zone: string;
  group_archived_at: string | null;
  meeting_title: string | null;
}

function roomDetails(db: DbOrTx) {
  return db
    .selectFrom('rooms as r')
    .innerJoin('support_groups as g', 'g.id', 'r.group_id')
    .leftJoin('live_meetings as m', 'm.id', 'r.live_meeting_id')
    .select([
      'r.id',
      'r.group_id',
      'r.kind',
      'r.status',
      'r.occurrence_at',
      'r.closes_at',
      'r.closed_at',
      'r.retention_days',
      'g.slug as group_slug',
      'g.name as group_name',
      'g.time_zone as group_time_zone',
      'g.archived_at as group_archived_at',
      'm.title as meeting_title',
    ]);
}

export function findRoomDetail(db: DbOrTx, id: number): Promise<RoomDetail | undefined> {
  return roomDetails(db).where('r.id', '=', id).executeTakeFirst();
}

/** A group's open rooms (the always-on one and live meetings under way) and its latest closed live rooms. */
export async function listGroupRooms(db: DbOrTx, groupId: number, closedLimit: number): Promise<RoomDetail[]> {
  const open = await roomDetails(db).where('r.group_id', '=', groupId).where('r.status', '=', 'open').orderBy('r.id').execute();
  const closed = await roomDetails(db)
    .where('r.group_id', '=', groupId)
    .where('r.kind', '=', 'live')
    .where('r.status', '=', 'closed')
    .orderBy('r.closed_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(closedLimit)
    .execute();
  return [...open, ...closed];
}

/** Whether an occurrence's room exists (open, or already closed: a room ended early is not opened again). */
export async function occurrenceRoomExists(db: DbOrTx, liveMeetingId: number, occurrenceAt: string): Promise<boolean> {
  const row = await db
    .selectFrom('rooms')
    .select('id')
    .where('live_meeting_id', '=', liveMeetingId)
    .where('occurrence_at', '=', occurrenceAt)
    .executeTakeFirst();
  return row !== undefined;
}

/** Live rooms still open whose end has come. */
export async function roomsDueToClose(db: DbOrTx, now: string): Promise<number[]> {
  const rows = await db
    .selectFrom('rooms')
    .select('id')
    .where('kind', '=', 'live')
    .where('status', '=', 'open')
    .where('closes_at', '<=', now)
    .execute();
  return rows.map((r) => r.id);
}
