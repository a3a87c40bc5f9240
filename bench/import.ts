/**
 * `npm run bench:import`: how fast `importFeed` takes in a large Meeting Guide feed, against a raw-insert baseline
 * measured in the same run (bench/README.md). Prints each figure with its target, then a JSON summary as the last
 * line. Exits 0 when a target is missed (the summary says so); non-zero when an import fails, rejects meetings or
 * reports counts other than expected, because then the figures measure the wrong thing.
 *
 * Options: --cpu-prof <dir> writes V8 CPU profiles of the 250k import and re-import under <dir>/import-250k and
 * <dir>/reimport-250k (the larger file in each is the main thread's; open it in Chrome DevTools).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ImportCounts } from '../src/server/modules/meetings/import/report.js';
import type { BaselineChildResult } from './lib/baseline-child.js';
import { writeFeed } from './lib/feed-generator.js';
import type { ImportChildResult } from './lib/import-child.js';
import { runChild } from './lib/run-child.js';
import { BenchFailure, type BenchRun, fixed, grouped, runBench, say } from './lib/bench-run.js';

const SEED = 20_240_601;
const SMALL = 10_000;
const LARGE = 250_000;

const TARGETS = { feed_10k_s: 1, feed_250k_s: 20, reimport_250k_s: 5, peak_rss_mb: 1024 } as const;

const IMPORT_CHILD = fileURLToPath(new URL('./lib/import-child.ts', import.meta.url));
const BASELINE_CHILD = fileURLToPath(new URL('./lib/baseline-child.ts', import.meta.url));

function expectCounts(what: string, result: ImportChildResult, expected: Partial<ImportCounts>): void {
  if (result.status !== 'succeeded') throw new BenchFailure(`${what}: import ${result.status}: ${result.error ?? ''}`);
  const wrong = Object.entries(expected).filter(([k, v]) => result.counts[k as keyof ImportCounts] !== v);
  if (wrong.length > 0) {
    throw new BenchFailure(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(result.counts)}` +
        (result.firstRejections.length ? `; first rejections: ${JSON.stringify(result.firstRejections)}` : ''),
    );
  }
}

async function main({ dir, signal, profile, profileDir }: BenchRun): Promise<void> {
  say(`bench:import — Node ${process.version}, ${availableParallelism()} CPUs`);
  say('Note: this machine is shared and noisy; compare the ratio to the baseline more than the absolute seconds.');

  const feeds = { small: join(dir, 'feed-10k.json'), large: join(dir, 'feed-250k.json') };
  let t = performance.now();
  const smallBytes = await writeFeed(feeds.small, SMALL, SEED, signal);
  const largeBytes = await writeFeed(feeds.large, LARGE, SEED, signal);
  say(
    `generated feeds in ${((performance.now() - t) / 1000).toFixed(1)} s: ` +
      `10k = ${(smallBytes / 1e6).toFixed(1)} MB, 250k = ${(largeBytes / 1e6).toFixed(1)} MB`,
  );

  const small = await runChild<ImportChildResult>(
    IMPORT_CHILD,
    { database: join(dir, 'small.db'), feed: feeds.small },
    [],
    signal,
  );
  expectCounts('10k import', small, { total: SMALL, added: SMALL, changed: 0, removed: 0, unchanged: 0, rejected: 0 });
  say(`10k import: ${small.seconds.toFixed(3)} s`);

  const largeDb = join(dir, 'large.db');
  t = performance.now();
  const large = await runChild<ImportChildResult>(
    IMPORT_CHILD,
    { database: largeDb, feed: feeds.large },
    profile('import-250k'),
    signal,
  );
  expectCounts('250k import', large, { total: LARGE, added: LARGE, changed: 0, removed: 0, unchanged: 0, rejected: 0 });
  say(
    `250k import: ${large.seconds.toFixed(3)} s (child process ${((performance.now() - t) / 1000).toFixed(1)} s), ` +
      `${grouped(large.counts.warnings)} warnings, unknown types ${JSON.stringify(large.unknownTypes)}`,
  );

  const again = await runChild<ImportChildResult>(
    IMPORT_CHILD,
    { database: largeDb, feed: feeds.large },
    profile('reimport-250k'),
    signal,
  );
  expectCounts('250k re-import', again, { total: LARGE, added: 0, changed: 0, removed: 0, unchanged: LARGE, rejected: 0 });
  say(
    `250k re-import: ${again.seconds.toFixed(3)} s, ${grouped(again.counts.unchanged)} unchanged, peak RSS ${again.maxRssMb.toFixed(0)} MB`,
  );

  const baseline = await runChild<BaselineChildResult>(
    BASELINE_CHILD,
    { database: join(dir, 'baseline.db'), feed: feeds.large },
    [],
    signal,
  );
  if (baseline.rows !== LARGE) throw new BenchFailure(`baseline inserted ${baseline.rows} rows, expected ${LARGE}`);
  say(`baseline: ${grouped(LARGE)} rows in ${baseline.seconds.toFixed(3)} s (one prepared statement, one transaction)`);

  const summary = {
    bench: 'import',
    feed_10k_s: fixed(small.seconds, 3),
    feed_250k_s: fixed(large.seconds, 3),
    reimport_250k_s: fixed(again.seconds, 3),
    peak_rss_mb: fixed(large.maxRssMb, 1),
    meetings_per_s: Math.round(LARGE / large.seconds),
    baseline_rows_per_s: Math.round(baseline.rowsPerSecond),
    targets_met: false,
    node: process.version,
  };
  const checks: [string, string, number, number][] = [
    ['feed_10k_s', 's', summary.feed_10k_s, TARGETS.feed_10k_s],
    ['feed_250k_s', 's', summary.feed_250k_s, TARGETS.feed_250k_s],
    ['reimport_250k_s', 's', summary.reimport_250k_s, TARGETS.reimport_250k_s],
    ['peak_rss_mb', 'MB', summary.peak_rss_mb, TARGETS.peak_rss_mb],
  ];
  summary.targets_met = checks.every(([, , value, target]) => value <= target);

  say();
  for (const [name, unit, value, target] of checks) {
    say(
      `${name.padEnd(20)} ${`${value} ${unit}`.padEnd(12)} target ≤ ${`${target} ${unit}`.padEnd(9)} ${value <= target ? 'PASS' : 'FAIL'}`,
    );
  }
  say(`${'meetings_per_s'.padEnd(20)} ${grouped(summary.meetings_per_s)} /s`);
  say(`${'baseline_rows_per_s'.padEnd(20)} ${grouped(summary.baseline_rows_per_s)} /s`);
  say(
    `${'ratio'.padEnd(20)} ${(summary.meetings_per_s / summary.baseline_rows_per_s).toFixed(3)} ` +
      '(import meetings/s ÷ raw insert rows/s; 1.0 would be as fast as bare inserts)',
  );
  say(`targets ${summary.targets_met ? 'met' : 'NOT met'} (shared, noisy machine: rerun before drawing conclusions)`);
  if (profileDir) say(`CPU profiles written to ${profileDir}`);
  say(JSON.stringify(summary));
}

runBench('import', main);
