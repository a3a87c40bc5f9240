import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './types.js';

/**
 * Turns `sqlite:./data/kinship.db`, `sqlite:/abs/path.db` or `sqlite::memory:`
 * into a file path for better-sqlite3.
 */
export function sqlitePath(url: string): string {
  const rest = url.replace(/^sqlite:(\/\/)?/, '');
  if (rest === ':memory:' || rest === '') return ':memory:';
  return resolve(rest);
}

export function openSqlite(url: string): { dialect: SqliteDialect; connection: SQLite.Database } {
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const connection = new SQLite(path);
  // WAL lets readers run while one writer commits; foreign keys are off by
  // default in SQLite and must be enabled per connection.
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  // 32 MB of page cache instead of SQLite's 2 MB: a page of search results reads its meetings' summaries by id from
  // all over the file, and with the default cache nearly every page of that read was a system call (about 1 ms for
  // 50 meetings at 250,000; a quarter of that with this cache).
  connection.pragma('cache_size = -32768');
  return { dialect: new SqliteDialect({ database: connection }), connection };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` inside one exclusive write transaction on its own connection, so
 * that several processes (or app instances in one process) migrating the same
 * file do so one after another. Kysely's SQLite adapter has no migration lock:
 * it assumes a single connection. BEGIN IMMEDIATE is retried with an async
 * back-off rather than SQLite's busy wait, which would block this process's
 * event loop and could deadlock against a holder in the same process.
 * @throws when the lock is not obtained within `timeoutMs`, or what `fn` throws (after rollback).
 */
export async function runExclusive<T>(url: string, fn: (db: Kysely<Database>) => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const path = sqlitePath(url);
  const connection = new SQLite(path);
  connection.pragma('busy_timeout = 0');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  rawConnections.set(db, connection);
  try {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        connection.exec('BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
        await sleep(wait);
      }
    }
    try {
      const result = await fn(db);
      connection.exec('COMMIT');
      return result;
    } catch (err) {
      if (connection.inTransaction) connection.exec('ROLLBACK');
      throw err;
    }
  } finally {
    await db.destroy();
  }
}

const rawConnections = new WeakMap<object, SQLite.Database>();
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** The better-sqlite3 connection behind a Kysely instance made by runExclusive, for bulk writes. */
export function rawSqliteConnection(db: object): SQLite.Database | undefined {
  return rawConnections.get(db);
}

const readConnections = new WeakMap<object, SQLite.Database>();

/** Records the connection behind an app's Kysely instance, so bulk reads can bypass Kysely (see `sqliteRawRows`). */
export function registerSqliteReader(db: object, connection: SQLite.Database): void {
  readConnections.set(db, connection);
}

/**
 * Runs a compiled read query on the better-sqlite3 connection behind `db` and returns its rows as arrays of values
 * in select order, or null when `db` is not such a connection (PostgreSQL, a transaction): the caller then executes
 * the query through Kysely. Building an object per row and Kysely's per-row work cost about twice the time of the
 * SQLite step itself on a 250,000-row read (the search index at boot).
 */
export function sqliteRawRows(db: object, query: { sql: string; parameters: readonly unknown[] }): unknown[][] | null {
  const connection = readConnections.get(db);
  if (!connection) return null;
  return cachedStatement(connection, query.sql)
    .raw(true)
    .all(...query.parameters) as unknown[][];
}

/**
 * Like sqliteRawRows for a query of one column: its values, without an array per row (which costs better-sqlite3
 * several times the value itself), or null when `db` is not such a connection.
 */
export function sqliteValues(db: object, query: { sql: string; parameters: readonly unknown[] }): unknown[] | null {
  const connection = readConnections.get(db);
  if (!connection) return null;
  return cachedStatement(connection, query.sql)
    .pluck(true)
    .all(...query.parameters);
}

/**
 * The database file behind an app's Kysely instance (see `registerSqliteReader`), for a reader on another thread to
 * open on its own connection; null when `db` is not such an instance or its database is in memory.
 */
export function sqliteFileOf(db: object): string | null {
  const connection = readConnections.get(db);
  if (!connection || connection.memory || connection.name === '') return null;
  return connection.name;
}

/** One prepared statement per connection and SQL text, reused across calls. */
export function cachedStatement(connection: SQLite.Database, sqlText: string): SQLite.Statement {
  let byText = statements.get(connection);
  if (!byText) statements.set(connection, (byText = new Map<string, SQLite.Statement>()));
  let stmt = byText.get(sqlText);
  if (!stmt) byText.set(sqlText, (stmt = connection.prepare(sqlText)));
  return stmt;
}

/** The better-sqlite3 connection behind an app's Kysely instance (see `registerSqliteReader`), for transaction control. */
export function appSqliteConnection(db: object): SQLite.Database | undefined {
  return readConnections.get(db);
}
