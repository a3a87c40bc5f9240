import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

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
  return { dialect: new SqliteDialect({ database: connection }), connection };
}
