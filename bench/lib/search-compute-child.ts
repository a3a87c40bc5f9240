/**
 * The in-process half of `npm run bench:search` at 250,000 meetings, in a process of its own so no other phase's
 * garbage or JIT state colours it: builds the index from the imported database as the app does at boot (timed,
 * with the database read separated), runs the query mix through `SearchEngine.search` (warmed up first), then the
 * same queries as SQL (the BMLT-style baseline, bench/lib/search-baseline.ts) on the same file. Called by
 * bench/search.ts with one JSON argument; answers with one JSON line on stdout.
 *
 *   node --expose-gc --import tsx bench/lib/search-compute-child.ts '{"database":"/tmp/x.db","queries":1000,"seed":1,"passes":2}'
 */
import { openDatabase } from '../../src/server/db/index.js';
import { SearchEngine } from '../../src/server/modules/search/engine/engine.js';
import type { SearchQuery } from '../../src/server/modules/search/engine/query.js';
import { MeetingStore } from '../../src/server/modules/search/index/meeting-store.js';
import { MeetingColumnsBuilder } from '../../src/server/modules/search/bulk-columns.js';
import { MeetingTextBuilder } from '../../src/server/modules/search/bulk-text.js';
import { idPages, joinText, loadIndex } from '../../src/server/modules/search/loader.js';
import { zoneTimeOps } from '../../src/server/modules/search/zone-time-ops.js';
import {
  groupNamePage,
  liveMeetingSearchPage,
  PACKED_SEPARATOR,
  placeSearchPage,
  regionPathPage,
} from '../../src/server/modules/meetings/repository/search-rows.js';
import { type LatencySummary, summarise, timeMs } from './latency.js';
import { baselineSql, SqlBaseline } from './search-baseline.js';
import { generateQueries, type Label, labelOf, toEngineQuery } from './search-queries.js';

export interface ComputeChildRequest {
  database: string;
  queries: number;
  seed: number;
  /** Measured passes over the query mix after one warm-up pass. */
  passes: number;
}

export interface ComputeChildResult {
  meetings: number;
  build: {
    /**
     * The boot path: `loadIndex` into a fresh store, as `SearchIndexService.start()` (on SQLite: the text half in a
     * worker thread, the column half on this one).
     */
    bootMs: number;
    /** How the boot path made the text half ('worker', or 'failed' when its worker failed). */
    textWorker: string;
    /**
     * A second build of the same steps on this thread alone, separately timed: every query (places, groups,
     * regions and meetings pages); both halves' work per row (folding and splitting places, groups, regions, names
     * and notes, a meeting's words and search text, its columns); the store appends, the text index's layout and
     * joining the halves.
     */
    dbReadMs: number;
    toIndexedMs: number;
    upsertMs: number;
    /** Built lazily by the first search that needs them. */
    geoTreeMs: number;
    textWordListMs: number;
  };
  engine: LatencySummary & { byKind: Record<string, LatencySummary>; meanTotal: number };
  baseline: LatencySummary & { byKind: Record<string, LatencySummary> };
  /** Queries of each label in the mix. */
  queriesByKind: Record<string, number>;
  /** Mean share of the engine's first page that the baseline's first page also holds, per label. */
  agreement: Record<string, number>;
  plans: Record<string, string>;
}

