import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './index.js';
import { withQuickWriteTransaction } from './quick-transaction.js';
import { appSqliteConnection } from './sqlite.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from './checkpointer.js';

/**
 * The write-ahead log of an SQLite file is checkpointed by a worker thread (checkpointer.ts, issue 7's benchmark),
 * not by the app's connection after a commit, where waiting for the disk stalled every socket of the chat.
 */
describe('SQLite checkpoints off the event loop', () => {
  let dir = '';
  let handle: DatabaseHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('moves committed pages into the database file without the app connection checkpointing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinship-ckpt-'));
    const file = join(dir, 'app.db');
    handle = openDatabase(`sqlite:${file}`);
    const raw = appSqliteConnection(handle.db)!;
    // The app's own connection checkpoints only as a fallback, far beyond what this test writes.
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    await sql`create table t (id integer primary key, body text not null)`.execute(handle.db);
    const before = statSync(file).size;
    // About 2 MB in 200 quick transactions (~500 pages): all of it in the log until a checkpoint copies it.
    for (let i = 0; i < 200; i++)
      await withQuickWriteTransaction(handle, (tx) =>
        sql`insert into t (body) values (${'x'.repeat(10_000)})`.execute(tx).then(() => undefined),
      );
    const deadline = Date.now() + 5000;
    while (statSync(file).size < before + 1_500_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 1_500_000);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db);
    expect(rows.rows[0]!.n).toBe(200);
  });

  it('stops its worker when the database closes, leaving nothing open', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinship-ckpt-'));
    const file = join(dir, 'app.db');
    const h = openDatabase(`sqlite:${file}`);
    await sql`create table t (id integer primary key)`.execute(h.db);
    await h.close();
    // The last connection to close removes the log: the worker's connection had closed before the app's.
    expect(() => statSync(`${file}-wal`)).toThrow();
  });
});
