import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createMemoryBus } from '../../bus/memory-bus.js';
import type { DatabaseHandle } from '../../db/index.js';
import { dialectCases, openMigrated } from '../../../../test/helpers/databases.js';
import { ensureSource } from './import-service.js';
import { startScheduler } from './scheduler.js';
import { findSource } from './repository/sources.js';

const feed = (n: number) =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      slug: `m${i}`,
      name: `Meeting ${i}`,
      day: i % 7,
      time: '19:00',
      formatted_address: `${i} Main St, Springfield, IL 62701, USA`,
    })),
  );

/** A feed server on loopback whose behaviour each test sets per path. */
function feedServer(): Promise<{
  server: Server;
  base: string;
  routes: Map<string, (req: IncomingMessage, res: ServerResponse) => void>;
  hits: Map<string, number>;
}> {
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, routes, hits });
    }),
  );
}

describe.each(dialectCases())('scheduled refresh on $name', (kind) => {
  let database: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let srv: Awaited<ReturnType<typeof feedServer>>;
  const bus = createMemoryBus();
  const log = pino({ level: 'silent' });
  let clock = new Date('2026-01-01T00:00:00Z');
  const now = () => clock;

  beforeAll(async () => {
    ({ handle: database, cleanup } = await openMigrated(kind));
    srv = await feedServer();
  });
  afterAll(async () => {
    srv.server.close();
    await bus.close();
    await cleanup();
  });

  const liveCount = async (sourceId: number) =>
    (
      await database.db
        .selectFrom('meetings')
        .select('id')
        .where('source_id', '=', sourceId)
        .where('deleted_at', 'is', null)
        .execute()
    ).length;

  it('refreshes due URL sources; a broken one backs off without holding up the others', async () => {
    srv.routes.set('/good.json', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(feed(20));
    });
    srv.routes.set('/broken.json', (_req, res) => res.writeHead(503).end('down'));
    const good = await ensureSource(
      database,
      'good',
      { format: 'meeting-guide', url: `${srv.base}/good.json`, timezone: 'America/Chicago', refreshMinutes: 60 },
      clock,
    );
    const broken = await ensureSource(
      database,
      'broken',
      { format: 'meeting-guide', url: `${srv.base}/broken.json`, timezone: 'America/Chicago', refreshMinutes: 60 },
      clock,
    );

    const scheduler = startScheduler({ database, bus }, log, { now, intervalMs: 3_600_000 });
    await scheduler.tick();
    await scheduler.stop();

    expect(await liveCount(good.id)).toBe(20);
    const g = (await findSource(database.db, good.id))!;
    expect(g).toMatchObject({ last_status: 'succeeded', etag: '"v1"', failures: 0 });
    const b = (await findSource(database.db, broken.id))!;
    expect(b.last_status).toBe('failed');
    expect(b.last_error).toContain('503');
    expect(b.failures).toBe(1);
    // Back-off: twice the interval after one failure, instead of the usual hour.
    expect(new Date(b.next_refresh_at!).getTime() - Date.now()).toBeGreaterThan(110 * 60_000);
  });

  it('an unchanged feed (304 to our ETag) is not imported again', async () => {
    await database.db
      .updateTable('sources')
      .set({ next_refresh_at: '2000-01-01T00:00:00.000Z' })
      .where('name', '=', 'good')
      .execute();
    const changesBefore = (await database.db.selectFrom('meeting_changes').select('id').execute()).length;
    const scheduler = startScheduler({ database, bus }, log, { now, intervalMs: 3_600_000 });
    await scheduler.tick();
    await scheduler.stop();
    const g = await database.db.selectFrom('sources').selectAll().where('name', '=', 'good').executeTakeFirstOrThrow();
    expect(g.last_status).toBe('not_modified');
    expect((await database.db.selectFrom('meeting_changes').select('id').execute()).length).toBe(changesBefore);
  });

  it('a gzip bomb fails that source with too_large and changes nothing', async () => {
    const bomb = gzipSync(Buffer.alloc(60 * 1024 * 1024, 0x20));
    srv.routes.set('/good.json', (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb),
    );
    await database.db
      .updateTable('sources')
      .set({ next_refresh_at: '2000-01-01T00:00:00.000Z', etag: null })
      .where('name', '=', 'good')
      .execute();
    const scheduler = startScheduler({ database, bus }, log, { now, intervalMs: 3_600_000, maxBytes: 1024 * 1024 });
    await scheduler.tick();
    await scheduler.stop();
    const g = await database.db.selectFrom('sources').selectAll().where('name', '=', 'good').executeTakeFirstOrThrow();
    expect(g.last_status).toBe('failed');
    expect(g.last_error).toMatch(/larger than|too large|limit/i);
    expect(await liveCount(g.id)).toBe(20);
  });

  it('two instances ticking at once fetch a due source only once', async () => {
    srv.routes.set('/once.json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed(5)));
    clock = new Date();
    await ensureSource(
      database,
      'once',
      { format: 'meeting-guide', url: `${srv.base}/once.json`, timezone: 'America/Chicago', refreshMinutes: 60 },
      clock,
    );
    await database.db
      .updateTable('sources')
      .set({ next_refresh_at: '2099-01-01T00:00:00.000Z' })
      .where('name', '!=', 'once')
      .execute();
    const a = startScheduler({ database, bus }, log, { intervalMs: 3_600_000 });
    const b = startScheduler({ database, bus }, log, { intervalMs: 3_600_000 });
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(srv.hits.get('/once.json')).toBe(1);
  });
});
