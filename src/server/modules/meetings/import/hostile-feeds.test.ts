import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { DatabaseHandle } from '../../../db/index.js';
import { createSqliteDatabase, openMigrated, type DialectCase } from '../../../../../test/helpers/databases.js';
import { importFeed } from '../import-service.js';

/** Values hostile feeds put where text belongs. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>Name',
    '<img src=x onerror=alert(1)>',
    '"; DROP TABLE meetings; --',
    '\u0000\u0007\u001b[31m',
    '../../etc/passwd',
    '𝓤𝓷𝓲𝓬𝓸𝓭𝓮 ✨ ñ',
    'a'.repeat(1024 * 1024),
  ),
);
const anything = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const FIELDS = [
  'slug',
  'name',
  'day',
  'time',
  'end_time',
  'timezone',
  'types',
  'notes',
  'location',
  'formatted_address',
  'latitude',
  'longitude',
  'conference_url',
  'conference_phone',
  'regions',
  'group',
  'venmo',
  'url',
  'updated',
  'approximate',
];

/** A plausible meeting with some fields replaced by hostile values, or a non-object. */
const hostileMeeting = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ base: fc.nat(1000), overrides: fc.dictionary(fc.constantFrom(...FIELDS), anything, { maxKeys: 4 }) })
      .map(({ base, overrides }) => ({
        slug: `m-${base}`,
        name: `Meeting ${base}`,
        day: base % 7,
        time: '19:30',
        formatted_address: '1 Main St, Springfield, IL 62701, USA',
        types: ['O', 'D'],
        ...overrides,
      })),
  },
  { weight: 1, arbitrary: anything },
);

describe('hostile feeds against the real importer (SQLite)', () => {
  let database: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  const bus = createMemoryBus();
  const sqlite: DialectCase = { name: 'sqlite', create: () => Promise.resolve(createSqliteDatabase()) };

  beforeAll(async () => {
    ({ handle: database, cleanup } = await openMigrated(sqlite));
    dir = mkdtempSync(join(tmpdir(), 'kinship-hostile-'));
  });
  afterAll(async () => {
    await bus.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never throws, accounts for every meeting, and stores only plain bounded text', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileMeeting, { maxLength: 25 }), async (meetings) => {
        const file = join(dir, `feed-${run}.json`);
        writeFileSync(file, JSON.stringify(meetings));
        const report = await importFeed(
          { database, bus },
          { sourceName: `hostile-${run++}`, format: 'meeting-guide', input: file, timezone: 'America/Chicago', trigger: 'cli' },
        );
        const c = report.counts;
        // A feed in which every meeting is rejected is broken: it fails and changes nothing.
        expect(report.status).toBe(c.total > 0 && c.rejected === c.total ? 'failed' : 'succeeded');
        expect(c.total).toBe(meetings.length);
        // Nothing vanishes: every meeting is added or rejected with a reason.
        expect(c.added + c.rejected).toBe(meetings.length);
        expect(report.rejected).toHaveLength(c.rejected);
        for (const r of report.rejected) expect(r.reasons.length).toBeGreaterThan(0);
        const rows = await database.db
          .selectFrom('meetings')
          .select(['name', 'notes'])
          .where('source_id', '=', report.source.id)
          .execute();
        expect(rows).toHaveLength(c.added);
        for (const row of rows) {
          expect(row.name.length).toBeLessThanOrEqual(255);
          expect(row.name).not.toMatch(/<script|<img/i);
          expect(row.name).not.toContain('\u0000');
          expect(row.notes ?? '').not.toMatch(/<script/i);
          expect(row.notes ?? '').not.toContain('\u0000');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a feed that is one JSON object, a number or empty fails whole and changes nothing', async () => {
    for (const [content, expected] of [
      ['{"meetings": []}', /found an object/],
      ['42', /found a number|not.*array/],
      ['', /empty/],
      ['[{"slug":"a","name":"A"', /ended|cut short|without closing/],
    ] as const) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, content);
      const report = await importFeed(
        { database, bus },
        { sourceName: 'shape', format: 'meeting-guide', input: file, timezone: 'America/Chicago', trigger: 'cli' },
      );
      expect(report.status).toBe('failed');
      expect(report.error).toMatch(expected);
      expect(
        await database.db.selectFrom('meetings').select('id').where('source_id', '=', report.source.id).execute(),
      ).toHaveLength(0);
    }
  });

  it('a meeting with bytes that are not UTF-8 is rejected by itself; its neighbours import', async () => {
    const good = (slug: string) => Buffer.from(JSON.stringify({ slug, name: slug, day: 1, time: '10:00', city: 'Springfield' }));
    const bad = Buffer.concat([
      Buffer.from('{"slug":"latin1","name":"Caf'),
      Buffer.from([0xe9]),
      Buffer.from('","day":1,"time":"10:00","city":"Springfield"}'),
    ]);
    const file = join(dir, 'latin1.json');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('['), good('before'), Buffer.from(','), bad, Buffer.from(','), good('after'), Buffer.from(']')]),
    );
    const report = await importFeed(
      { database, bus },
      { sourceName: 'bytes', format: 'meeting-guide', input: file, timezone: 'America/Chicago', trigger: 'cli' },
    );
    expect(report.counts).toMatchObject({ total: 3, added: 2, rejected: 1 });
    expect(report.rejected[0]).toMatchObject({ index: 1, slug: 'latin1', reasons: [{ code: 'not_utf8' }] });
  });

  it('duplicate slugs: the first is imported, the later ones rejected and named', async () => {
    const file = join(dir, 'dupes.json');
    const m = { slug: 'same', name: 'A', day: 1, time: '10:00', city: 'Springfield' };
    writeFileSync(file, JSON.stringify([m, { ...m, name: 'B' }, { ...m, name: 'C' }]));
    const report = await importFeed(
      { database, bus },
      { sourceName: 'dupes', format: 'meeting-guide', input: file, timezone: 'America/Chicago', trigger: 'cli' },
    );
    expect(report.counts).toMatchObject({ added: 1, rejected: 2 });
    expect(report.rejected.map((r) => r.reasons[0]!.code)).toEqual(['duplicate_slug', 'duplicate_slug']);
  });
});
