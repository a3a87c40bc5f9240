import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx, LiveMeetingsTable } from '../../../../db/types.js';
import type { LiveGroup } from './groups.js';

export type LiveMeetingRow = Selectable<LiveMeetingsTable>;

export async function insertLiveMeeting(db: DbOrTx, row: Insertable<LiveMeetingsTable>): Promise<LiveMeetingRow> {
  return db.insertInto('live_meetings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateLiveMeeting(db: DbOrTx, id: number, changes: Updateable<LiveMeetingsTable>): Promise<void> {
  await db.updateTable('live_meetings').set(changes).where('id', '=', id).execute();
}

/** A group's meeting that is not cancelled. */
export function findActiveMeeting(db: DbOrTx, groupId: number, id: number): Promise<LiveMeetingRow | undefined> {
  return db
    .selectFrom('live_meetings')
    .selectAll()
    .where('id', '=', id)
    .where('group_id', '=', groupId)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
}

export function listActiveMeetings(db: DbOrTx, groupId: number): Promise<LiveMeetingRow[]> {
  return db
    .selectFrom('live_meetings')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('cancelled_at', 'is', null)
    .orderBy('id')
    .execute();
}

/** Every meeting that may have occurrences: not cancelled, in a group that is not archived; with its group. */
export async function listSchedulable(db: DbOrTx): Promise<{ meeting: LiveMeetingRow; group: LiveGroup }[]> {
  const rows = await db
    .selectFrom('live_meetings as m')
    .innerJoin('support_groups as g', 'g.id', 'm.group_id')
    .selectAll('m')
    .select([
      'g.slug as g_slug',
      'g.name as g_name',
      'g.description as g_description',
      'g.fellowship as g_fellowship',
      'g.language as g_language',
      'g.time_zone as g_time_zone',
      'g.chat_retention_days as g_retention',
      'g.types as g_types',
      'g.archived_at as g_archived_at',
    ])
    .where('m.cancelled_at', 'is', null)
    .where('g.archived_at', 'is', null)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => {
    const {
      g_slug,
      g_name,
      g_description,
      g_fellowship,
      g_language,
      g_time_zone,
      g_retention,
      g_types,
      g_archived_at,
      ...meeting
    } = r;
    return {
      meeting,
      group: {
        id: meeting.group_id,
        slug: g_slug,
        name: g_name,
        description: g_description,
        fellowship: g_fellowship,
        language: g_language,
        time_zone: g_time_zone,
        chat_retention_days: g_retention,
        types: g_types,
        archived_at: g_archived_at,
      },
    };
  });
}

/** Every meeting of a group, cancelled ones included. */
export async function meetingIdsOfGroup(db: DbOrTx, groupId: number): Promise<number[]> {
  const rows = await db.selectFrom('live_meetings').select('id').where('group_id', '=', groupId).execute();
  return rows.map((r) => r.id);
}
