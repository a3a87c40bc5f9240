import { sqliteFileOf } from '../../db/sqlite.js';
import type { DbOrTx } from '../../db/types.js';
import {
  groupNamePage,
  liveMeetingSearchPage,
  meetingTextPage,
  packedColumnsPage,
  PACKED_SEPARATOR,
  placeCoordsPage,
  placeSearchPage,
  placeTextPage,
  regionPathPage,
  textPageSql,
} from '../meetings/repository/search-rows.js';
import { MeetingColumnsBuilder } from './bulk-columns.js';
import { type BuiltText, decodeText, MeetingTextBuilder } from './bulk-text.js';
import { buildTextInWorker } from './build-thread.js';
import type { ColumnLoader, MeetingStore } from './index/meeting-store.js';
import { meetingsByIds } from './meeting-rows.js';
import { PackedRow } from './packed-rows.js';

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
