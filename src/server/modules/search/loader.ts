import type { DbOrTx } from '../../db/types.js';
import { meetingIndexRowsQuery, type MeetingIndexRow } from '../meetings/repository/meeting-rows.js';
import type { IndexedMeeting } from './index/indexed-meeting.js';
import { fold } from './index/text.js';
import { durationMinutes, toMinutes } from '../meetings/normalize/time.js';

/**
 * The result-list shape of a meeting: what a list row and a map pin need, and
 * no more (the full meeting comes from /api/meetings/:id). Serialised once
 * when indexed, so answering a search costs no database round trip.
 */
export function summaryOf(
  row: MeetingIndexRow,
  days: number[] = row.days === '' ? [] : row.days.split(',').map(Number),
  types: string[] = JSON.parse(row.types) as string[],
): Record<string, unknown> {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    fellowship: row.fellowship,
    attendance: row.attendance,
    types,
    days,
    time: row.time,
    end_time: row.end_time,
    timezone: row.timezone,
    location: row.attendance === 'online' ? null : row.location_name,
    formatted_address: row.attendance === 'online' ? null : row.formatted_address,
    city: row.city,
    region: row.region_path,
    lat: row.latitude === null ? null : Number(row.latitude),
    lng: row.longitude === null ? null : Number(row.longitude),
    approximate: row.approximate === 1,
    conference_provider: row.conference_provider,
    has_phone: row.conference_phone !== null,
  };
}

/** A stored meeting as the index holds it. */
export function toIndexed(row: MeetingIndexRow): IndexedMeeting {
  const days = row.days === '' ? [] : row.days.split(',').map(Number);
  const types = JSON.parse(row.types) as string[];
  const searchable = [
    row.name,
    row.group_name,
    row.location_name,
    row.formatted_address,
    row.city,
    row.region_path,
    row.notes?.slice(0, 500),
  ];
  return {
    id: row.id,
    sourceId: row.source_id,
    name: row.name,
    lat: row.latitude === null ? null : Number(row.latitude),
    lng: row.longitude === null ? null : Number(row.longitude),
    days,
    start: row.time ? toMinutes(row.time) : null,
    durationMin: row.time && row.end_time ? durationMinutes(row.time, row.end_time) : 60,
    timezone: row.timezone,
    types,
    fellowship: row.fellowship,
    attendance: row.attendance,
    region: row.region_path,
    searchText: fold(searchable.filter(Boolean).join(' ')),
    summaryJson: JSON.stringify(summaryOf(row, days, types)),
  };
}

/** Every live meeting, page by page (keyset on id), so a large directory loads without one huge result set. */
export async function* liveMeetings(db: DbOrTx, pageSize = 5000): AsyncGenerator<IndexedMeeting[]> {
  let after = 0;
  for (;;) {
    const rows = await meetingIndexRowsQuery(db)
      .where('m.deleted_at', 'is', null)
      .where('m.id', '>', after)
      .orderBy('m.id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map(toIndexed);
    after = rows[rows.length - 1]!.id;
    if (rows.length < pageSize) return;
  }
}

/** The current state of some meetings: indexed form for live ones, null for removed or unknown ids. */
export async function meetingsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, IndexedMeeting | null>> {
  const out = new Map<number, IndexedMeeting | null>(ids.map((id) => [id, null]));
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await meetingIndexRowsQuery(db)
      .where('m.id', 'in', ids.slice(i, i + 1000))
      .where('m.deleted_at', 'is', null)
      .execute();
    for (const row of rows) out.set(row.id, toIndexed(row));
  }
  return out;
}

/** Live meeting ids of a source, for a change event too large to list its ids. */
export async function liveIdsOfSource(db: DbOrTx, sourceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('id')
    .where('source_id', '=', sourceId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
