import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases, type TestDatabase } from '../../../../test/helpers/databases.js';
import { mgFixture } from '../../../../test/helpers/fixtures.js';
import { migrateToLatest } from '../../db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../../db/index.js';
import { createMemoryBus } from '../../bus/memory-bus.js';
import { importFeed } from '../meetings/import-service.js';
import { meetingIndexRowsQuery } from '../meetings/repository/meeting-rows.js';
import { MeetingStore } from './index/meeting-store.js';
import { fold } from './index/text.js';
import { joinText, loadIndex } from './loader.js';
import { IndexedMeetingBuilder, meetingsByIds, summariesOf, summaryOf } from './meeting-rows.js';
import { PACKED_SEPARATOR as SEP, textPageSql } from '../meetings/repository/search-rows.js';
import { sqliteFileOf } from '../../db/sqlite.js';
import { buildTextInWorker } from './build-thread.js';
import { MeetingTextBuilder } from './bulk-text.js';

/** Every column of a slot, strings resolved, so stores with different slot orders compare by id. */
function snapshot(store: MeetingStore): Map<number, unknown> {
  const out = new Map<number, unknown>();
  for (let slot = 0; slot < store.length; slot++) {
    if (!store.alive[slot]) continue;
    const types: string[] = [];
    for (let bit = 0; bit < store.typeCodes.size; bit++)
      if (store.typeBits[slot * 8 + (bit >> 5)]! & (1 << (bit & 31))) types.push(store.typeCodes.values[bit]!);
    out.set(store.ids[slot]!, {
      source: store.source[slot],
      lat: store.lat[slot],
      lng: store.lng[slot],
      days: store.days[slot],
      start: store.start[slot],
      duration: store.duration[slot],
      zone: store.zones.values[store.zone[slot]!],
      fellowship: store.fellowships.values[store.fellowship[slot]!],
      attendance: store.attendance[slot],
      region: store.region[slot] === -1 ? null : store.regions.values[store.region[slot]!],
      types: types.sort(),
      sortName: store.sortNames[slot],
      // The words in order as the text index keeps them: the search text they stand for.
      search: store.text.sequenceOf(slot).join(' '),
    });
  }
  return out;
}

describe.each(dialectCases())('the index loader on $name', (kind) => {
  let tdb: TestDatabase;
  let database: DatabaseHandle;

  beforeAll(async () => {
    tdb = await kind.create();
    database = openDatabase(tdb.url);
    await migrateToLatest(database);
    const bus = createMemoryBus();
    for (const [sourceName, timezone] of [
      ['aasepia', 'America/New_York'],
      ['edmonton', 'America/Edmonton'],
    ] as const)
      await importFeed(
        { database, bus },
        { sourceName, format: 'meeting-guide', input: mgFixture(sourceName), timezone, trigger: 'cli' },
      );
    await bus.close();
  });
  afterAll(async () => {
    await database.close();
    await tdb.drop();
  });

  it('the boot-time bulk load holds what the patch path holds, and the search text the raw fields fold to', async () => {
    // The bulk read packs a row's fields into one text, split at a control character: one in a name, in notes and
    // in a fellowship (free texts) must change nothing.
    const [first] = await database.db.selectFrom('meetings').select('id').orderBy('id').limit(1).execute();
    await database.db
      .updateTable('meetings')
      .set({ name: `Unit${SEP}Sep group`, notes: `Room 2${SEP}upstairs`, fellowship: `AA${SEP}x` })
      .where('id', '=', first!.id)
      .execute();
    const loaded = new MeetingStore();
    await loadIndex(database.db, loaded);
    const rows = await meetingIndexRowsQuery(database.db).where('m.deleted_at', 'is', null).execute();
    expect(loaded.count).toBe(rows.length);
    expect(loaded.count).toBeGreaterThan(2000);

    const patched = new MeetingStore();
    for (const [, m] of await meetingsByIds(
      database.db,
      rows.map((r) => r.id),
    ))
      patched.upsert(m!);
    expect(snapshot(loaded)).toEqual(snapshot(patched));
    expect(snapshot(loaded).get(first!.id)).toMatchObject({ sortName: 'unit sep group', fellowship: `AA${SEP}x` });

    // The definition the index had before it was built from parts.
    for (const row of rows) {
      const raw = [
        row.name,
        row.group_name,
        row.location_name,
        row.formatted_address,
        row.city,
        row.region_path,
        row.notes?.slice(0, 500),
      ];
      expect(loaded.text.sequenceOf(loaded.slot(row.id)!).join(' ')).toBe(fold(raw.filter(Boolean).join(' ')));
    }

    // Same postings from the bulk build and from one-by-one adds, sorted by slot.
    for (const prefix of ['a', 'meet', 'st', 'alano', 'edmonton', 'zz']) {
      const bySlot = (store: MeetingStore) =>
        [...store.text.prefixSlots(prefix)].map((slot) => store.ids[slot]).sort((a, b) => a! - b!);
      expect(bySlot(loaded)).toEqual(bySlot(patched));
      loaded.text.eachPrefixWord(prefix, (list) => expect([...list]).toEqual([...list].sort((a, b) => a - b)));
      expect(loaded.text.prefixCount(prefix)).toBe(patched.text.prefixCount(prefix));
    }
  });

  it('builds the same index with the text half in a worker, on this thread, and after a failed worker', async () => {
    const inWorker = new MeetingStore();
    const report = await loadIndex(database.db, inWorker);
    expect(report.textWorker).toBe(kind.name === 'sqlite' ? 'worker' : 'none');
    expect(report.reread).toBe(0);
    const here = new MeetingStore();
    expect((await loadIndex(database.db, here, { worker: false })).textWorker).toBe('none');
    expect(snapshot(here)).toEqual(snapshot(inWorker));
    if (kind.name !== 'sqlite') return;
    const afterFailure = new MeetingStore();
    const failed = await loadIndex(database.db, afterFailure, {
      buildText: () => Promise.reject(new Error('no worker today')),
    });
    expect([failed.textWorker, failed.workerError?.message]).toEqual(['failed', 'no worker today']);
    expect(snapshot(afterFailure)).toEqual(snapshot(inWorker));
    for (const prefix of ['a', 'meet', 'st', 'edmonton'])
      expect([...afterFailure.text.prefixSlots(prefix)]).toEqual([...inWorker.text.prefixSlots(prefix)]);
  });

  it.runIf(kind.name === 'sqlite')('a worker that cannot read rejects, and does not take the process down', async () => {
    await expect(
      buildTextInWorker({
        file: '/nonexistent/kinship.db',
        sql: { places: 'x', groups: 'x', regions: 'x', meetings: 'x' },
        pageSize: 10,
      }),
    ).rejects.toThrow(/index build worker/);
    const sql = textPageSql(database.db)!;
    await expect(
      buildTextInWorker({ file: sqliteFileOf(database.db)!, sql: { ...sql, meetings: 'select nonsense' }, pageSize: 10 }),
    ).rejects.toThrow(/nonsense/);
  });

  it('reads result summaries by id, in the shape summaryOf gives', async () => {
    const rows = await meetingIndexRowsQuery(database.db).where('m.deleted_at', 'is', null).limit(60).execute();
    const summaries = await summariesOf(
      database.db,
      rows.map((r) => r.id),
    );
    expect(summaries.size).toBe(60);
    for (const row of rows) expect(JSON.parse(summaries.get(row.id)!)).toEqual(summaryOf(row));
    expect((await summariesOf(database.db, [999_999_999])).size).toBe(0);
  });
});

