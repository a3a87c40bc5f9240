import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './types.js';
import type { DatabaseHandle } from './index.js';
import { migrations } from './migrations/index.js';
import { runExclusive, sqlitePath } from './sqlite.js';
import { setMeta } from '../modules/system/repository.js';

export const SCHEMA_VERSION_KEY = 'schema_version';

function migrator(db: Db, disableTransactions = false): Migrator {
  return new Migrator({ db, disableTransactions, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

export interface MigrateOutcome {
  applied: string[];
  schemaVersion: string;
}

/**
 * Brings the schema to the latest migration, applying each exactly once even
 * when several instances start together: on PostgreSQL Kysely holds an
 * advisory lock and runs each migration in a transaction; on SQLite the whole
 * run is one exclusive transaction on a connection of its own (see
 * `runExclusive`), so a failure leaves the file as it was.
 * @throws Error naming the migration that failed; it is rolled back.
 */
export async function migrateToLatest(handle: Pick<DatabaseHandle, 'db' | 'dialect' | 'url'>): Promise<MigrateOutcome> {
  if (handle.dialect === 'sqlite' && sqlitePath(handle.url) !== ':memory:') {
    return runExclusive(handle.url, (db) => migrateWith(db, true));
  }
  return migrateWith(handle.db, false);
}

async function migrateWith(db: Db, disableTransactions: boolean): Promise<MigrateOutcome> {
  const { error, results } = await migrator(db, disableTransactions).migrateToLatest();
  const failed = results?.find((r: MigrationResult) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const schemaVersion = latestMigrationName();
  await setMeta(db, SCHEMA_VERSION_KEY, schemaVersion);
  return { applied, schemaVersion };
}

/** Names of migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Every migration name, in the order they apply. */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}

export function latestMigrationName(): string {
  return migrationNames().at(-1) ?? '';
}
