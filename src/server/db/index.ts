import { Kysely, sql } from 'kysely';
import type { Database, Dialect } from './types.js';
import { openSqlite, registerSqliteReader, runExclusive, sqlitePath } from './sqlite.js';
import { openPostgres } from './postgres.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The `DATABASE_URL` this handle was opened with. */
  url: string;
  /** Connection pool figures for /metrics. SQLite has one connection. */
  poolStats(): PoolStats;
  /** True when a trivial query answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** Opens the database named by `DATABASE_URL`: SQLite for `sqlite:…`, PostgreSQL for `postgres://…`. */
export function openDatabase(url: string): DatabaseHandle {
  const dialect = dialectOf(url);
  let closed = false;

  if (dialect === 'sqlite') {
    const { dialect: d, connection } = openSqlite(url);
    const db: Kysely<Database> = new Kysely<Database>({ dialect: d });
    registerSqliteReader(db, connection);
    // A file's log is checkpointed off the event loop (checkpointer.ts); in memory there is no log.
    const checkpointer = connection.memory ? null : startCheckpointer(connection.name);
    if (checkpointer) connection.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    return {
      db,
      dialect,
      url,
      poolStats: () => ({ total: closed ? 0 : 1, idle: closed ? 0 : 1, waiting: 0 }),
      ping: () => ping(db),
      close: async () => {
        if (closed) return;
        closed = true;
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }

  const { dialect: d, pool } = openPostgres(url);
  const db: Kysely<Database> = new Kysely<Database>({ dialect: d });
  return {
    db,
    dialect,
    url,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    ping: () => ping(db),
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * Runs `fn` in one write transaction that does not hold up readers. On an
 * SQLite file it uses a connection of its own (WAL lets the app's connection
 * keep answering reads meanwhile); on PostgreSQL, a pooled transaction.
 * Throwing from `fn` rolls everything back.
 */
export async function withWriteTransaction<T>(handle: DatabaseHandle, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (handle.dialect === 'sqlite' && sqlitePath(handle.url) !== ':memory:') return runExclusive(handle.url, fn);
  return handle.db.transaction().execute(fn);
}
