import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './index.js';
import { appSqliteConnection, cachedStatement } from './sqlite.js';
import type { Database } from './types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The busy timeout `openSqlite` gives the app's connection, restored once the write lock is held. */
const APP_BUSY_TIMEOUT_MS = 5000;

const BUSY = Symbol('busy');

/**
 * Runs `fn` in one short write transaction, for hot paths such as chat (issue 7: a message is stored before it is
 * delivered). `withWriteTransaction` opens a new SQLite connection per call, which costs more than the write itself;
 * here SQLite uses the app's own connection (better-sqlite3 is synchronous, so the transaction is atomic and quick)
 * and PostgreSQL a pooled transaction, where the first `UPDATE` of a row locks it until commit.
 *
 * On SQLite the write lock is taken up front (`BEGIN IMMEDIATE`), retried with an async back-off instead of SQLite's
 * busy wait: another connection of this same process (a `withWriteTransaction` in progress) can only finish if the
 * event loop keeps running, so a blocking wait here would freeze the process for the whole busy timeout. While it
 * waits it lets go of the connection, so the app's reads go on. The
 * transaction statements go to better-sqlite3 directly (microseconds) while Kysely's lock on the connection keeps
 * every other query of the app out until the commit.
 * @throws what `fn` throws, after rolling back; or SQLITE_BUSY when the lock is not had within `timeoutMs`.
 */
export async function withQuickWriteTransaction<T>(
  handle: DatabaseHandle,
  fn: (tx: Kysely<Database>) => Promise<T>,
  timeoutMs = 10_000,
): Promise<T> {
  const raw = handle.dialect === 'sqlite' ? appSqliteConnection(handle.db) : undefined;
  if (!raw) return handle.db.transaction().execute(fn);
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    const outcome = await handle.db.connection().execute(async (conn) => {
      // Prepared once (a chat send runs one of these transactions): preparing cost more than running.
      cachedStatement(raw, 'PRAGMA busy_timeout = 0').run();
      try {
        cachedStatement(raw, 'BEGIN IMMEDIATE').run();
      } catch (err) {
        // Busy: let go of the connection (the app's reads go on) and try again shortly.
        if ((err as { code?: string }).code === 'SQLITE_BUSY' && Date.now() < deadline) return BUSY;
        throw err;
      } finally {
        cachedStatement(raw, `PRAGMA busy_timeout = ${APP_BUSY_TIMEOUT_MS}`).run();
      }
      try {
        const value = await fn(conn);
        cachedStatement(raw, 'COMMIT').run();
        return { value };
      } catch (err) {
        if (raw.inTransaction) cachedStatement(raw, 'ROLLBACK').run();
        throw err;
      }
    });
    if (outcome !== BUSY) return outcome.value;
    await sleep(wait);
  }
}
