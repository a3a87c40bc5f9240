import type { DbOrTx } from '../../../db/types.js';
import { meetingRowsQuery, type MeetingRow } from './meeting-rows.js';

/** A meeting that is listed now (not deleted by its feed), with everything it points to; undefined otherwise. */
export function findLiveMeeting(db: DbOrTx, id: number): Promise<MeetingRow | undefined> {
  return meetingRowsQuery(db).where('m.id', '=', id).where('m.deleted_at', 'is', null).executeTakeFirst();
}

/** Whether a meeting is listed now, without reading the whole row. */
export async function isLiveMeeting(db: DbOrTx, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('meetings')
    .select('id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Names a source gave its own (non-spec) type codes; codes without a name are left out. */
export async function customTypeNames(db: DbOrTx, sourceId: number, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('custom_types')
    .select(['code', 'name'])
    .where('source_id', '=', sourceId)
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.filter((r) => r.name).map((r) => [r.code, r.name!]));
}
