import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/memory-bus.js';
import type { DatabaseHandle } from '../../db/index.js';
import { dialectCases, openMigrated } from '../../../../test/helpers/databases.js';
import { mgFixture } from '../../../../test/helpers/fixtures.js';
import { importFeed } from './import-service.js';
import { meetingGuideChunks } from './export-service.js';
import { specProblems } from '../../../../test/helpers/meeting-guide-spec.js';

const meeting = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  name: `Meeting ${slug}`,
  day: 2,
  time: '19:00',
  end_time: '20:00',
  formatted_address: '100 Main St, Springfield, IL 62701, USA',
  types: ['O', 'D'],
  ...extra,
});

describe.each(dialectCases())('change detection and history on $name', (kind) => {
  let database: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  const bus = createMemoryBus();
  const write = (name: string, meetings: unknown[]) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(meetings));
    return file;
  };
  const run = (source: string, file: string, dryRun = false) =>
    importFeed(
      { database, bus },
      { sourceName: source, format: 'meeting-guide', input: file, timezone: 'America/Chicago', trigger: 'cli', dryRun },
    );
  const history = (slug: string, source = 'springfield') =>
    database.db
      .selectFrom('meeting_changes as c')
      .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
      .innerJoin('sources as s', 's.id', 'm.source_id')
      .select(['c.kind', 'c.diff'])
      .where('m.slug', '=', slug)
      .where('s.name', '=', source)
      .orderBy('c.id')
      .execute();

  beforeAll(async () => {
    ({ handle: database, cleanup } = await openMigrated(kind));
    dir = mkdtempSync(join(tmpdir(), 'kinship-changes-'));
  });
  afterAll(async () => {
    await bus.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const report = await run('springfield', write('v0', [meeting('a'), meeting('b'), meeting('c')]), true);
    expect(report).toMatchObject({ dry_run: true, status: 'succeeded', counts: { added: 3 } });
    expect(await database.db.selectFrom('meetings').select('id').execute()).toHaveLength(0);
  });

  it('records a per-field diff for a change, soft-deletes what disappeared, and restores it when it returns', async () => {
    expect((await run('springfield', write('v1', [meeting('a'), meeting('b'), meeting('c')]))).counts).toMatchObject({
      added: 3,
    });

    const v2 = await run('springfield', write('v2', [meeting('a', { time: '19:30', end_time: '20:30' }), meeting('b')]));
    expect(v2.counts).toMatchObject({ total: 2, added: 0, changed: 1, removed: 1, unchanged: 1 });
    const a = await history('a');
    expect(a.map((h) => h.kind)).toEqual(['added', 'changed']);
    expect(JSON.parse(a[1]!.diff)).toEqual({ time: ['19:00', '19:30'], end_time: ['20:00', '20:30'] });

    const c = await database.db.selectFrom('meetings').selectAll().where('slug', '=', 'c').executeTakeFirstOrThrow();
    expect(c.deleted_at).not.toBeNull();
    expect((await history('c')).map((h) => h.kind)).toEqual(['added', 'removed']);

    const v3 = await run(
      'springfield',
      write('v3', [meeting('a', { time: '19:30', end_time: '20:30' }), meeting('b'), meeting('c')]),
    );
    expect(v3.counts).toMatchObject({ added: 1, changed: 0, removed: 0, unchanged: 2 });
    expect((await history('c')).map((h) => h.kind)).toEqual(['added', 'removed', 'restored']);
    const restored = await database.db.selectFrom('meetings').selectAll().where('slug', '=', 'c').executeTakeFirstOrThrow();
    expect(restored.id).toBe(c.id);
    expect(restored.deleted_at).toBeNull();
  });

  it('re-reads a feed whose bytes changed but not its meetings, and re-evaluates all when the source defaults change', async () => {
    const meetings = [meeting('f1'), meeting('f2', { timezone: 'America/Denver' })];
    const compact = write('compact', meetings);
    const pretty = join(dir, 'pretty.json');
    writeFileSync(pretty, JSON.stringify(meetings, null, 2));
    expect((await run('fingerprints', compact)).counts).toMatchObject({ added: 2 });
    // Same meetings, other formatting: nothing changes, and the new fingerprints are kept for next time.
    expect((await run('fingerprints', pretty)).counts).toMatchObject({ unchanged: 2, changed: 0 });
    expect((await run('fingerprints', pretty)).counts).toMatchObject({ unchanged: 2, changed: 0 });
    // A new default zone changes f1 (which has none of its own) but not f2.
    const report = await importFeed(
      { database, bus },
      { sourceName: 'fingerprints', input: pretty, timezone: 'America/New_York', trigger: 'cli' },
    );
    expect(report.counts).toMatchObject({ changed: 1, unchanged: 1 });
    expect(JSON.parse((await history('f1', 'fingerprints')).at(-1)!.diff)).toEqual({
      timezone: ['America/Chicago', 'America/New_York'],
    });
  });

  it('two sources with the same slugs never overwrite each other', async () => {
    const report = await run('shelbyville', write('other', [meeting('a', { name: 'Shelbyville A' })]));
    expect(report.counts).toMatchObject({ added: 1 });
    const names = await database.db
      .selectFrom('meetings as m')
      .innerJoin('sources as s', 's.id', 'm.source_id')
      .select(['s.name as source', 'm.name'])
      .where('m.slug', '=', 'a')
      .orderBy('s.name')
      .execute();
    expect(names).toEqual([
      { source: 'shelbyville', name: 'Shelbyville A' },
      { source: 'springfield', name: 'Meeting a' },
    ]);
    // An import of one source removes nothing from the other.
    await run('shelbyville', write('empty', []));
    expect(
      await database.db.selectFrom('meetings').select('id').where('slug', '=', 'a').where('deleted_at', 'is', null).execute(),
    ).toHaveLength(1);
  });

  it('round trip: importing our own Meeting Guide export reproduces the same meetings', async () => {
    await importFeed(
      { database, bus },
      { sourceName: 'aasfmarin', format: 'meeting-guide', input: mgFixture('aasfmarin'), trigger: 'cli' },
    );
    const exportOf = async (source: string) => {
      let text = '';
      for await (const chunk of meetingGuideChunks(database.db, { source })) text += chunk;
      return JSON.parse(text) as Record<string, unknown>[];
    };
    const first = await exportOf('aasfmarin');
    expect(first).toHaveLength(658);
    expect(specProblems(first)).toEqual([]);
    const file = write('roundtrip', first);
    const report = await importFeed(
      { database, bus },
      { sourceName: 'aasfmarin-copy', format: 'meeting-guide', input: file, fellowship: 'AA', trigger: 'cli' },
    );
    expect(report.counts).toMatchObject({ added: 658, rejected: 0 });
    const second = await exportOf('aasfmarin-copy');
    const bySlug = (list: Record<string, unknown>[]) => [...list].sort((x, y) => String(x.slug).localeCompare(String(y.slug)));
    expect(bySlug(second)).toEqual(bySlug(first));
    // And the copy, imported again from the same file, is unchanged.
    expect(
      (await importFeed({ database, bus }, { sourceName: 'aasfmarin-copy', input: file, trigger: 'cli' })).counts,
    ).toMatchObject({ unchanged: 658, changed: 0 });
  });
});
