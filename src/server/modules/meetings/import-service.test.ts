import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/memory-bus.js';
import type { Bus } from '../../bus/index.js';
import type { DatabaseHandle } from '../../db/index.js';
import { dialectCases, openMigrated } from '../../../../test/helpers/databases.js';
import { BMLT_FIXTURE_DIR, mgFixture } from '../../../../test/helpers/fixtures.js';
import { importFeed } from './import-service.js';
import { hashRecord } from './record.js';
import { meetingGuideChunks } from './export-service.js';
import { specProblems } from '../../../../test/helpers/meeting-guide-spec.js';
import { meetingRowsQuery, rowToRecord } from './repository/meeting-rows.js';

describe.each(dialectCases())('importing the real fixture feeds on $name', (kind) => {
  let database: DatabaseHandle;
  let bus: Bus;
  let cleanup: () => Promise<void>;
  const events: unknown[] = [];

  beforeAll(async () => {
    const opened = await openMigrated(kind);
    database = opened.handle;
    cleanup = opened.cleanup;
    bus = createMemoryBus();
    await bus.subscribe('meetings.changed', (p) => events.push(p));
  });
  afterAll(async () => {
    await bus.close();
    await cleanup();
  });

  const count = async (table: 'meetings' | 'meeting_changes' | 'locations', sourceName?: string) => {
    let q = database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (sourceName) q = q.where('source_id', '=', (eb) => eb.selectFrom('sources').select('id').where('name', '=', sourceName));
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  it('aasepia: all 2,038 meetings import, the typo ASBI is kept and reported, ONL and TC understood', async () => {
    const report = await importFeed(
      { database, bus },
      {
        sourceName: 'aasepia',
        format: 'meeting-guide',
        input: mgFixture('aasepia'),
        timezone: 'America/New_York',
        trigger: 'cli',
      },
    );
    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ total: 2038, added: 2038, changed: 0, removed: 0, unchanged: 0, rejected: 0 });
    expect(report.unknown_types).toHaveProperty('ASBI');
    expect(report.warnings.some((w) => w.code === 'unknown_type' && w.message.includes('ASBI'))).toBe(true);
    const online = await database.db
      .selectFrom('meetings')
      .select('attendance')
      .where('slug', '=', 'shoulder-shoulder-group-Sun12am')
      .executeTakeFirstOrThrow();
    expect(online.attendance).toBe('online');
    const closed = await database.db
      .selectFrom('meetings')
      .select(['types', 'attendance'])
      .where('types', 'like', '%"TC"%')
      .execute();
    expect(closed.length).toBeGreaterThan(100);
    expect(closed.every((m) => m.attendance !== 'in_person' && m.attendance !== 'hybrid')).toBe(true);
    // Meetings at one address share a location row.
    expect(await count('locations', 'aasepia')).toBeLessThan(2038);
  });

  it('stores exactly what it hashed: every stored meeting rebuilds to its content hash', async () => {
    const rows = await meetingRowsQuery(database.db).where('s.name', '=', 'aasepia').execute();
    expect(rows).toHaveLength(2038);
    const drift = rows.filter((r) => hashRecord(rowToRecord(r)) !== r.content_hash).map((r) => r.slug);
    expect(drift).toEqual([]);
  });

  it('re-importing the identical feed reports 0 changes and writes nothing', async () => {
    const changesBefore = await count('meeting_changes');
    const before = await database.db.selectFrom('meetings').select(['id', 'updated_at']).orderBy('id').execute();
    const report = await importFeed({ database, bus }, { sourceName: 'aasepia', input: mgFixture('aasepia'), trigger: 'cli' });
    expect(report.counts).toMatchObject({ total: 2038, added: 0, changed: 0, removed: 0, unchanged: 2038, rejected: 0 });
    expect(await count('meeting_changes')).toBe(changesBefore);
    expect(await database.db.selectFrom('meetings').select(['id', 'updated_at']).orderBy('id').execute()).toEqual(before);
  });

  it('the Meeting Guide export of aasepia is valid per the spec, with payment handles kept', async () => {
    let text = '';
    for await (const chunk of meetingGuideChunks(database.db, { source: 'aasepia' })) text += chunk;
    const feed = JSON.parse(text) as Record<string, unknown>[];
    expect(feed).toHaveLength(2038);
    expect(specProblems(feed)).toEqual([]);
    expect(feed.filter((m) => typeof m.venmo === 'string').length).toBe(244);
  });

  it('edmonton: 315 meetings, 12-hour times read as 24-hour, day arrays understood', async () => {
    const report = await importFeed(
      { database, bus },
      {
        sourceName: 'edmonton',
        format: 'meeting-guide',
        input: mgFixture('edmonton'),
        timezone: 'America/Edmonton',
        trigger: 'cli',
      },
    );
    expect(report.counts).toMatchObject({ total: 315, added: 315, rejected: 0 });
    const shifters = await database.db
      .selectFrom('meetings')
      .selectAll()
      .where('slug', '=', '6')
      .where('source_id', '=', report.source.id)
      .executeTakeFirstOrThrow();
    expect(shifters).toMatchObject({ days: '6', time: '11:00', end_time: '12:00', timezone: 'America/Edmonton' });
    const evening = await database.db
      .selectFrom('meetings')
      .select('time')
      .where('source_id', '=', report.source.id)
      .where('time', '>=', '18:00')
      .execute();
    expect(evening.length).toBeGreaterThan(50);
    expect(report.counts.rejected).toBe(0);
  });

  it('aasfmarin: 658 meetings with their own time zone, split addresses and nulls', async () => {
    const report = await importFeed(
      { database, bus },
      { sourceName: 'aasfmarin', format: 'meeting-guide', input: mgFixture('aasfmarin'), trigger: 'cli' },
    );
    expect(report.counts).toMatchObject({ total: 658, added: 658, rejected: 0 });
    const zones = await database.db
      .selectFrom('meetings')
      .select('timezone')
      .distinct()
      .where('source_id', '=', report.source.id)
      .execute();
    expect(zones).toEqual([{ timezone: 'America/Los_Angeles' }]);
  });

  it('BMLT sample: 1,513 meetings, formats mapped through world_id, others kept as named custom types', async () => {
    const report = await importFeed(
      { database, bus },
      { sourceName: 'na-ny', format: 'bmlt', input: BMLT_FIXTURE_DIR, timezone: 'America/New_York', trigger: 'cli' },
    );
    expect(report.status).toBe('succeeded');
    expect(report.counts).toMatchObject({ total: 1513, added: 1513, rejected: 0 });
    const m = await database.db
      .selectFrom('meetings')
      .selectAll()
      .where('source_id', '=', report.source.id)
      .where('slug', '=', '1452')
      .executeTakeFirstOrThrow();
    // formats "O,ME": OPEN -> O, MED -> MED; weekday 1 = Sunday = 0; 07:30 for one hour.
    expect(m).toMatchObject({
      name: '11th Step Meditation',
      days: '0',
      time: '07:30',
      end_time: '08:30',
      fellowship: 'NA',
      types: JSON.stringify(['MED', 'O']),
    });
    const rf = await database.db
      .selectFrom('custom_types')
      .selectAll()
      .where('source_id', '=', report.source.id)
      .where('code', '=', 'RF')
      .executeTakeFirstOrThrow();
    expect(rf.name).toBe('Rotating Format');
    // "SD Speaker/Discussion" has world_id SPK only; it must keep its discussion half.
    const sd = await database.db
      .selectFrom('meetings')
      .select('types')
      .where('source_id', '=', report.source.id)
      .where('slug', 'in', await speakerDiscussionIds())
      .execute();
    expect(sd.length).toBeGreaterThan(0);
    for (const row of sd) expect(JSON.parse(row.types)).toEqual(expect.arrayContaining(['SP', 'D']));
    const entity = await database.db
      .selectFrom('entities')
      .selectAll()
      .where('source_id', '=', report.source.id)
      .where('external_id', '=', '1003')
      .executeTakeFirstOrThrow();
    expect(entity).toMatchObject({ name: 'Eastern Long Island Area Service', parent_external_id: '1', type: 'AS' });
    // Every service body is kept, even a region with no meetings of its own: it parents its areas.
    const bodies = await database.db
      .selectFrom('entities')
      .select('external_id')
      .where('source_id', '=', report.source.id)
      .execute();
    expect(bodies).toHaveLength(44);
    expect(bodies.map((b) => b.external_id)).toContain('1');
    // NAWS TRAD is Tradition Study (TR); the spec's T means Transgender.
    const traditions = await database.db
      .selectFrom('meetings')
      .select('types')
      .where('source_id', '=', report.source.id)
      .where('types', 'like', '%"TR"%')
      .execute();
    expect(traditions.length).toBeGreaterThan(50);
    const transgender = await database.db
      .selectFrom('meetings')
      .select('id')
      .where('source_id', '=', report.source.id)
      .where('types', 'like', '%"T"%')
      .execute();
    expect(transgender).toHaveLength(0);
  });

  it('the malformed invalid.json fails cleanly and changes nothing', async () => {
    const meetingsBefore = await count('meetings');
    const changesBefore = await count('meeting_changes');
    const report = await importFeed({ database, bus }, { sourceName: 'aasepia', input: mgFixture('invalid'), trigger: 'cli' });
    expect(report.status).toBe('failed');
    expect(report.error).toBe("malformed feed: found more data after the array's closing ']' at byte 1906");
    expect(await count('meetings')).toBe(meetingsBefore);
    expect(await count('meeting_changes')).toBe(changesBefore);
    const live = await database.db
      .selectFrom('meetings')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('source_id', '=', report.source.id)
      .execute();
    expect(live).toHaveLength(2038);
    const source = await database.db.selectFrom('sources').selectAll().where('name', '=', 'aasepia').executeTakeFirstOrThrow();
    expect(source.last_status).toBe('failed');
  });

  it('published meetings.changed after each committed import, never for a failed or unchanged one', () => {
    const sources = events.map((e) => (e as { source_id: number; added: number }).added);
    expect(sources).toEqual([2038, 315, 658, 1513]);
  });

  async function speakerDiscussionIds(): Promise<string[]> {
    const { readFile } = await import('node:fs/promises');
    const all = JSON.parse(await readFile(`${BMLT_FIXTURE_DIR}/GetSearchResults.json`, 'utf8')) as {
      id_bigint: string;
      formats: string;
    }[];
    return all.filter((m) => m.formats.split(',').includes('SD')).map((m) => m.id_bigint);
  }
});
