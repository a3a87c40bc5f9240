import { sqliteFileOf } from '../../db/sqlite.js';
import type { DbOrTx } from '../../db/types.js';
import { meetingIndexRowsQuery, type MeetingIndexRow } from '../meetings/repository/meeting-rows.js';
import {
  groupNamePage,
  groupNameRows,
  liveMeetingSearchPage,
  liveMeetingSearchRows,
  meetingTextPage,
  packedColumnsPage,
  type MeetingSearchTuple,
  type NamedTuple,
  PACKED_SEPARATOR,
  placeCoordsPage,
  placeSearchPage,
  placeSearchRows,
  type PlaceSearchTuple,
  placeTextPage,
  regionPathPage,
  regionPathRows,
  textPageSql,
} from '../meetings/repository/search-rows.js';
import {
  emptyColumns,
  fillColumns,
  type Kind,
  MeetingColumnsBuilder,
  parseKind,
  parseSchedule,
  type Schedule,
} from './bulk-columns.js';
import { type BuiltText, decodeText, MeetingTextBuilder, NOTES_LIMIT } from './bulk-text.js';
import { buildTextInWorker } from './build-thread.js';
import type { IndexedMeeting } from './index/indexed-meeting.js';
import type { ColumnLoader, MeetingStore, StoreRecord } from './index/meeting-store.js';
import type { TextPart } from './index/text-index.js';
import { fold } from './index/text.js';
import { PackedRow } from './packed-rows.js';

/**
 * The result-list shape of a meeting: what a list row and a map pin need, and no more (the full meeting comes from
 * /api/meetings/:id).
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

/**
 * The summaries of some meetings as JSON text, by id, in one query: a result page's worth (≤ 100), read when the
 * page is answered. Keeping them pre-serialised in the index cost about 450 bytes a meeting and a third of the boot
 * time. Deleted meetings are included (a search may have found one just before its removal reached the index);
 * ids of rows that no longer exist at all are missing from the map.
 */
export async function summariesOf(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = await meetingIndexRowsQuery(db)
    .where('m.id', 'in', [...ids])
    .execute();
  for (const row of rows) out.set(row.id, JSON.stringify(summaryOf(row)));
  return out;
}

interface Place {
  /** Folded name, address and city. */
  part: TextPart;
  lat: number | null;
  lng: number | null;
}

interface Region {
  path: string;
  part: TextPart;
  /** Its id in `internedIn`'s regions (the bulk load's store). */
  internedIn: MeetingStore | null;
  interned: number;
}

/**
 * Turns the lean rows of search-rows.ts into indexed meetings. What many meetings share is worked out once and
 * shared: a place's, group's or region's folded text (per row read), a folded name or notes (per distinct text),
 * the days and times, the attendance, types, zone and fellowship (per distinct packed value). The search text is
 * the folded parts joined by spaces, which equals folding the raw parts joined by spaces (as the index did before):
 * folding turns every run of other characters, the joining space included, into one space and trims the ends, and
 * the parts that fold to nothing are left out.
 */
export class IndexedMeetingBuilder {
  // By id: the ids are dense autoincrement keys, and an array is cheaper to fill and read than a Map.
  private readonly places: (Place | undefined)[] = [];
  private readonly groups: (TextPart | undefined)[] = [];
  private readonly regions: (Region | undefined)[] = [];
  private readonly folds = new Map<string, TextPart>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly kinds = new Map<string, Kind>();
  private readonly texts: string[] = [];
  /** Meetings `toRecord` met whose place, group or region it was not given. */
  readonly unresolved: number[] = [];

  addPlaces(rows: readonly PlaceSearchTuple[]): void {
    for (const [id, text, lat, lng] of rows) this.places[id] = { part: { text: fold(text) }, lat, lng };
  }

  addGroups(rows: readonly NamedTuple[]): void {
    for (const [id, name] of rows) this.groups[id] = { text: fold(name) };
  }

  addRegions(rows: readonly NamedTuple[]): void {
    for (const [id, path] of rows) this.regions[id] = { path, part: { text: fold(path) }, internedIn: null, interned: -1 };
  }

