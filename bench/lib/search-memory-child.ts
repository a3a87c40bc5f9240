/**
 * Resident memory of the 250k search index, in a process of its own started with --expose-gc: RSS and heap after
 * a full collection before and after building the index from the database as the app does at boot, the k-d tree
 * and word list included (they are built by the first search), the second time after the heap has settled for a
 * few seconds. The difference, divided by the meetings, is what each meeting costs a running server.
 *
 *   node --expose-gc --import tsx bench/lib/search-memory-child.ts '{"database":"/tmp/x.db"}'
 */
import { openDatabase } from '../../src/server/db/index.js';
import { SearchEngine } from '../../src/server/modules/search/engine/engine.js';
import { MeetingStore } from '../../src/server/modules/search/index/meeting-store.js';
import { loadIndex } from '../../src/server/modules/search/loader.js';
import { zoneTimeOps } from '../../src/server/modules/search/zone-time-ops.js';

export interface MemoryChildRequest {
  database: string;
}

export interface MemoryChildResult {
  meetings: number;
  /** After the heap has settled (SETTLE_MS idle); what bytes_per_meeting is computed from. */
  rssDeltaBytes: number;
  /** Right after the build and a full collection. */
  rssDeltaImmediateBytes: number;
  heapUsedDeltaBytes: number;
  /** Heap reserved by V8 (used plus free space in its pages). */
  heapTotalDeltaBytes: number;
  externalDeltaBytes: number;
  rssAfterMb: number;
}

const SETTLE_MS = 3000;

function collect(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // Twice: the first pass can leave finalisable objects for the second.
  gc();
  gc();
  return process.memoryUsage();
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as MemoryChildRequest;
  const database = openDatabase(`sqlite:${req.database}`);
  try {
    const engineTime = zoneTimeOps();
    // Open connection, loaded modules, compiled code: all there before the index, so not counted in it.
    await database.db.selectFrom('meetings').select('id').limit(1).execute();
    const before = collect();
    const store = new MeetingStore();
    await loadIndex(database.db, store);
    const engine = new SearchEngine(store, engineTime);
    engine.geo.candidates(0, 0, 1);
    store.text.prefixCount('a');
    const immediately = collect();
    // V8 hands emptied heap pages back to the system on an idle timer, not at gc(): a server at rest holds what is
    // left after it has run, so that is the figure reported; the one right after the build is printed beside it.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const after = collect();
    const result: MemoryChildResult = {
      // Through the engine, so the k-d tree it holds is certainly still alive at the second measurement.
      meetings: engine.store.count,
      rssDeltaBytes: after.rss - before.rss,
      rssDeltaImmediateBytes: immediately.rss - before.rss,
      heapUsedDeltaBytes: after.heapUsed - before.heapUsed,
      heapTotalDeltaBytes: after.heapTotal - before.heapTotal,
      externalDeltaBytes: after.external - before.external, // includes array buffers (typed-array columns)
      rssAfterMb: after.rss / 2 ** 20,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
