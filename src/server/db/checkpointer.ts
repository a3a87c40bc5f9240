import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints the write-ahead log: at chat rates it then holds a few hundred pages at most. */
const CHECKPOINT_EVERY_MS = 200;
/**
 * The app's connection checkpoints by itself only past this many pages (SQLite's default is 1,000): a fallback, should
 * the worker stop or fall behind, so the log cannot grow without end.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Plain CommonJS, so the same code runs compiled and from the TypeScript sources (no loader in the worker).
const WORKER_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or the file went away: the next tick tries again, and the app's fallback still holds
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Checkpoints an SQLite file's write-ahead log from a worker thread with a connection of its own (issue 7's
 * benchmark). A checkpoint copies the logged pages into the database file and then waits for the disk (fsync); run
 * by the app's connection, as SQLite does after a commit that took the log past 1,000 pages, that wait blocked the
 * event loop for 5–45 ms about every 200 chat messages, which was most of the chat's 99th-percentile latency. A
 * PASSIVE checkpoint takes no lock the app's writer or readers wait for, so the app's thread never waits for the disk.
 * Durability is unchanged: commits are as durable as `synchronous = NORMAL` makes them, checkpoints only move pages.
 */
export function startCheckpointer(path: string, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { module, path, everyMs }, execArgv: [] });
  worker.unref();
  // A worker that fails leaves checkpoints to the app's connection (FALLBACK_AUTOCHECKPOINT_PAGES).
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
