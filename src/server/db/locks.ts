import { sql } from 'kysely';
import type { DbOrTx, Dialect } from './types.js';

/**
 * Serialises work on one key (e.g. imports of one source) across instances,
 * for the rest of the current transaction. PostgreSQL: a transaction-level
 * advisory lock. SQLite needs nothing: write transactions are already
 * exclusive there (see `withWriteTransaction`).
 */
export async function lockForTransaction(tx: DbOrTx, dialect: Dialect, namespace: number, key: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${namespace}::int, ${key}::int)`.execute(tx);
}

/** Lock namespaces, so keys of different kinds never collide. */
export const LOCKS = { sourceImport: 1 } as const;
