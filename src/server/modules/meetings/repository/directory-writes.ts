import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx, LocationsTable, MeetingChangesTable, MeetingsTable } from '../../../db/types.js';
import type { NormalizedEntity } from '../model.js';
import { bulkInsertSqlite } from '../../../db/bulk.js';

/** Rows per multi-row INSERT: 500 × ~40 columns stays below SQLite's 32,766 bound parameters. */
export const BATCH = 500;

function chunks<T>(list: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface ExistingMeeting {
  id: number;
  hash: string;
  rawHash: string | null;
  deleted: boolean;
}

/** What a source already holds, keyed the way the importer looks things up. */
export interface SourceState {
  meetings: Map<string, ExistingMeeting>;
  locations: Map<string, number>;
  groups: Map<string, { id: number; notes: string | null }>;
  regions: Map<string, number>;
  entities: Map<string, number>;
  customTypes: Map<string, { id: number; name: string | null; description: string | null }>;
}

export async function loadSourceState(db: DbOrTx, sourceId: number): Promise<SourceState> {
  const [meetings, locations, groups, regions, entities, customTypes] = await Promise.all([
    db
      .selectFrom('meetings')
      .select(['id', 'slug', 'content_hash', 'raw_hash', 'deleted_at'])
      .where('source_id', '=', sourceId)
      .execute(),
    db.selectFrom('locations').select(['id', 'key']).where('source_id', '=', sourceId).execute(),
    db.selectFrom('groups').select(['id', 'name', 'notes']).where('source_id', '=', sourceId).execute(),
    db.selectFrom('regions').select(['id', 'path']).where('source_id', '=', sourceId).execute(),
    db.selectFrom('entities').select(['id', 'external_id']).where('source_id', '=', sourceId).execute(),
    db.selectFrom('custom_types').select(['id', 'code', 'name', 'description']).where('source_id', '=', sourceId).execute(),
  ]);
  return {
    meetings: new Map(
      meetings.map((m) => [
        m.slug,
        { id: m.id, hash: m.content_hash, rawHash: m.raw_hash ?? null, deleted: m.deleted_at !== null },
      ]),
    ),
    locations: new Map(locations.map((l) => [l.key, l.id])),
    groups: new Map(groups.map((g) => [g.name, { id: g.id, notes: g.notes }])),
    regions: new Map(regions.map((r) => [r.path, r.id])),
    entities: new Map(entities.map((e) => [e.external_id, e.id])),
    customTypes: new Map(customTypes.map((c) => [c.code, { id: c.id, name: c.name, description: c.description }])),
  };
}

export async function insertLocations(db: DbOrTx, rows: Insertable<LocationsTable>[]): Promise<{ id: number; key: string }[]> {
  const fast = bulkInsertSqlite(db, 'locations', rows);
  if (fast) return fast.map((id, i) => ({ id, key: rows[i]!.key }));
  const out: { id: number; key: string }[] = [];
  for (const chunk of chunks(rows))
    out.push(...(await db.insertInto('locations').values(chunk).returning(['id', 'key']).execute()));
  return out;
}

export async function insertGroup(db: DbOrTx, sourceId: number, name: string, notes: string | null): Promise<number> {
  const row = await db
    .insertInto('groups')
    .values({ source_id: sourceId, name, notes })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts groups new to the source; returns their ids by name. */
export async function insertGroups(
  db: DbOrTx,
  sourceId: number,
  groups: { name: string; notes: string | null }[],
): Promise<{ id: number; name: string }[]> {
  const rows = groups.map((g) => ({ source_id: sourceId, name: g.name, notes: g.notes }));
  const fast = bulkInsertSqlite(db, 'groups', rows);
  if (fast) return fast.map((id, i) => ({ id, name: rows[i]!.name }));
  const out: { id: number; name: string }[] = [];
  for (const chunk of chunks(rows, 2000))
    out.push(...(await db.insertInto('groups').values(chunk).returning(['id', 'name']).execute()));
  return out;
}

export async function updateGroupNotes(db: DbOrTx, id: number, notes: string | null): Promise<void> {
  await db.updateTable('groups').set({ notes }).where('id', '=', id).execute();
}

export async function insertRegion(
  db: DbOrTx,
  sourceId: number,
  parentId: number | null,
  name: string,
  path: string,
  depth: number,
): Promise<number> {
  const row = await db
    .insertInto('regions')
    .values({ source_id: sourceId, parent_id: parentId, name, path, depth })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts or refreshes a service entity; returns its id. */
export async function upsertEntity(db: DbOrTx, sourceId: number, e: NormalizedEntity): Promise<number> {
  const values = {
    name: e.name,
    parent_external_id: e.parent_external_id ?? null,
    type: e.type ?? null,
    description: e.description ?? null,
    url: e.url,
    email: e.email,
    phone: e.phone,
    location: e.location,
    logo: e.logo,
    world_id: e.world_id ?? null,
  };
  const row = await db
    .insertInto('entities')
    .values({ source_id: sourceId, external_id: e.external_id, ...values })
    .onConflict((oc) => oc.columns(['source_id', 'external_id']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertCustomType(
  db: DbOrTx,
  sourceId: number,
  code: string,
  name: string | null,
  description: string | null,
): Promise<void> {
  await db
    .insertInto('custom_types')
    .values({ source_id: sourceId, code, name, description })
    .onConflict((oc) => oc.columns(['source_id', 'code']).doUpdateSet({ name, description }))
    .execute();
}

export async function insertMeetings(db: DbOrTx, rows: Insertable<MeetingsTable>[]): Promise<{ id: number; slug: string }[]> {
  const fast = bulkInsertSqlite(db, 'meetings', rows);
  if (fast) return fast.map((id, i) => ({ id, slug: rows[i]!.slug }));
  const out: { id: number; slug: string }[] = [];
  for (const chunk of chunks(rows))
    out.push(...(await db.insertInto('meetings').values(chunk).returning(['id', 'slug']).execute()));
  return out;
}

export type MeetingUpdate = Omit<Insertable<MeetingsTable>, 'source_id' | 'slug' | 'created_at'>;

export async function updateMeeting(db: DbOrTx, id: number, row: MeetingUpdate): Promise<void> {
  await db.updateTable('meetings').set(row).where('id', '=', id).execute();
}

export type ChangeRow = Omit<Selectable<MeetingChangesTable>, 'id'>;

export async function insertChanges(db: DbOrTx, rows: ChangeRow[]): Promise<void> {
  if (bulkInsertSqlite(db, 'meeting_changes', rows)) return;
  // Six columns a row: larger chunks are fine and cut round trips.
  for (const chunk of chunks(rows, 2000)) await db.insertInto('meeting_changes').values(chunk).execute();
}

/** Records new fingerprints of meetings whose feed element changed form but not content. */
export async function setRawHashes(db: DbOrTx, rows: { id: number; fingerprint: string }[]): Promise<void> {
  for (const r of rows) await db.updateTable('meetings').set({ raw_hash: r.fingerprint }).where('id', '=', r.id).execute();
}

/** Soft-deletes: the rows stay, so history and bookmarks can still explain what happened. */
export async function softDeleteMeetings(db: DbOrTx, ids: number[], at: string): Promise<void> {
  for (const chunk of chunks(ids, 5000)) {
    await db.updateTable('meetings').set({ deleted_at: at, updated_at: at }).where('id', 'in', chunk).execute();
  }
}

/** Locations of this source that no meeting (live or removed) refers to any more. */
export async function deleteOrphanLocations(db: DbOrTx, sourceId: number): Promise<number> {
  const r = await db
    .deleteFrom('locations')
    .where('source_id', '=', sourceId)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('meetings').select('meetings.id').whereRef('meetings.location_id', '=', 'locations.id'))),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
