import { sql } from 'kysely';
import { sqliteRawRows } from '../../../db/sqlite.js';
import type { DbOrTx } from '../../../db/types.js';

/**
 * What the search index reads, leaner than meetingRowsQuery: meetings without joins, and the places, groups and
 * regions they point to read once each (250,000 meetings share 78,000 places in the benchmark directory), so their
 * text is folded and split once per place rather than once per meeting. Rows are tuples in select order: on SQLite
 * they come straight from a raw better-sqlite3 statement (arrays, no per-row object, no Kysely per-row work), which
 * halved the read at boot; on PostgreSQL Kysely's objects are turned into the same tuples.
 */

/**
 * Separates the values packed into one column below. Reading a text value costs better-sqlite3 about 80 ns, so
 * seven short columns packed into two saved 150 ms at boot; a control character never occurs in JSON text (the
 * types), an IANA zone name, days or "HH:MM" times, and the one free-text value (fellowship) is last.
 */
export const PACKED_SEPARATOR = '\u001f';

export type MeetingSearchTuple = readonly [
  id: number,
  sourceId: number,
  name: string,
  notes: string | null,
  locationId: number | null,
  groupId: number | null,
  regionId: number | null,
  /** days, time, end_time (null as ''), separated by PACKED_SEPARATOR */
  schedule: string,
  /** attendance, types (JSON), timezone, fellowship (null as ''), separated by PACKED_SEPARATOR */
  kind: string,
];

/** A location: its name, address and city joined by spaces (null as ''), and its coordinates. */
export type PlaceSearchTuple = readonly [id: number, text: string, latitude: number | null, longitude: number | null];

/** A group's name or a region's path. */
export type NamedTuple = readonly [id: number, name: string];

const sep = sql.lit(PACKED_SEPARATOR);

function meetingSearchQuery(db: DbOrTx) {
  return db
    .selectFrom('meetings as m')
    .select([
      'm.id',
      'm.source_id',
      'm.name',
      'm.notes',
      'm.location_id',
      'm.group_id',
      'm.region_id',
      sql<string>`m.days || ${sep} || coalesce(m.time, '') || ${sep} || coalesce(m.end_time, '')`.as('schedule'),
      sql<string>`m.attendance || ${sep} || m.types || ${sep} || coalesce(m.timezone, '') || ${sep} || coalesce(m.fellowship, '')`.as(
        'kind',
      ),
    ])
    .where('m.deleted_at', 'is', null);
}

type MeetingSearchRow = Awaited<ReturnType<ReturnType<typeof meetingSearchQuery>['execute']>>[number];

const meetingTuple = (r: MeetingSearchRow): MeetingSearchTuple => [
  r.id,
  r.source_id,
  r.name,
  r.notes,
  r.location_id,
  r.group_id,
  r.region_id,
  r.schedule,
  r.kind,
];

function placeSearchQuery(db: DbOrTx) {
  return db
    .selectFrom('locations as l')
    .select([
      'l.id',
      sql<string>`coalesce(l.name, '') || ' ' || coalesce(l.formatted_address, '') || ' ' || coalesce(l.city, '')`.as('text'),
      'l.latitude',
      'l.longitude',
    ]);
}

type PlaceSearchRow = Awaited<ReturnType<ReturnType<typeof placeSearchQuery>['execute']>>[number];

const placeTuple = (r: PlaceSearchRow): PlaceSearchTuple => [
  r.id,
  r.text,
  r.latitude === null ? null : Number(r.latitude),
  r.longitude === null ? null : Number(r.longitude),
];

const groupQuery = (db: DbOrTx) => db.selectFrom('groups as g').select(['g.id', 'g.name']);
const regionQuery = (db: DbOrTx) => db.selectFrom('regions as r').select(['r.id', 'r.path as name']);
const namedTuple = (r: { id: number; name: string }): NamedTuple => [r.id, r.name];

interface Runnable<R> {
  compile(): { sql: string; parameters: readonly unknown[] };
  execute(): Promise<R[]>;
}

/** Raw arrays on SQLite; Kysely objects turned into the same tuples elsewhere. */
async function tuples<R, T>(db: DbOrTx, query: Runnable<R>, toTuple: (row: R) => T): Promise<T[]> {
  return (sqliteRawRows(db, query.compile()) as T[] | null) ?? (await query.execute()).map(toTuple);
}

/** Live meetings with an id above `after`, by id, at most `limit` (keyset paging). */
export function liveMeetingSearchPage(db: DbOrTx, after: number, limit: number): Promise<MeetingSearchTuple[]> {
  return tuples(db, meetingSearchQuery(db).where('m.id', '>', after).orderBy('m.id').limit(limit), meetingTuple);
}

/** The live ones of these meetings (at most a few thousand ids). */
export function liveMeetingSearchRows(db: DbOrTx, ids: readonly number[]): Promise<MeetingSearchTuple[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tuples(db, meetingSearchQuery(db).where('m.id', 'in', [...ids]), meetingTuple);
}

/** Locations with an id above `after`, by id, at most `limit`. */
export function placeSearchPage(db: DbOrTx, after: number, limit: number): Promise<PlaceSearchTuple[]> {
  return tuples(db, placeSearchQuery(db).where('l.id', '>', after).orderBy('l.id').limit(limit), placeTuple);
}

export function placeSearchRows(db: DbOrTx, ids: readonly number[]): Promise<PlaceSearchTuple[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tuples(db, placeSearchQuery(db).where('l.id', 'in', [...ids]), placeTuple);
}

export function groupNamePage(db: DbOrTx, after: number, limit: number): Promise<NamedTuple[]> {
  return tuples(db, groupQuery(db).where('g.id', '>', after).orderBy('g.id').limit(limit), namedTuple);
}

export function groupNameRows(db: DbOrTx, ids: readonly number[]): Promise<NamedTuple[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tuples(db, groupQuery(db).where('g.id', 'in', [...ids]), namedTuple);
}

export function regionPathPage(db: DbOrTx, after: number, limit: number): Promise<NamedTuple[]> {
  return tuples(db, regionQuery(db).where('r.id', '>', after).orderBy('r.id').limit(limit), namedTuple);
}

export function regionPathRows(db: DbOrTx, ids: readonly number[]): Promise<NamedTuple[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tuples(db, regionQuery(db).where('r.id', 'in', [...ids]), namedTuple);
}
