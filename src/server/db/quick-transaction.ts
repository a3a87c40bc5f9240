import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from './index.js';
import type { Database } from './types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The busy timeout `openSqlite` gives the app's connection, restored once the write lock is held. */
const APP_BUSY_TIMEOUT_MS = 5000;

/**
 * Runs `fn` in one short write transaction, for hot paths such as chat (issue 7: a message is stored before it is
 * delivered). `withWriteTransaction` opens a new SQLite connection per call, which costs more than the write itself;
 * here SQLite uses the app's own connection (better-sqlite3 is synchronous, so the transaction is atomic and quick)
 * and PostgreSQL a pooled transaction, where the first `UPDATE` of a row locks it until commit.
 *
 * On SQLite the write lock is taken up front (`BEGIN IMMEDIATE`), retried with an async back-off instead of SQLite's
 * busy wait: another connection of this same process (a `withWriteTransaction` in progress) can only finish if the
 * event loop keeps running, so a blocking wait here would freeze the process for the whole busy timeout.
 * @throws what `fn` throws, after rolling back; or SQLITE_BUSY when the lock is not had within `timeoutMs`.
 */
export async function withQuickWriteTransaction<T>(
  handle: DatabaseHandle,
  fn: (tx: Kysely<Database>) => Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  if (handle.dialect !== 'sqlite') return handle.db.transaction().execute(fn);
  return handle.db.connection().execute(async (conn) => {
    await sql`pragma busy_timeout = 0`.execute(conn);
    try {
      const deadline = Date.now() + timeoutMs;
      for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
        try {
          await sql`begin immediate`.execute(conn);
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
          await sleep(wait);
        }
      }
    } finally {
      await sql.raw(`pragma busy_timeout = ${APP_BUSY_TIMEOUT_MS}`).execute(conn);
    }
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
