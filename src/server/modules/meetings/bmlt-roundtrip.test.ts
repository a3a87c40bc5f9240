import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createMemoryBus } from '../../bus/memory-bus.js';
import { openDatabase, type DatabaseHandle } from '../../db/index.js';
import { buildTestApp } from '../../../../test/helpers/app.js';
import { createSqliteDatabase, type TestDatabase } from '../../../../test/helpers/databases.js';
import { BMLT_FIXTURE_DIR } from '../../../../test/helpers/fixtures.js';
import { importFeed } from './import-service.js';

/**
 * Kinship as a BMLT root server, read by Kinship's own BMLT importer over HTTP:
 * exercises fetching GetFormats, GetServiceBodies and GetSearchResults from a
 * root server URL, and shows that what we serve is what BMLT clients expect.
 */
describe('BMLT over HTTP: import from a root server URL', () => {
  let app: FastifyInstance;
  let tdb: TestDatabase;
  let database: DatabaseHandle;
  let base: string;
  const bus = createMemoryBus();

  beforeAll(async () => {
    tdb = createSqliteDatabase();
    app = await buildTestApp({ databaseUrl: tdb.url });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    database = openDatabase(tdb.url);
    const first = await importFeed(
      { database, bus },
      { sourceName: 'na-dir', format: 'bmlt', input: BMLT_FIXTURE_DIR, timezone: 'America/New_York', trigger: 'cli' },
    );
    expect(first.counts.added).toBe(1513);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await bus.close();
    await tdb.drop();
  });

  it('imports every meeting back with the same schedule, place and types', async () => {
    const report = await importFeed(
      { database, bus },
      { sourceName: 'na-url', format: 'bmlt', input: `${base}/`, timezone: 'America/New_York', trigger: 'cli' },
    );
    expect(report.error).toBeNull();
    expect(report.counts).toMatchObject({ total: 1513, added: 1513, rejected: 0 });
    const row = async (source: string) =>
      database.db
        .selectFrom('meetings as m')
        .innerJoin('sources as s', 's.id', 'm.source_id')
        .innerJoin('locations as l', 'l.id', 'm.location_id')
        .select(['m.name', 'm.days', 'm.time', 'm.end_time', 'm.types', 'l.latitude', 'l.longitude', 'l.city'])
        .where('s.name', '=', source)
        .where('m.name', '=', '11th Step Meditation')
        .where('l.city', '=', 'Aquebogue')
        .executeTakeFirstOrThrow();
    expect(await row('na-url')).toEqual(await row('na-dir'));
  });
});
