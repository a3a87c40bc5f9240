import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type {} from '../setup/provided-context.js';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

export interface TestDatabase {
  url: string;
  /** Removes the database (file or PostgreSQL database). */
  drop(): Promise<void>;
}

/** A fresh SQLite file in a temp directory. */
export function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-sqlite-'));
  return {
    url: `sqlite:${join(dir, 'kinship.db')}`,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/** A fresh database in the test cluster, so test files never see each other's rows. */
export async function createPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `kt_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/**
 * The databases every repository test runs against: SQLite always, and
 * PostgreSQL when the test setup started it (always under CI).
 */
export function dialectCases(): DialectCase[] {
  const cases: DialectCase[] = [{ name: 'sqlite', create: () => Promise.resolve(createSqliteDatabase()) }];
  const adminUrl = inject('pgUrl');
  if (adminUrl) cases.push({ name: 'postgres', create: () => createPostgresDatabase(adminUrl) });
  return cases;
}

/** Opens a fresh, migrated database of the given kind; `cleanup` closes and drops it. */
export async function openMigrated(
  kind: DialectCase,
): Promise<{ handle: DatabaseHandle; url: string; cleanup: () => Promise<void> }> {
  const tdb = await kind.create();
  const handle = openDatabase(tdb.url);
  await migrateToLatest(handle);
  return {
    handle,
    url: tdb.url,
    async cleanup() {
      await handle.close();
      await tdb.drop();
    },
  };
}
