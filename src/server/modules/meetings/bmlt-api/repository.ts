import type { Attendance, DbOrTx } from '../../../db/types.js';
import { meetingRowsQuery } from '../repository/meeting-rows.js';

/**
 * The reads behind the BMLT endpoints. Every query is plain SQL both SQLite
 * and PostgreSQL run; filters here are prefilters that may let extra rows
 * through (LIKE is case-insensitive on SQLite, and `_` matches any character),
 * never drop a row that matches, so the search checks each row exactly after.
 */

/** Prefilters for meeting rows; every field narrows, absent fields do not. */
export interface CandidateFilter {
  entityIds?: number[];
  meetingIds?: number[];
  attendanceIn?: Attendance[];
  attendanceNotIn?: Attendance[];
  /** Stored weekdays (0 = Sunday); a row must have at least one. */
  anyDay?: number[];
  /** Spec type codes a row must all have. */
  allTypes?: string[];
  /** Custom codes a row must all have, each within its source. */
  allCustom?: { sourceId: number; code: string }[];
  /** Only rows with coordinates inside this box (no `lng`: any longitude). */
  box?: { minLat: number; maxLat: number; lng?: { min: number; max: number } };
}

/** Lists longer than this go unfiltered in SQL (the exact check still applies) to stay within bind limits. */
const MAX_IN_LIST = 1000;

/** Ids beyond PostgreSQL's integer range would make the query fail; no row has one, so they are dropped. */
const storedIds = (ids: number[]) => ids.filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2 ** 31 - 1);

/** A JSON-list membership pattern, or undefined when LIKE could not express it safely (backslashes escape on PostgreSQL). */
const listPattern = (code: string) => (/[\\"]/.test(code) ? undefined : `%${JSON.stringify(code)}%`);

/** Live weekly meetings with everything they point to, plus the entity id BMLT calls the service body. */
export async function findCandidates(db: DbOrTx, f: CandidateFilter) {
  let q = meetingRowsQuery(db).select('m.entity_id').where('m.deleted_at', 'is', null).where('m.days', '<>', '');
  const entityIds = f.entityIds && storedIds(f.entityIds);
  if (entityIds && entityIds.length <= MAX_IN_LIST) {
    if (entityIds.length === 0) return [];
    q = q.where('m.entity_id', 'in', entityIds);
  }
  const meetingIds = f.meetingIds && storedIds(f.meetingIds);
  if (meetingIds && meetingIds.length <= MAX_IN_LIST) {
    if (meetingIds.length === 0) return [];
    q = q.where('m.id', 'in', meetingIds);
  }
  if (f.attendanceIn) {
    if (f.attendanceIn.length === 0) return [];
    q = q.where('m.attendance', 'in', f.attendanceIn);
  }
  if (f.attendanceNotIn && f.attendanceNotIn.length > 0) q = q.where('m.attendance', 'not in', f.attendanceNotIn);
  if (f.anyDay && f.anyDay.length > 0) {
    // Days are single digits in a comma list, so a digit's presence is a day's presence.
    const days = f.anyDay;
    q = q.where((eb) => eb.or(days.map((d) => eb('m.days', 'like', `%${d}%`))));
  }
  for (const code of f.allTypes ?? []) {
    const pattern = listPattern(code);
    if (pattern) q = q.where('m.types', 'like', pattern);
  }
  for (const { sourceId, code } of f.allCustom ?? []) {
    q = q.where('m.source_id', '=', sourceId); // a source's own code: its meetings only
    const pattern = listPattern(code);
    if (pattern) q = q.where('m.custom_types', 'like', pattern);
  }
  if (f.box) {
    q = q.where('l.latitude', '>=', f.box.minLat).where('l.latitude', '<=', f.box.maxLat);
    if (f.box.lng) q = q.where('l.longitude', '>=', f.box.lng.min).where('l.longitude', '<=', f.box.lng.max);
    else q = q.where('l.longitude', 'is not', null);
  }
  return q.orderBy('m.id').execute();
}

export type CandidateRow = Awaited<ReturnType<typeof findCandidates>>[number];

export interface EntityRow {
  id: number;
  source_id: number;
  external_id: string;
  parent_external_id: string | null;
  name: string;
  type: string | null;
  description: string | null;
  url: string | null;
  phone: string | null;
  world_id: string | null;
}

/** Every service entity; directories hold hundreds, not millions. */
export async function listEntities(db: DbOrTx): Promise<EntityRow[]> {
  return db
    .selectFrom('entities')
    .select(['id', 'source_id', 'external_id', 'parent_external_id', 'name', 'type', 'description', 'url', 'phone', 'world_id'])
    .orderBy('id')
    .execute();
}

export interface CustomTypeRow {
  id: number;
  source_id: number;
  code: string;
  name: string | null;
  description: string | null;
}

export async function listCustomTypes(db: DbOrTx): Promise<CustomTypeRow[]> {
  return db.selectFrom('custom_types').select(['id', 'source_id', 'code', 'name', 'description']).orderBy('id').execute();
}

/** The distinct type lists of live meetings: what GetFormats reports as in use. */
export async function usedTypeLists(db: DbOrTx): Promise<{ source_id: number; types: string; custom_types: string }[]> {
  return db
    .selectFrom('meetings')
    .select(['source_id', 'types', 'custom_types'])
    .distinct()
    .where('deleted_at', 'is', null)
    .execute();
}

export interface LocationStats {
  count: number;
  meanLat: number | null;
  meanLng: number | null;
  minLat: number | null;
  maxLat: number | null;
  minLng: number | null;
  maxLng: number | null;
}

/** Mean and extent of live meetings' coordinates, one value per meeting. */
export async function liveLocationStats(db: DbOrTx): Promise<LocationStats> {
  const row = await db
    .selectFrom('meetings as m')
    .innerJoin('locations as l', 'l.id', 'm.location_id')
    .where('m.deleted_at', 'is', null)
    .where('l.latitude', 'is not', null)
    .where('l.longitude', 'is not', null)
    .select((eb) => [
      eb.fn.countAll().as('count'),
      eb.fn.avg('l.latitude').as('meanLat'),
      eb.fn.avg('l.longitude').as('meanLng'),
      eb.fn.min('l.latitude').as('minLat'),
      eb.fn.max('l.latitude').as('maxLat'),
      eb.fn.min('l.longitude').as('minLng'),
      eb.fn.max('l.longitude').as('maxLng'),
    ])
    .executeTakeFirstOrThrow();
  // PostgreSQL returns counts (bigint) as strings; both drivers may return null for an empty set.
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    count: Number(row.count),
    meanLat: num(row.meanLat),
    meanLng: num(row.meanLng),
    minLat: num(row.minLat),
    maxLat: num(row.maxLat),
    minLng: num(row.minLng),
    maxLng: num(row.maxLng),
  };
}
