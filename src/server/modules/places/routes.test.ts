import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../bus/memory-bus.js';
import { testConfig } from '../../config.js';
import { openDatabase, type DatabaseHandle } from '../../db/index.js';
import { notFoundHandler, registerErrorHandler } from '../../plugins/error-handler.js';
import { registerOpenApi } from '../../plugins/openapi.js';
import { createSqliteDatabase, type TestDatabase } from '../../../../test/helpers/databases.js';
import { PLACE_ATTRIBUTION, type PlaceResponse, type PlaceSearchResponse } from '../../../shared/schemas/places.js';
import { loadPlaceIndex } from './place-index.js';
import { placesRoutes } from './routes.js';
import { BackgroundTasks } from '../../background.js';

type ErrorJson = { error: { code: string; details?: { field: string }[] } };

/**
 * The places plugin on a bare instance with the app's validation, error
 * handler and OpenAPI document, since app.ts registers modules itself.
 */
describe('places over HTTP', () => {
  let app: FastifyInstance;
  let tdb: TestDatabase;
  let database: DatabaseHandle;
  const bus = createMemoryBus();

  beforeAll(async () => {
    tdb = createSqliteDatabase();
    database = openDatabase(tdb.url);
    app = Fastify({ routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 } });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app);
    app.setNotFoundHandler(notFoundHandler);
    await registerOpenApi(app, 'https://kinship.example.org');
    await app.register(placesRoutes, {
      config: testConfig(),
      database,
      bus,
      startedAt: new Date(),
      mailer: undefined,
      background: new BackgroundTasks(),
    });
    await app.ready();
    await loadPlaceIndex(); // built once for the file, outside any one test's time
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await bus.close();
    await tdb.drop();
  });

  const search = async (query: string) => {
    const res = await app.inject(`/api/places?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<PlaceSearchResponse>();
  };
  const rejected = async (url: string) => {
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(400);
    return res.json<ErrorJson>().error;
  };

  it('answers "Malvern, PA" with Malvern, Pennsylvania first, the attribution, and a day of caching', async () => {
    const res = await app.inject(`/api/places?q=${encodeURIComponent('Malvern, PA')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const body = res.json<PlaceSearchResponse>();
    expect(body.attribution).toBe(PLACE_ATTRIBUTION);
    expect(body.places).toHaveLength(8);
    expect(body.places[0]).toMatchObject({
      id: 'geonames:5199600',
      name: 'Malvern',
      admin: 'PA',
      country: 'US',
      label: 'Malvern, Pennsylvania, United States',
      timezone: 'America/New_York',
    });
    expect(body.places[0]!.lat).toBeCloseTo(40.04, 2);
    expect(body.places[0]!.lng).toBeCloseTo(-75.51, 2);
  });

  it('matches prefixes and ignores case and accents', async () => {
    expect((await search('q=malv&limit=20')).places.map((p) => p.id)).toContain('geonames:5199600');
    expect((await search('q=sao%20paulo')).places[0]).toMatchObject({ name: 'São Paulo', timezone: 'America/Sao_Paulo' });
    expect((await search('q=munchen')).places[0]).toMatchObject({ name: 'Munich', country: 'DE' });
    expect((await search('q=%20%20sydney%20')).places[0]).toMatchObject({
      country: 'AU',
      admin: 'NSW',
      timezone: 'Australia/Sydney',
    });
    expect((await search(`q=${encodeURIComponent('Paris, TX')}`)).places[0]).toMatchObject({ name: 'Paris', admin: 'TX' });
    expect((await search('q=qqqzzz')).places).toEqual([]);
  });

  it('returns at most `limit` places', async () => {
    expect((await search('q=san&limit=3')).places).toHaveLength(3);
    expect((await search('q=san&limit=20')).places).toHaveLength(20);
  });

  it('returns one place by id, and a 404 for an id it does not know', async () => {
    const res = await app.inject('/api/places/geonames:2147714');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.json<PlaceResponse>()).toMatchObject({
      place: { id: 'geonames:2147714', name: 'Sydney', country: 'AU', timezone: 'Australia/Sydney' },
      attribution: PLACE_ATTRIBUTION,
    });
    expect((await app.inject('/api/places/geonames%3A2147714')).statusCode).toBe(200);
    const missing = await app.inject('/api/places/geonames:1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorJson>().error.code).toBe('not_found');
    expect(missing.headers['cache-control']).toBeUndefined();
  });

  it('rejects bad input with a 400 naming the field', async () => {
    const field = async (url: string) => (await rejected(url)).details?.map((d) => d.field);
    expect(await field('/api/places')).toEqual(['querystring.q']);
    expect(await field('/api/places?q=')).toEqual(['querystring.q']);
    expect(await field('/api/places?q=%20%20%20')).toEqual(['querystring.q']);
    expect(await field(`/api/places?q=${'x'.repeat(10 * 1024)}`)).toEqual(['querystring.q']);
    expect(await field(`/api/places?q=${'x'.repeat(101)}`)).toEqual(['querystring.q']);
    expect(await field('/api/places?q=a&q=b')).toEqual(['querystring.q']);
    for (const limit of ['0', '21', '2.5', 'abc'])
      expect(await field(`/api/places?q=a&limit=${limit}`)).toEqual(['querystring.limit']);
    expect((await rejected('/api/places?q=paris&country=FR')).code).toBe('validation_failed');
    for (const id of ['5199600', 'geonames:abc', 'geonames:0123', `geonames:${'9'.repeat(11)}`]) {
      expect(await field(`/api/places/${id}`)).toEqual(['params.id']);
    }
  });

  it('documents the GeoNames attribution in the OpenAPI description', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, { get: { description: string } }> }>();
    expect(doc.paths['/api/places']!.get.description).toContain(PLACE_ATTRIBUTION);
    expect(doc.paths['/api/places/{id}']!.get.description).toContain(PLACE_ATTRIBUTION);
  });
});