  /** A meeting as `MeetingStore.upsert` takes it (bus patches). */
  toIndexed(row: MeetingSearchTuple): IndexedMeeting {
    const place = row[4] === null ? undefined : this.places[row[4]];
    const region = row[6] === null ? undefined : this.regions[row[6]];
    const schedule = this.schedules.get(row[7]) ?? this.schedule(row[7]);
    const kind = this.kinds.get(row[8]) ?? this.kind(row[8]);
    const parts: TextPart[] = [];
    const sortName = this.textOf(row, place, region, parts);
    return {
      id: row[0],
      sourceId: row[1],
      name: row[2],
      lat: place ? place.lat : null,
      lng: place ? place.lng : null,
      days: schedule.days,
      start: schedule.start,
      durationMin: schedule.durationMin,
      timezone: kind.timezone,
      types: kind.types,
      fellowship: kind.fellowship,
      attendance: kind.attendance,
      region: region ? region.path : null,
      searchText: this.searchText(parts),
      searchParts: parts,
      sortName,
    };
  }

  /**
   * The same meeting straight in `store`'s terms, for its bulk load: what meetings share (type bits, interned
   * zone, fellowship and region) is interned once per distinct value, not once per meeting. The record returned
   * is reused by the next call.
   */
  toRecord(row: MeetingSearchTuple, store: MeetingStore): StoreRecord {
    const place = row[4] === null ? undefined : this.places[row[4]];
    const region = row[6] === null ? undefined : this.regions[row[6]];
    if ((row[4] !== null && !place) || (row[5] !== null && !this.groups[row[5]]) || (row[6] !== null && !region))
      this.unresolved.push(row[0]);
    const schedule = this.schedules.get(row[7]) ?? this.schedule(row[7]);
    const kind = this.kinds.get(row[8]) ?? this.kind(row[8]);
    const r = this.record;
    const parts = r.searchParts as TextPart[];
    parts.length = 0;
    r.sortName = this.textOf(row, place, region, parts);
    r.searchText = this.searchText(parts);
    return fillColumns(r, store, row[0], row[1], place?.lat ?? Number.NaN, place?.lng ?? Number.NaN, schedule, kind, region);
  }

  private readonly record: StoreRecord = {
    ...emptyColumns(),
    sortName: '',
    searchText: '',
    searchParts: [],
  };

  /** Fills `parts` with the meeting's non-empty folded parts, in the old order; returns the folded name. */
  private textOf(row: MeetingSearchTuple, place: Place | undefined, region: Region | undefined, parts: TextPart[]): string {
    const namePart = this.folded(row[2]);
    if (namePart.text !== '') parts.push(namePart);
    const group = row[5] === null ? undefined : this.groups[row[5]];
    if (group && group.text !== '') parts.push(group);
    if (place && place.part.text !== '') parts.push(place.part);
    if (region && region.part.text !== '') parts.push(region.part);
    const notes = row[3];
    if (notes) {
      const notesPart = this.folded(notes.length > NOTES_LIMIT ? notes.slice(0, NOTES_LIMIT) : notes);
      if (notesPart.text !== '') parts.push(notesPart);
    }
    return namePart.text;
  }

  /** The parts joined by spaces, as one flat string (a + b would make a rope that searching flattens later). */
  private searchText(parts: readonly TextPart[]): string {
    const texts = this.texts;
    texts.length = 0;
    for (const part of parts) texts.push(part.text);
    return texts.join(' ');
  }

  private folded(text: string): TextPart {
    let f = this.folds.get(text);
    if (f === undefined) this.folds.set(text, (f = { text: fold(text) }));
    return f;
  }

  private schedule(packed: string): Schedule {
    const s = parseSchedule(packed, PACKED_SEPARATOR);
    this.schedules.set(packed, s);
    return s;
  }

  private kind(packed: string): Kind {
    const k = parseKind(packed, PACKED_SEPARATOR);
    this.kinds.set(packed, k);
    return k;
  }
}

/** Pages of rows by id (the first value of each row) until one comes back short. */
export async function* idPages<T extends readonly [number, ...unknown[]]>(
  read: (after: number, limit: number) => Promise<T[]>,
  pageSize = PAGE_SIZE,
): AsyncGenerator<T[]> {
  for (let after = 0; ;) {
    const rows = await read(after, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]![0];
  }
}

/** Rows per query at boot: about as fast as larger pages, and the event loop gets a turn between them. */
const PAGE_SIZE = 5000;

/** How a boot-time build was made. */
export interface LoadReport {
  /**
   * The text half: 'worker' made in a worker thread; 'failed' the worker failed (`workerError`) and this thread made
   * it; 'none' made here (PostgreSQL, an in-memory database, `worker: false`).
   */
  textWorker: 'worker' | 'failed' | 'none';
  workerError?: Error;
  /** Meetings read again one by one at the end (changed while the build read). */
  reread: number;
}

