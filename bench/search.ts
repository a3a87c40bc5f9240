/**
 * `npm run bench:search`: how fast the in-memory meeting search answers, against a BMLT-style SQL baseline measured
 * in the same run on the same data (bench/README.md). One run:
 *
 * 1. writes the import benchmark's seeded 250,000-meeting feed and imports it with `importFeed` into a fresh SQLite
 *    file, so the database and the index hold realistic rows;
 * 2. in a child process, builds the index from that file as the app does at boot (timed, database read apart),
 *    runs a seeded mix of 1,000 searches through `SearchEngine.search` and then the same searches as SQL;
 *    then times the build as `npm start` runs it, compiled (dist/, built first if stale) on plain Node, in five fresh
 *    processes: their median is index_build_ms (the TypeScript-sources figure is printed beside it);
 * 3. in a child process started with --expose-gc, measures the resident memory the index adds per meeting;
 * 4. in a child process, fills a MeetingStore with 1,000,000 generated meetings (no database: see
 *    bench/lib/synthetic-index.ts) and runs the same mix;
 * 5. starts the real app (`buildApp`, listening on 127.0.0.1, port 0) on the 250k file, and drives `/healthz` and
 *    `GET /api/meetings` (rotating through the mix's 1,000 query strings) with autocannon from a child process: as
 *    clients ask (repeats within a minute come from the server's answer cache), with brotli, and with
 *    Cache-Control: no-cache so that every request is searched afresh.
 *
 * Prints each figure with its target, then a JSON summary as the last line. Exits 0 when a target is missed (the
 * summary says so); non-zero when something fails to run, because then the figures would measure the wrong thing.
 *
 * Options: --cpu-prof <dir> writes V8 CPU profiles of the 250k and 1M search children under <dir>/compute-250k
 * and <dir>/stress-1m (the larger file in each is the main thread's; open it in Chrome DevTools).
 */
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../scripts/ensure-built.js';
import { buildApp } from '../src/server/app.js';
import { testConfig } from '../src/server/config.js';
import { writeFeed } from './lib/feed-generator.js';
import type { ImportChildResult } from './lib/import-child.js';
import { runChild } from './lib/run-child.js';
import { BenchFailure, type BenchRun, fixed, grouped, runBench, say } from './lib/bench-run.js';
import type { ComputeChildResult } from './lib/search-compute-child.js';
import type { LoadChildRequest, LoadChildResult } from './lib/search-load-child.js';
import type { MemoryChildResult } from './lib/search-memory-child.js';
import { generateQueries, LABELS, MIX, RADIUS_KM, toQueryString } from './lib/search-queries.js';
import type { StressChildResult } from './lib/search-stress-child.js';

const FEED_SEED = 20_240_601; // the import benchmark's feed
const QUERY_SEED = 20_240_602;
const N = 250_000;
const N_STRESS = 1_000_000;
const QUERIES = 1_000;
const HTTP = { connections: 10, seconds: 10, warmupSeconds: 2 } as const;

const TARGETS = {
  p50_ms: 0.5,
  p99_ms: 5,
  p99_ms_1m: 10,
  speedup_p50: 100,
  speedup_p99: 10,
  http_ratio: 0.3,
  index_build_ms: 1000,
  bytes_per_meeting: 1536,
} as const;

const IMPORT_CHILD = fileURLToPath(new URL('./lib/import-child.ts', import.meta.url));
const COMPUTE_CHILD = fileURLToPath(new URL('./lib/search-compute-child.ts', import.meta.url));
const MEMORY_CHILD = fileURLToPath(new URL('./lib/search-memory-child.ts', import.meta.url));
const BUILD_CHILD = fileURLToPath(new URL('./lib/search-build-child.js', import.meta.url));
/** Fresh processes timing the boot-time build; the figure is their median (one build varies by ±10 % here). */
const BUILD_RUNS = 5;
const STRESS_CHILD = fileURLToPath(new URL('./lib/search-stress-child.ts', import.meta.url));
const LOAD_CHILD = fileURLToPath(new URL('./lib/search-load-child.ts', import.meta.url));