describe('IndexedMeetingBuilder', () => {
  it('notes a meeting whose place, group or region it was not given, for loadIndex to read again', () => {
    const builder = new IndexedMeetingBuilder();
    builder.addPlaces([[7, 'Hall  1 Main St ', 1, 2]]);
    const store = new MeetingStore();
    const schedule = `1${SEP}10:00${SEP}11:00`;
    const kind = `in_person${SEP}["O"]${SEP}UTC${SEP}AA`;
    const known = builder.toRecord([1, 1, 'Serenity', null, 7, null, null, schedule, kind], store);
    expect([known.lat, known.searchText, builder.unresolved]).toEqual([1, 'serenity hall 1 main st', []]);
    builder.toRecord([2, 1, 'Hope', null, 8, null, null, schedule, kind], store);
    builder.toRecord([3, 1, 'Hope', null, null, 9, null, schedule, kind], store);
    expect(builder.unresolved).toEqual([2, 3]);
  });
});

describe('joinText', () => {
  it('gives texts to the slots of the same ids when the halves read different meetings, and lists the rest', () => {
    const store = new MeetingStore();
    const load = store.loadColumns();
    const columns = { sourceId: 1, lat: 0, lng: 0, dayBits: 0, start: -1, duration: 60, zone: 0, fellowship: 0 };
    for (const id of [2, 3, 5, 8]) load.add({ ...columns, id, attendance: 0, region: -1, typeBits: new Uint32Array(8) });
    const text = new MeetingTextBuilder();
    // 1 and 4 only in the text half (removed since), 5 and 8 only in the column half (added since).
    for (const [id, name] of [
      [1, 'Alpha'],
      [2, 'Beta group'],
      [3, 'Gamma group'],
      [4, 'Delta'],
    ] as const)
      text.addMeeting(id, name, null, null, null, null);
    expect(joinText(store, load, text.build())).toEqual([5, 8]);
    expect(store.sortNames).toEqual(['beta group', 'gamma group', '', '']);
    expect([...store.text.prefixSlots('group')]).toEqual([0, 1]);
    expect([...store.text.prefixSlots('alpha')]).toEqual([]);
    expect(store.text.prefixCount('')).toBe(4);
    // Word ids renumbered past the dropped words ("alpha", "delta"): the sequences still read the same words.
    expect([0, 1, 2, 3].map((slot) => store.text.sequenceOf(slot).join(' '))).toEqual(['beta group', 'gamma group', '', '']);
    const phrase = store.text.phraseMatcher('gamma gr')!;
    expect([0, 1, 2, 3].filter((slot) => store.text.matches(slot, phrase))).toEqual([1]);
  });
});