/**
 * The index as built at boot (`SearchIndexService.start()`): every live meeting, bulk-loaded into an empty store.
 *
 * The build has two halves that read different columns of the same rows: the text half (bulk-text.ts: names, notes,
 * places, groups and regions folded into words, sort names and the text index) and the column half
 * (bulk-columns.ts: coordinates, schedule, zone, types and the rest). On a SQLite file the text half runs in a
 * worker thread (build-worker.ts) on a connection of its own, while this thread reads the columns into the store;
 * its arrays come back transferred, not copied. The halves are joined by meeting id. Should the worker fail, this
 * thread makes the text half itself. On PostgreSQL (or an in-memory SQLite database, or with `worker: false`) one
 * read of whole rows feeds both halves on this thread. `buildText` stands in for the worker in tests.
 */
export async function loadIndex(
  db: DbOrTx,
  store: MeetingStore,
  options: { worker?: boolean; buildText?: typeof buildTextInWorker } = {},
): Promise<LoadReport> {
  const load = store.loadColumns();
  const columns = new MeetingColumnsBuilder(store, PACKED_SEPARATOR);
  const file = options.worker === false ? null : sqliteFileOf(db);
  const sql = file === null ? null : textPageSql(db);
  const report: LoadReport = { textWorker: 'none', reread: 0 };
  let text: BuiltText;
  if (file !== null && sql !== null) {
    // Settled into a value at once, so a failure is never an unhandled rejection while this thread reads.
    const pending = (options.buildText ?? buildTextInWorker)({ file, sql, pageSize: PAGE_SIZE }).then(
      (built) => ({ built }),
      (err: unknown) => ({ err: err instanceof Error ? err : new Error(String(err)) }),
    );
    for await (const page of idPages((after, limit) => regionPathPage(db, after, limit)))
      for (const [id, path] of page) columns.addRegion(id, path);
    for await (const page of idPages((after, limit) => placeCoordsPage(db, after, limit)))
      for (const [id, lat, lng] of page) columns.addPlace(id, lat, lng);
    await readPackedColumns(db, (row) => load.add(columns.ofPacked(row)));
    const answer = await pending;
    if ('built' in answer) {
      text = answer.built;
      report.textWorker = 'worker';
    } else {
      report.textWorker = 'failed';
      report.workerError = answer.err;
      text = await readText(db);
    }
  } else {
    const builder = new MeetingTextBuilder();
    for await (const page of idPages((after, limit) => placeSearchPage(db, after, limit)))
      for (const [id, placeText, lat, lng] of page) {
        columns.addPlace(id, lat, lng);
        builder.addPlace(id, placeText);
      }
    for await (const page of idPages((after, limit) => groupNamePage(db, after, limit)))
      for (const [id, name] of page) builder.addGroup(id, name);
    for await (const page of idPages((after, limit) => regionPathPage(db, after, limit)))
      for (const [id, path] of page) {
        columns.addRegion(id, path);
        builder.addRegion(id, path);
      }
    for await (const page of idPages((after, limit) => liveMeetingSearchPage(db, after, limit)))
      for (const row of page) {
        load.add(columns.of(row[0], row[1], row[4], row[6], row[7], row[8]));
        builder.addMeeting(row[0], row[2], row[3], row[4], row[5], row[6]);
      }
    text = builder.build();
  }
  const untexted = joinText(store, load, text);
  // A meeting pointing at a place, group or region written after those were read (an import committing meanwhile),
  // or read by one half and not the other: read again whole. Its change event would patch it too; this does not
  // depend on the bus.
  const late = [...new Set([...columns.unresolved, ...text.unresolved, ...untexted])];
  report.reread = late.length;
  for (const [id, m] of await meetingsByIds(db, late)) {
    if (m) store.upsert(m);
    else store.remove(id);
  }
  return report;
}

/**
 * The column half's meeting rows on SQLite, as packed rows (packed-rows.ts) by pages of PAGE_SIZE, the event loop
 * getting a turn between pages. `use` gets a reader at the row's start, reused for the next row.
 */