interface BuildChildResult {
  ms: number;
  textWorker: string;
  meetings: number;
}

const ms = (n: number) => `${n < 10 ? n.toFixed(3) : n.toFixed(1)} ms`;

async function main({ dir, signal, profile, profileDir }: BenchRun): Promise<void> {
  const cpus = availableParallelism();
  say(`bench:search — Node ${process.version}, ${cpus} CPUs`);
  say(
    `Note: this machine has ${cpus} cores, shared and noisy; during the HTTP runs the load generator (a child process) ` +
      'and the server share them, so requests/s are a lower bound. Compare ratios more than absolute figures.',
  );

  // 1. Data: the import benchmark's feed, imported as an operator would.
  const feed = join(dir, 'feed-250k.json');
  const database = join(dir, 'search-250k.db');
  let t = performance.now();
  const bytes = await writeFeed(feed, N, FEED_SEED, signal);
  const imported = await runChild<ImportChildResult>(IMPORT_CHILD, { database, feed }, [], signal);
  if (imported.status !== 'succeeded' || imported.counts.added !== N || imported.counts.rejected !== 0) {
    throw new BenchFailure(`import: ${imported.status} ${imported.error ?? ''} ${JSON.stringify(imported.counts)}`);
  }
  await rm(feed);
  say(
    `data: ${grouped(N)} meetings (${(bytes / 1e6).toFixed(0)} MB feed) imported in ${imported.seconds.toFixed(1)} s; ` +
      `setup ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  say(
    `queries: ${QUERIES} seeded — ${MIX.map(([k, share]) => `${k} ${Math.round(share * 100)} %`).join(', ')}; ` +
      `radius ${RADIUS_KM} km, top 50`,
  );

  // 2. In-process latency and the SQL baseline at 250k, plus the index build.
  t = performance.now();
  const compute = await runChild<ComputeChildResult>(
    COMPUTE_CHILD,
    { database, queries: QUERIES, seed: QUERY_SEED, passes: 2 },
    ['--expose-gc', ...profile('compute-250k')],
    signal,
  );
  if (compute.meetings !== N) throw new BenchFailure(`index holds ${compute.meetings} meetings, expected ${N}`);
  say(`compute child (index build, engine, baseline) took ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 2b. The index build as `npm start` runs it: compiled (dist/), plain Node, each in a fresh process.
  await ensureBuilt({ web: false });
  const builds: BuildChildResult[] = [];
  for (let i = 0; i < BUILD_RUNS; i++) {
    const run = await runChild<BuildChildResult>(BUILD_CHILD, { database }, [], signal);
    if (run.meetings !== N || run.textWorker !== 'worker')
      throw new BenchFailure(`build child indexed ${run.meetings} meetings, text half: ${run.textWorker}`);
    builds.push(run);
  }
  const buildTimes = builds.map((r) => r.ms).sort((a, b) => a - b);
  const buildMs = buildTimes[BUILD_RUNS >> 1]!;

  // 3. Memory per meeting.
  const memory = await runChild<MemoryChildResult>(MEMORY_CHILD, { database }, ['--expose-gc'], signal);
  if (memory.meetings !== N) throw new BenchFailure(`memory child indexed ${memory.meetings}, expected ${N}`);

  // 4. One million meetings.
  t = performance.now();
  const stress = await runChild<StressChildResult>(
    STRESS_CHILD,
    { meetings: N_STRESS, seed: FEED_SEED, queries: QUERIES, querySeed: QUERY_SEED },
    ['--expose-gc', '--max-old-space-size=8192', ...profile('stress-1m')],
    signal,
  );
  if (stress.meetings !== N_STRESS) throw new BenchFailure(`stress index holds ${stress.meetings}, expected ${N_STRESS}`);
  say(`1M child took ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 5. HTTP: the real app on the 250k file; load from a child process, loopback only.
  const app = await buildApp(testConfig({ databaseUrl: `sqlite:${database}`, logLevel: 'silent' }));
  let healthz: LoadChildResult;
  let search: LoadChildResult;
  let compressed: LoadChildResult;
  let uncached: LoadChildResult;
  let floor: LoadChildResult;
  const bootIndexMs = app.searchIndex.builtInMs;
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const paths = generateQueries(QUERIES, QUERY_SEED).map(toQueryString);
    const load = async (what: string, request: Omit<LoadChildRequest, 'origin' | keyof typeof HTTP>) => {
      const r = await runChild<LoadChildResult>(LOAD_CHILD, { origin, ...HTTP, ...request }, [], signal);
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0 || r.requests === 0) {
        throw new BenchFailure(
          `${what}: ${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
        );
      }
      return r;
    };
    healthz = await load('/healthz', { paths: ['/healthz'] });
    search = await load('/api/meetings', { paths });
    // What browsers send: the answer is compressed (brotli) on the server's CPU, once per cached answer.
    compressed = await load('/api/meetings (br)', { paths, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    // Every request computed afresh (Cache-Control: no-cache bypasses the answer cache): the search, the page's
    // summaries from the database and the JSON, per request.
    uncached = await load('/api/meetings (no-cache)', { paths, headers: { 'cache-control': 'no-cache' } });
    // The route with next to no search work (a word no meeting has): validation, routing and the reply alone.
    floor = await load('/api/meetings (no match)', { paths: ['/api/meetings?q=zzqqxx&tz=America%2FChicago&limit=50'] });
  } finally {
    await app.close();
  }

  const b = compute.build;
  const summary = {
    bench: 'search',
    n: N,
    p50_ms: fixed(compute.engine.p50, 4),
    p99_ms: fixed(compute.engine.p99, 4),
    p99_ms_1m: fixed(stress.engine.p99, 4),
    baseline_p50_ms: fixed(compute.baseline.p50, 3),
    baseline_p99_ms: fixed(compute.baseline.p99, 3),
    speedup_p50: fixed(compute.baseline.p50 / compute.engine.p50, 1),
    speedup_p99: fixed(compute.baseline.p99 / compute.engine.p99, 1),
    http_rps: Math.round(search.rps),
    healthz_rps: Math.round(healthz.rps),
    http_ratio: fixed(search.rps / healthz.rps, 3),
    http_rps_uncached: Math.round(uncached.rps),
    index_build_ms: Math.round(buildMs),
    index_build_ms_tsx: Math.round(b.bootMs),
    bytes_per_meeting: Math.round(memory.rssDeltaBytes / N),
    targets_met: false,
    node: process.version,
  };
  // [key, unit, value, target, higher is better]
  const checks: [keyof typeof TARGETS, string, number, number, boolean][] = [
    ['p50_ms', 'ms', summary.p50_ms, TARGETS.p50_ms, false],
    ['p99_ms', 'ms', summary.p99_ms, TARGETS.p99_ms, false],
    ['p99_ms_1m', 'ms', summary.p99_ms_1m, TARGETS.p99_ms_1m, false],
    ['speedup_p50', '×', summary.speedup_p50, TARGETS.speedup_p50, true],
    ['speedup_p99', '×', summary.speedup_p99, TARGETS.speedup_p99, true],
    ['http_ratio', '', summary.http_ratio, TARGETS.http_ratio, true],
    ['index_build_ms', 'ms', summary.index_build_ms, TARGETS.index_build_ms, false],
    ['bytes_per_meeting', 'B', summary.bytes_per_meeting, TARGETS.bytes_per_meeting, false],
  ];
  const passed = (value: number, target: number, higher: boolean) => (higher ? value >= target : value <= target);
  summary.targets_met = checks.every(([, , value, target, higher]) => passed(value, target, higher));

  say();
  say('per kind (engine p50 / p99 at 250k | baseline p50 / p99 | engine p99 at 1M | first pages agreeing):');
  for (const kind of LABELS) {
    const e = compute.engine.byKind[kind];
    const s = compute.baseline.byKind[kind];
    const m = stress.engine.byKind[kind];
    if (!e || !s || !m) continue;
    say(
      `  ${kind.padEnd(12)} n=${String(compute.queriesByKind[kind]).padEnd(4)} ${ms(e.p50).padStart(10)} / ${ms(e.p99).padEnd(10)} | ` +
        `${ms(s.p50).padStart(9)} / ${ms(s.p99).padEnd(9)} | ${ms(m.p99).padStart(9)} | ` +
        `${((compute.agreement[kind] ?? 0) * 100).toFixed(0)} %`,
    );
  }
  say(`  engine mean matches per search (total): ${grouped(compute.engine.meanTotal)}`);
  for (const [kind, plan] of Object.entries(compute.plans)) say(`  baseline plan (${kind}): ${plan}`);
  say();
  say(
    `index build (boot path, loadIndex) as npm start runs it (compiled, ${BUILD_RUNS} fresh processes): median ` +
      `${ms(buildMs)} (${buildTimes.map((t) => t.toFixed(0)).join(', ')} ms); from the TypeScript sources (tsx): ` +
      `${ms(b.bootMs)}; separately timed: database read ${ms(b.dbReadMs)}, ` +
      `toIndexed ${ms(b.toIndexedMs)}, upsert ${ms(b.upsertMs)}; built by the first search: k-d tree ${ms(b.geoTreeMs)}, ` +
      `word list ${ms(b.textWordListMs)}; the app's own builtInMs at boot in this run ${ms(bootIndexMs)}`,
  );
  say(
    `memory: RSS +${(memory.rssDeltaBytes / 2 ** 20).toFixed(0)} MB after settling 3 s ` +
      `(+${(memory.rssDeltaImmediateBytes / 2 ** 20).toFixed(0)} MB right after the build), heapUsed +${(memory.heapUsedDeltaBytes / 2 ** 20).toFixed(0)} MB ` +
      `(heapTotal +${(memory.heapTotalDeltaBytes / 2 ** 20).toFixed(0)} MB) ` +
      `(${grouped(memory.heapUsedDeltaBytes / N)} B/meeting), external +${(memory.externalDeltaBytes / 2 ** 20).toFixed(0)} MB`,
  );
  say(`1M: built from the generator in ${(stress.buildMs / 1000).toFixed(1)} s, RSS ${stress.rssMb.toFixed(0)} MB`);
  say(
    `HTTP (${HTTP.connections} connections, ${HTTP.seconds} s each after ${HTTP.warmupSeconds} s warm-up, loopback): ` +
      `/healthz ${grouped(healthz.rps)}/s (p99 ${healthz.latencyP99Ms} ms); /api/meetings ${grouped(search.rps)}/s ` +
      `(p50 ${search.latencyP50Ms} ms, p99 ${search.latencyP99Ms} ms, ${grouped(search.bytesPerResponse)} B/answer); ` +
      `with accept-encoding br: ${grouped(compressed.rps)}/s (${grouped(compressed.bytesPerResponse)} B/answer); ` +
      `every answer computed afresh (Cache-Control: no-cache): ${grouped(uncached.rps)}/s ` +
      `(${fixed(uncached.rps / healthz.rps, 3)} × /healthz); ` +
      `the route answering a search that matches nothing: ${grouped(floor.rps)}/s`,
  );
  say();
  for (const [name, unit, value, target, higher] of checks) {
    say(
      `${name.padEnd(18)} ${`${value} ${unit}`.padEnd(14)} target ${higher ? '≥' : '≤'} ${`${target} ${unit}`.padEnd(10)} ` +
        `${passed(value, target, higher) ? 'PASS' : 'FAIL'}`,
    );
  }
  say(`${'baseline_p50_ms'.padEnd(18)} ${summary.baseline_p50_ms} ms   (SQL, bounding box + haversine UDF, same data)`);
  say(`${'baseline_p99_ms'.padEnd(18)} ${summary.baseline_p99_ms} ms`);
  say(`${'http_rps'.padEnd(18)} ${grouped(summary.http_rps)} /s   ${'healthz_rps'} ${grouped(summary.healthz_rps)} /s`);
  say(
    `targets ${summary.targets_met ? 'met' : 'NOT met'} (load generator and server share this ${cpus}-core machine; ` +
      'rerun before drawing conclusions)',
  );
  if (profileDir) say(`CPU profiles written to ${profileDir}`);
  say(JSON.stringify(summary));
}

runBench('search', main);
