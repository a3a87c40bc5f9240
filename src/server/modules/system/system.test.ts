import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../../../../test/setup/provided-context.js';
import type { FastifyInstance } from 'fastify';
import { dialectCases, type TestDatabase } from '../../../../test/helpers/databases.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { latestMigrationName, migrationNames } from '../../db/migrate.js';

describe.each(dialectCases())('system routes on $name', (kind) => {
  let app: FastifyInstance;
  let tdb: TestDatabase;

  beforeAll(async () => {
    tdb = await kind.create();
    app = await buildTestApp({ databaseUrl: tdb.url });
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  it('/healthz answers while the process runs', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it('/readyz is 200 once migrations ran at start-up', async () => {
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', bus: 'ok' } });
  });

  it('/api/meta reports the schema version read from app_meta', async () => {
    const res = await app.inject('/api/meta');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Kinship',
      schema_version: latestMigrationName(),
      map: { tile_url: null },
      accounts: { email_reset: false },
    });
  });

  it('every response carries a request id', async () => {
    const res = await app.inject('/healthz');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('readiness when things are wrong', () => {
  it('/readyz is 503 with pending migrations when the app started without migrating', async () => {
    const [sqlite] = dialectCases();
    const tdb = await sqlite!.create();
    const app = await buildTestApp({ databaseUrl: tdb.url }, { migrate: false });
    try {
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'not_ready',
        checks: { database: 'ok', migrations: 'failing' },
        pending_migrations: migrationNames(),
      });
    } finally {
      await app.close();
      await tdb.drop();
    }
  });

  it('/readyz is 503 when the database is gone, while /healthz still answers', async () => {
    const kind = dialectCases().at(-1)!;
    const tdb = await kind.create();
    const { openDatabase } = await import('../../db/index.js');
    const database = openDatabase(tdb.url);
    const app = await buildTestApp({ databaseUrl: tdb.url }, { database });
    try {
      await database.close();
      const res = await app.inject('/readyz');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'not_ready', checks: { database: 'failing' } });
      expect((await app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await app.close();
      await tdb.drop();
    }
  });
});

describe.runIf(inject('redisUrl'))('with REDIS_URL set', () => {
  it('the app runs its bus on Redis and reports it ready', async () => {
    const [sqlite] = dialectCases();
    const tdb = await sqlite!.create();
    const app = await buildTestApp({ databaseUrl: tdb.url, redisUrl: inject('redisUrl')! });
    try {
      const res = await app.inject('/readyz');
      expect(res.json()).toMatchObject({ status: 'ready', checks: { bus: 'ok' } });
    } finally {
      await app.close();
      await tdb.drop();
    }
  });
});
