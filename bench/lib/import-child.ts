/**
 * One measured import, run in a process of its own so its peak resident memory (maxRSS) belongs to that import
 * alone and no earlier run's garbage or JIT state colours it. Called by bench/import.ts with one JSON argument;
 * answers with one JSON line on stdout.
 *
 *   node --import tsx bench/lib/import-child.ts '{"database":"/tmp/x.db","feed":"/tmp/feed.json"}'
 */
import { performance } from 'node:perf_hooks';
import { createMemoryBus } from '../../src/server/bus/memory-bus.js';
import { openDatabase } from '../../src/server/db/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { importFeed } from '../../src/server/modules/meetings/import-service.js';
import type { ImportCounts } from '../../src/server/modules/meetings/import/report.js';
import { SOURCE_TIMEZONE } from './feed-generator.js';

export interface ImportChildRequest {
  database: string;
  feed: string;
}

export interface ImportChildResult {
  seconds: number;
  /** Peak resident set of this process, in MiB (`process.resourceUsage().maxRSS` is in KiB). */
  maxRssMb: number;
  status: string;
  error: string | null;
  counts: ImportCounts;
  unknownTypes: Record<string, number>;
  firstRejections: unknown[];
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as ImportChildRequest;
  const database = openDatabase(`sqlite:${req.database}`);
  const bus = createMemoryBus();
  try {
    // Migrating is setup, not import: a fresh file gets its schema here, an existing one is left as it is.
    await migrateToLatest(database);
    const started = performance.now();
    const report = await importFeed(
      { database, bus },
      { sourceName: 'bench', format: 'meeting-guide', input: req.feed, timezone: SOURCE_TIMEZONE, trigger: 'cli' },
    );
    const seconds = (performance.now() - started) / 1000;
    const result: ImportChildResult = {
      seconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      status: report.status,
      error: report.error,
      counts: report.counts,
      unknownTypes: report.unknown_types,
      firstRejections: report.rejected.slice(0, 3),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bus.close();
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
