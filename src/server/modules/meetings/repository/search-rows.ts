import { sql } from 'kysely';
import { sqliteRawRows, sqliteValues } from '../../../db/sqlite.js';
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

/** The text half of a meeting row, as the boot-time build's fallback reads it (see search/loader.ts). */
export type MeetingTextTuple = readonly [
  id: number,
  name: string,
  notes: string | null,
  locationId: number | null,
  groupId: number | null,
  regionId: number | null,
];

/** A location: its name, address and city joined by spaces (null as ''), and its coordinates. */
export type PlaceSearchTuple = readonly [id: number, text: string, latitude: number | null, longitude: number | null];

/** A group's name or a region's path. */
export type NamedTuple = readonly [id: number, name: string];

const sep = sql.lit(PACKED_SEPARATOR);

const scheduleText = sql<string>`m.days || ${sep} || coalesce(m.time, '') || ${sep} || coalesce(m.end_time, '')`;
const kindText = sql<string>`m.attendance || ${sep} || m.types || ${sep} || coalesce(m.timezone, '') || ${sep} || coalesce(m.fellowship, '')`;
const scheduleColumn = scheduleText.as('schedule');
const kindColumn = kindText.as('kind');

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
      scheduleColumn,
      kindColumn,
    ])
    .where('m.deleted_at', 'is', null);
}

/**
 * meetingTextQuery's rows as one text each, for the build worker on SQLite (search/packed-rows.ts): id, location,
 * group and region ids (empty for null), the name with the separator replaced by a space (it folds the same), then
 * the notes.
 */
function packedTextQuery(db: DbOrTx) {
  return db
    .selectFrom('meetings as m')
    .select(
      sql<string>`m.id || ${sep} || coalesce(m.location_id, '') || ${sep} || coalesce(m.group_id, '') || ${sep} || coalesce(m.region_id, '') || ${sep} || replace(m.name, ${sep}, ' ') || ${sep} || coalesce(m.notes, '')`.as(
        'row',
      ),
    )
    .where('m.deleted_at', 'is', null);
}

function meetingTextQuery(db: DbOrTx) {
  return db
    .selectFrom('meetings as m')
    .select(['m.id', 'm.name', 'm.notes', 'm.location_id', 'm.group_id', 'm.region_id'])
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

/** A location's name, address and city joined by spaces (null as ''). */
const placeText = sql<string>`coalesce(l.name, '') || ' ' || coalesce(l.formatted_address, '') || ' ' || coalesce(l.city, '')`;

function placeSearchQuery(db: DbOrTx) {
  return db.selectFrom('locations as l').select(['l.id', placeText.as('text'), 'l.latitude', 'l.longitude']);
}

type PlaceSearchRow = Awaited<ReturnType<ReturnType<typeof placeSearchQuery>['execute']>>[number];

const placeTuple = (r: PlaceSearchRow): PlaceSearchTuple => [
  r.id,
  r.text,
  r.latitude === null ? null : Number(r.latitude),
  r.longitude === null ? null : Number(r.longitude),
];

function placeCoordsQuery(db: DbOrTx) {
  return db.selectFrom('locations as l').select(['l.id', 'l.latitude', 'l.longitude']);
}

function placeTextQuery(db: DbOrTx) {
  return db.selectFrom('locations as l').select(['l.id', placeText.as('text')]);
}

// textPageSql's packed rows (search/packed-rows.ts): the id, then the text.
const packedPlaceQuery = (db: DbOrTx) =>
  db.selectFrom('locations as l').select(sql<string>`l.id || ${sep} || ${placeText}`.as('row'));
const packedGroupQuery = (db: DbOrTx) => db.selectFrom('groups as g').select(sql<string>`g.id || ${sep} || g.name`.as('row'));
const packedRegionQuery = (db: DbOrTx) => db.selectFrom('regions as r').select(sql<string>`r.id || ${sep} || r.path`.as('row'));

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

/**
 * SQLite only: live meetings' columns as one text each, for the boot-time build (search/packed-rows.ts reads them):
 * id, source, location and region ids (empty for null), the packed schedule, then the packed kind (its fellowship,
 * the one free text, last). Null when `db` is not a SQLite connection.
 */
export function packedColumnsPage(db: DbOrTx, after: number, limit: number): string[] | null {
  const query = db
    .selectFrom('meetings as m')
    .select(
      sql<string>`m.id || ${sep} || m.source_id || ${sep} || coalesce(m.location_id, '') || ${sep} || coalesce(m.region_id, '') || ${sep} || ${scheduleText} || ${sep} || ${kindText}`.as(
        'row',
      ),
    )
    .where('m.deleted_at', 'is', null)
    .where('m.id', '>', after)
    .orderBy('m.id')
    .limit(limit);
  return sqliteValues(db, query.compile()) as string[] | null;
}

/** Live meetings' text and what it comes from, with an id above `after`, by id, at most `limit`. */
export function meetingTextPage(db: DbOrTx, after: number, limit: number): Promise<MeetingTextTuple[]> {
  return tuples(db, meetingTextQuery(db).where('m.id', '>', after).orderBy('m.id').limit(limit), (r) => [
    r.id,
    r.name,
    r.notes,
    r.location_id,
    r.group_id,
    r.region_id,
  ]);
}

/** Locations' coordinates, with an id above `after`, by id, at most `limit`. */
export function placeCoordsPage(
  db: DbOrTx,
  after: number,
  limit: number,
): Promise<(readonly [id: number, latitude: number | null, longitude: number | null])[]> {
  return tuples(db, placeCoordsQuery(db).where('l.id', '>', after).orderBy('l.id').limit(limit), (r) => [
    r.id,
    r.latitude === null ? null : Number(r.latitude),
    r.longitude === null ? null : Number(r.longitude),
  ]);
}

/** Locations' text (name, address and city joined by spaces), with an id above `after`, by id, at most `limit`. */
export function placeTextPage(db: DbOrTx, after: number, limit: number): Promise<NamedTuple[]> {
  return tuples(db, placeTextQuery(db).where('l.id', '>', after).orderBy('l.id').limit(limit), (r) => [r.id, r.text]);
}

/**
 * The SQL of the text half's page queries (places' text, groups, regions, meetings' text), for a worker thread that
 * runs them on a connection of its own: each takes two parameters, the id to read after and the page size, and
 * returns what placeTextPage, groupNamePage, regionPathPage and meetingTextPage do, as one packed text per row (see
 * search/packed-rows.ts; the id first, the free text last). Null when Kysely compiles them otherwise than expected.
 */
export function textPageSql(db: DbOrTx): { places: string; groups: string; regions: string; meetings: string } | null {
  const AFTER = -7;
  const LIMIT = 7919;
  const out = {
    places: packedPlaceQuery(db).where('l.id', '>', AFTER).orderBy('l.id').limit(LIMIT).compile(),
    groups: packedGroupQuery(db).where('g.id', '>', AFTER).orderBy('g.id').limit(LIMIT).compile(),
    regions: packedRegionQuery(db).where('r.id', '>', AFTER).orderBy('r.id').limit(LIMIT).compile(),
    meetings: packedTextQuery(db).where('m.id', '>', AFTER).orderBy('m.id').limit(LIMIT).compile(),
  };
  for (const q of Object.values(out))
    if (q.parameters.length !== 2 || q.parameters[0] !== AFTER || q.parameters[1] !== LIMIT) return null;
  return { places: out.places.sql, groups: out.groups.sql, regions: out.regions.sql, meetings: out.meetings.sql };
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
