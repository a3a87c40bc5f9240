/**
 * The 1,000,000-meeting stress case of `npm run bench:search`: a MeetingStore bulk-loaded straight from the generator
 * (bench/lib/synthetic-index.ts; no database, see there why), then the same query mix through `SearchEngine.search`
 * after a warm-up pass. Own process, so the 250k measurements never share a heap with a million meetings.
 *
 *   node --expose-gc --import tsx bench/lib/search-stress-child.ts '{"meetings":1000000,"seed":1,"queries":1000,"querySeed":2}'
 */
import { SearchEngine } from '../../src/server/modules/search/engine/engine.js';
import { MeetingStore } from '../../src/server/modules/search/index/meeting-store.js';
import { zoneTimeOps } from '../../src/server/modules/search/zone-time-ops.js';
import { type LatencySummary, summarise } from './latency.js';
import { generateQueries, labelOf, toEngineQuery } from './search-queries.js';
import { loadSyntheticMeetings } from './synthetic-index.js';

export interface StressChildRequest {
  meetings: number;
  seed: number;
  queries: number;
  querySeed: number;
}

export interface StressChildResult {
  meetings: number;
  /** Generating and the bulk load together (no database read): not comparable with the 250k boot figure. */
  buildMs: number;
  rssMb: number;
  engine: LatencySummary & { byKind: Record<string, LatencySummary> };
}

function main(): void {
  const req = JSON.parse(process.argv[2] ?? '{}') as StressChildRequest;
  const store = new MeetingStore();
  const started = performance.now();
  loadSyntheticMeetings(store, req.meetings, req.seed);
  const buildMs = performance.now() - started;
  // The generator's garbage is collected now (the child runs with --expose-gc), not during a timed search.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  const engine = new SearchEngine(store, zoneTimeOps());

  const bench = generateQueries(req.queries, req.querySeed);
  const queries = bench.map(toEngineQuery);
  // Warm-up on a fifth of the mix (every kind occurs in it): JIT, the k-d tree, the word list, the zone tables.
  for (const q of queries.slice(0, queries.length / 5)) engine.search(q);
  const samples: number[] = [];
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < queries.length; i++) {
    const t = process.hrtime.bigint();
    engine.search(queries[i]!);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    samples.push(ms);
    const list = byKind.get(labelOf(bench[i]!)) ?? [];
    list.push(ms);
    byKind.set(labelOf(bench[i]!), list);
  }
  const result: StressChildResult = {
    meetings: store.count,
    buildMs,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    engine: { ...summarise(samples), byKind: Object.fromEntries([...byKind].map(([k, v]) => [k, summarise(v)])) },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
