import { afterEach, describe, expect, it } from 'vitest';
import { dialectCases, openMigrated } from '../../../test/helpers/databases.js';
import { openDatabase } from './index.js';
import { latestMigrationName, migrateToLatest, migrationNames, pendingMigrations, SCHEMA_VERSION_KEY } from './migrate.js';
import { getMeta, listMeta, setMeta } from '../modules/system/repository.js';

describe.each(dialectCases())('database layer on $name', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  it('migrates a fresh database, records the schema version, and re-running changes nothing', async () => {
    const tdb = await kind.create();
    const database = openDatabase(tdb.url);
    cleanups.push(async () => {
      await database.close();
      await tdb.drop();
    });
    expect(database.dialect).toBe(kind.name);
    expect(await pendingMigrations(database.db)).toEqual(migrationNames());
    const first = await migrateToLatest(database);
    expect(first.applied).toEqual(migrationNames());
    expect(await getMeta(database.db, SCHEMA_VERSION_KEY)).toBe(latestMigrationName());
    const second = await migrateToLatest(database);
    expect(second.applied).toEqual([]);
    expect(await pendingMigrations(database.db)).toEqual([]);
  });

  it('applies each migration once when several instances start together', async () => {
    const tdb = await kind.create();
    const handles = [openDatabase(tdb.url), openDatabase(tdb.url), openDatabase(tdb.url)];
    cleanups.push(async () => {
      await Promise.all(handles.map((h) => h.close()));
      await tdb.drop();
    });
    const outcomes = await Promise.all(handles.map((h) => migrateToLatest(h)));
    const applied = outcomes.flatMap((o) => o.applied);
    expect(applied).toEqual(migrationNames());
  });

  it('app_meta: writes, overwrites and lists facts; a value survives reopening', async () => {
    const { handle, url, cleanup } = await openMigrated(kind);
    cleanups.push(cleanup);
    await setMeta(handle.db, 'instance_name', 'first', new Date('2026-01-01T00:00:00Z'));
    await setMeta(handle.db, 'instance_name', 'second', new Date('2026-01-02T00:00:00Z'));
    expect(await getMeta(handle.db, 'instance_name')).toBe('second');
    expect(await getMeta(handle.db, 'never-written')).toBeUndefined();
    const rows = await listMeta(handle.db);
    expect(rows.find((r) => r.key === 'instance_name')).toEqual({
      key: 'instance_name',
      value: 'second',
      updated_at: '2026-01-02T00:00:00.000Z',
    });

    const reopened = openDatabase(url);
    try {
      expect(await getMeta(reopened.db, 'instance_name')).toBe('second');
    } finally {
      await reopened.close();
    }
  });

  it('a failed transaction leaves the database as it was', async () => {
    const { handle, cleanup } = await openMigrated(kind);
    cleanups.push(cleanup);
    await setMeta(handle.db, 'k', 'before');
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await setMeta(tx, 'k', 'during');
        throw new Error('crash mid-way');
      }),
    ).rejects.toThrow('crash mid-way');
    expect(await getMeta(handle.db, 'k')).toBe('before');
  });

  it('reports pool figures and answers ping until closed', async () => {
    const tdb = await kind.create();
    const database = openDatabase(tdb.url);
    cleanups.push(() => tdb.drop());
    expect(await database.ping()).toBe(true);
    expect(database.poolStats().total).toBeGreaterThanOrEqual(1);
    await database.close();
    expect(await database.ping()).toBe(false);
  });
});

describe('SQLite specifics', () => {
  it('runs in WAL mode with foreign keys enforced', async () => {
    const [sqlite] = dialectCases();
    const { handle, cleanup } = await openMigrated(sqlite!);
    try {
      const { sql } = await import('kysely');
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(handle.db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await cleanup();
    }
  });
});