/** A full collection between phases (the child runs with --expose-gc), so no phase pays for another's garbage. */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as ComputeChildRequest;
  const database = openDatabase(`sqlite:${req.database}`);
  // The boot-path store is the one searched; the second build below only times the steps.
  const store = new MeetingStore();
  const build = { bootMs: 0, textWorker: '', dbReadMs: 0, toIndexedMs: 0, upsertMs: 0, geoTreeMs: 0, textWordListMs: 0 };
  try {
    // Exactly what SearchIndexService.start() times as builtInMs, in a process that has done nothing else yet.
    let started = performance.now();
    const report = await loadIndex(database.db, store);
    build.bootMs = performance.now() - started;
    build.textWorker = report.textWorker;
    if (report.workerError) process.stderr.write(`build worker failed: ${report.workerError.stack}\n`);

    // The same work again on this thread alone, each step on its own clock: loadIndex's single-thread path (one
    // read of whole rows feeding the column half and the text half, as on PostgreSQL), whose steps are the work
    // the boot path shares between this thread and its worker. Rows are timed one by one (a clock read costs ~50 ns).
    const second = new MeetingStore();
    const columns = new MeetingColumnsBuilder(second, PACKED_SEPARATOR);
    const text = new MeetingTextBuilder();
    const db = database.db;
    const timedPages = async <T extends readonly [number, ...unknown[]]>(
      read: (after: number, limit: number) => Promise<T[]>,
      use: (page: T[]) => void,
    ) => {
      const pages = idPages(read);
      for (;;) {
        started = performance.now();
        const next = await pages.next();
        build.dbReadMs += performance.now() - started;
        if (next.done) return;
        started = performance.now();
        use(next.value);
        build.toIndexedMs += performance.now() - started;
      }
    };
    await timedPages(
      (after, limit) => placeSearchPage(db, after, limit),
      (page) => {
        for (const [id, placeText, lat, lng] of page) {
          columns.addPlace(id, lat, lng);
          text.addPlace(id, placeText);
        }
      },
    );
    await timedPages(
      (after, limit) => groupNamePage(db, after, limit),
      (page) => page.forEach(([id, name]) => text.addGroup(id, name)),
    );
    await timedPages(
      (after, limit) => regionPathPage(db, after, limit),
      (page) =>
        page.forEach(([id, path]) => {
          columns.addRegion(id, path);
          text.addRegion(id, path);
        }),
    );
    const load = second.loadColumns();
    const pages = idPages((after, limit) => liveMeetingSearchPage(db, after, limit));
    for (;;) {
      started = performance.now();
      const next = await pages.next();
      build.dbReadMs += performance.now() - started;
      if (next.done) break;
      for (const row of next.value) {
        const t0 = performance.now();
        const record = columns.of(row[0], row[1], row[4], row[6], row[7], row[8]);
        text.addMeeting(row[0], row[2], row[3], row[4], row[5], row[6]);
        const t1 = performance.now();
        load.add(record);
        build.upsertMs += performance.now() - t1;
        build.toIndexedMs += t1 - t0;
      }
    }
    started = performance.now();
    joinText(second, load, text.build());
    build.upsertMs += performance.now() - started;
    if (second.count !== store.count) throw new Error(`second build indexed ${second.count}, first ${store.count}`);
  } finally {
    await database.close();
  }
  // The breakdown's store and the pages of rows are garbage now: collect them here rather than in a timed search.
  collect();
  const engine = new SearchEngine(store, zoneTimeOps());
  build.geoTreeMs = timeMs(() => engine.geo.candidates(0, 0, 1)).ms;
  build.textWordListMs = timeMs(() => store.text.prefixCount('a')).ms;

  const bench = generateQueries(req.queries, req.seed);
  const queries: SearchQuery[] = bench.map(toEngineQuery);
  const firstPage: number[][] = queries.map((q) => engine.search(q).hits.map((h) => h.id)); // warm-up pass
  const samples: number[] = [];
  const byKind = new Map<Label, number[]>();
  let totals = 0;
  for (let pass = 0; pass < req.passes; pass++) {
    for (let i = 0; i < queries.length; i++) {
      const started = process.hrtime.bigint();
      const result = engine.search(queries[i]!);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      totals += result.total;
      samples.push(ms);
      const list = byKind.get(labelOf(bench[i]!)) ?? [];
      list.push(ms);
      byKind.set(labelOf(bench[i]!), list);
    }
  }

  collect();
  const baseline = new SqlBaseline(req.database);
  const baseSamples: number[] = [];
  const baseByKind = new Map<Label, number[]>();
  const agreement = new Map<Label, number[]>();
  const plans: Record<string, string> = {};
  try {
    const prepared = bench.map(baselineSql);
    // Warm the page cache and the statement cache on a slice of the mix before timing.
    for (const q of prepared.slice(0, 50)) baseline.run(q);
    for (let i = 0; i < prepared.length; i++) {
      const started = process.hrtime.bigint();
      const ids = baseline.run(prepared[i]!);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const kind = labelOf(bench[i]!);
      baseSamples.push(ms);
      const list = baseByKind.get(kind) ?? [];
      list.push(ms);
      baseByKind.set(kind, list);
      const engineIds = new Set(firstPage[i]);
      const shared = ids.filter((id) => engineIds.has(id)).length;
      const denominator = Math.max(ids.length, engineIds.size);
      const agreed = agreement.get(kind) ?? [];
      agreed.push(denominator === 0 ? 1 : shared / denominator);
      agreement.set(kind, agreed);
      plans[kind] ??= baseline.plan(prepared[i]!);
    }
  } finally {
    baseline.close();
  }

  const result: ComputeChildResult = {
    meetings: store.count,
    build,
    engine: {
      ...summarise(samples),
      byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, summarise(v)])),
      meanTotal: totals / samples.length,
    },
    baseline: { ...summarise(baseSamples), byKind: Object.fromEntries([...baseByKind].map(([k, v]) => [k, summarise(v)])) },
    queriesByKind: Object.fromEntries([...baseByKind].map(([k, v]) => [k, v.length])),
    agreement: Object.fromEntries([...agreement].map(([k, v]) => [k, v.reduce((a, b) => a + b, 0) / v.length])),
    plans,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