async function readPackedColumns(db: DbOrTx, use: (row: PackedRow) => void): Promise<void> {
  const row = new PackedRow();
  for (let after = 0; ;) {
    const rows = packedColumnsPage(db, after, PAGE_SIZE);
    if (rows === null) throw new Error('packed rows are read from SQLite only');
    for (const text of rows) use(row.start(text));
    if (rows.length < PAGE_SIZE) return;
    after = row.start(rows[rows.length - 1]!).int()!;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The text half read and made on this thread (the worker's queries, through Kysely or the raw reader). */
async function readText(db: DbOrTx): Promise<BuiltText> {
  const builder = new MeetingTextBuilder();
  for await (const page of idPages((after, limit) => placeTextPage(db, after, limit)))
    for (const [id, placeText] of page) builder.addPlace(id, placeText);
  for await (const page of idPages((after, limit) => groupNamePage(db, after, limit)))
    for (const [id, name] of page) builder.addGroup(id, name);
  for await (const page of idPages((after, limit) => regionPathPage(db, after, limit)))
    for (const [id, path] of page) builder.addRegion(id, path);
  for await (const page of idPages((after, limit) => meetingTextPage(db, after, limit)))
    for (const row of page) builder.addMeeting(row[0], row[1], row[2], row[3], row[4], row[5]);
  return builder.build();
}

/**
 * Finishes the store's bulk load with the text half. Both halves list meetings by ascending id; when they list the
 * same ones (the usual case) text slot i is store slot i. Otherwise (a meeting added or removed between the two
 * reads) sort names and word sequences go to the slots of the same ids and the posting lists are mapped likewise (the
 * map ascends, so they stay sorted); store slots without a text get none for now, and their ids are returned to be
 * read again.
 */
export function joinText(store: MeetingStore, load: ColumnLoader, text: BuiltText): number[] {
  const n = store.length;
  const { sortNames, words } = decodeText(text);
  const ids = store.ids;
  let same = text.count === n;
  for (let i = 0; same && i < n; i++) same = ids[i] === text.ids[i];
  if (same) {
    load.finish(sortNames, {
      words,
      offsets: text.offsets,
      slots: text.slots,
      sequenceEnds: text.sequenceEnds,
      sequenceIds: text.sequenceIds,
    });
    return [];
  }
  const untexted: number[] = [];
  const slotOf = new Int32Array(text.count).fill(-1);
  const joinedNames = new Array<string>(n);
  const sequenceEnds = new Int32Array(n);
  const sequenceIds = new Int32Array(text.sequenceIds.length);
  let sequenceLength = 0;
  for (let i = 0, j = 0; i < n; i++) {
    const id = ids[i]!;
    while (j < text.count && text.ids[j]! < id) j++;
    if (j < text.count && text.ids[j] === id) {
      slotOf[j] = i;
      joinedNames[i] = sortNames[j]!;
      const sequence = text.sequenceIds.subarray(j === 0 ? 0 : text.sequenceEnds[j - 1], text.sequenceEnds[j]);
      sequenceIds.set(sequence, sequenceLength);
      sequenceLength += sequence.length;
      sequenceEnds[i] = sequenceLength;
      j++;
    } else {
      sequenceEnds[i] = sequenceLength;
      joinedNames[i] = '';
      untexted.push(id);
    }
  }
  // Words no joined meeting has are dropped: the sequences' ranks move down past them.
  const rank = new Int32Array(words.length);
  const keptWords: string[] = [];
  const keptOffsets = [0];
  const keptSlots = new Int32Array(text.slots.length);
  let at = 0;
  for (let w = 0; w < words.length; w++) {
    const from = at;
    for (let k = text.offsets[w]!; k < text.offsets[w + 1]!; k++) {
      const slot = slotOf[text.slots[k]!]!;
      if (slot >= 0) keptSlots[at++] = slot;
    }
    rank[w] = keptWords.length;
    if (at === from) continue;
    keptWords.push(words[w]!);
    keptOffsets.push(at);
  }
  const joinedIds = sequenceIds.slice(0, sequenceLength);
  for (let k = 0; k < joinedIds.length; k++) joinedIds[k] = rank[joinedIds[k]!]!;
  load.finish(joinedNames, {
    words: keptWords,
    offsets: Int32Array.from(keptOffsets),
    slots: keptSlots.slice(0, at),
    sequenceEnds,
    sequenceIds: joinedIds,
  });
  return untexted;
}

/** The current state of some meetings: indexed form for live ones, null for removed or unknown ids. */
export async function meetingsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, IndexedMeeting | null>> {
  const out = new Map<number, IndexedMeeting | null>(ids.map((id) => [id, null]));
  const distinct = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await liveMeetingSearchRows(db, ids.slice(i, i + 1000));
    if (rows.length === 0) continue;
    const builder = new IndexedMeetingBuilder();
    builder.addPlaces(await placeSearchRows(db, distinct(rows.map((r) => r[4]))));
    builder.addGroups(await groupNameRows(db, distinct(rows.map((r) => r[5]))));
    builder.addRegions(await regionPathRows(db, distinct(rows.map((r) => r[6]))));
    for (const row of rows) out.set(row[0], builder.toIndexed(row));
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
