import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './types.js';
import { migrations } from './migrations/index.js';
import { setMeta } from '../modules/system/repository.js';

export const SCHEMA_VERSION_KEY = 'schema_version';

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

export interface MigrateOutcome {
  applied: string[];
  schemaVersion: string;
}

/**
 * Brings the schema to the latest migration. Kysely takes a lock (an advisory
 * lock on PostgreSQL), so several instances starting at once apply each
 * migration exactly once.
 * @throws Error naming the migration that failed; that migration is rolled back.
 */
export async function migrateToLatest(db: Db): Promise<MigrateOutcome> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r: MigrationResult) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
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

export function latestMigrationName(): string {
  const names = Object.keys(migrations).sort();
  return names[names.length - 1] ?? '';
}
