import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../../../test/helpers/app.js';
import { dialectCases, type TestDatabase } from '../../../../../test/helpers/databases.js';
import { mgFixture } from '../../../../../test/helpers/fixtures.js';
import { importFeed } from '../../meetings/import-service.js';
import { openDatabase, type DatabaseHandle } from '../../../db/index.js';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { Bus } from '../../../bus/index.js';

interface Page {
  results: {
    meeting: { id: number; name: string; slug: string; days: number[]; types: string[] };
    distance: number | null;
    next: { start: string } | null;
  }[];
  total: number;
  next_cursor: string | null;
  facets: { types: Record<string, number>; day: Record<string, number> };
}

const MALVERN = { lat: 40.0362, lng: -75.5138 };

describe.each(dialectCases())('GET /api/meetings on $name, over the aasepia and edmonton feeds', (kind) => {
  let app: FastifyInstance;
  let tdb: TestDatabase;
  let database: DatabaseHandle;
  let bus: Bus;

  beforeAll(async () => {
    tdb = await kind.create();
    bus = createMemoryBus();
    app = await buildTestApp({ databaseUrl: tdb.url }, { bus });
    // Import through a second handle, as the CLI would; the app's index hears of it on the bus.
    database = openDatabase(tdb.url);
    await importFeed(
      { database, bus },
      {
        sourceName: 'aasepia',
        format: 'meeting-guide',
        input: mgFixture('aasepia'),
        timezone: 'America/New_York',
        trigger: 'cli',
      },
    );
    await importFeed(
      { database, bus },
      {
        sourceName: 'edmonton',
        format: 'meeting-guide',
        input: mgFixture('edmonton'),
        timezone: 'America/Edmonton',
        trigger: 'cli',
      },
    );
    await app.searchIndex.settled();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    await bus.close();
    await tdb.drop();
  });

  const get = async (qs: string) => {
    const res = await app.inject(`/api/meetings?${qs}`);
    return { status: res.statusCode, body: res.json<Page & { error?: { details?: { field: string }[] } }>() };
  };

  it('the index was patched from the imports: every live meeting is searchable', async () => {
    const all = await get('limit=1&sort=name');
    expect(all.body.total).toBe(2038 + 315);
  });

  it('finds a Malvern meeting near Malvern on its day (Tuesday), and not on other days', async () => {
    const tuesday = await get(
      `lat=${MALVERN.lat}&lng=${MALVERN.lng}&radius=5&day=2&tz=America/New_York&online=exclude&limit=100`,
    );
    expect(tuesday.status).toBe(200);
    const slugs = tuesday.body.results.map((r) => r.meeting.slug);
    expect(slugs).toContain('meeting-225-lancaster-ave-malvern-pa-19355-usa-2-090000');
    expect(tuesday.body.results.every((r) => r.distance !== null && r.distance <= 5)).toBe(true);
    // Sorted by distance.
    const distances = tuesday.body.results.map((r) => r.distance!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const wednesday = await get(
      `lat=${MALVERN.lat}&lng=${MALVERN.lng}&radius=5&day=3&tz=America/New_York&online=exclude&limit=100`,
    );
    expect(wednesday.body.results.map((r) => r.meeting.slug)).not.toContain(
      'meeting-225-lancaster-ave-malvern-pa-19355-usa-2-090000',
    );
  });

  it('a type filter narrows the results and the facet counts follow', async () => {
    const base = `lat=${MALVERN.lat}&lng=${MALVERN.lng}&radius=10&tz=America/New_York&online=exclude&limit=5`;
    const all = await get(base);
    const women = await get(`${base}&types=W`);
    expect(women.body.total).toBeGreaterThan(0);
    expect(women.body.total).toBeLessThan(all.body.total);
    expect(women.body.total).toBe(all.body.facets.types.W);
    expect(women.body.facets.types.W).toBe(women.body.total);
    expect(women.body.results.every((r) => r.meeting.types.includes('W'))).toBe(true);
  });

  it('finds Edmonton meetings by words, case- and accent-insensitively, on their day only', async () => {
    const saturday = await get('q=SHIFTERS&day=6&tz=America/Edmonton');
    expect(saturday.body.results.map((r) => r.meeting.name)).toContain('Chapter House - Shifters');
    const friday = await get('q=shifters&day=5&tz=America/Edmonton');
    expect(friday.body.results.map((r) => r.meeting.name)).not.toContain('Chapter House - Shifters');
    const phrase = await get('q=%22chapter%20house%22');
    expect(phrase.body.total).toBeGreaterThan(0);
  });

  it('pages through every result with the cursor, without duplicates or gaps', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { body: Page } = await get(
        `lat=${MALVERN.lat}&lng=${MALVERN.lng}&radius=15&limit=40${cursor ? `&cursor=${cursor}` : ''}`,
      );
      total = page.body.total;
      seen.push(...page.body.results.map((r) => r.meeting.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('online meetings starting soon come by time, soonest first', async () => {
    const res = await get('online=only&when=soon&soon_minutes=720&tz=America/New_York&limit=50');
    const starts = res.body.results.map((r) => Date.parse(r.next!.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const s of starts) expect(s - Date.now()).toBeLessThanOrEqual(720 * 60_000 + 5_000);
  });

  it('the first page is small when compressed', async () => {
    const res = await app.inject({
      url: `/api/meetings?lat=${MALVERN.lat}&lng=${MALVERN.lng}&radius=40&limit=50`,
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThanOrEqual(30 * 1024);
  });

  it('brotli and gzip answers decompress to the same JSON as the plain one', async () => {
    const url = `/api/meetings?lat=${MALVERN.lat}&lng=${MALVERN.lng}&radius=40&limit=50&tz=America/New_York`;
    const plain = await app.inject({ url });
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect([br.headers['content-encoding'], gzip.headers['content-encoding']]).toEqual(['br', 'gzip']);
    expect(br.headers.vary).toContain('accept-encoding');
    expect(plain.json<Page>().total).toBeGreaterThan(50);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.payload);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.payload);
  });

  it('a repeated search never serves an answer from before a change to the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kinship-search-cache-'));
    try {
      const ask = () => get('q=zebrafinch&tz=America/New_York');
      expect((await ask()).body.total).toBe(0);
      expect((await ask()).body.total).toBe(0); // served again, from the cache
      const feed = join(dir, 'feed.json');
      const meeting = { name: 'Zebrafinch Group', slug: 'zebrafinch', day: 1, time: '19:00', types: ['O'] };
      writeFileSync(feed, JSON.stringify([{ ...meeting, address: '1 Main St', city: 'Media', state: 'PA' }]));
      await importFeed(
        { database, bus },
        { sourceName: 'cache-check', format: 'meeting-guide', input: feed, timezone: 'America/New_York', trigger: 'cli' },
      );
      await app.searchIndex.settled();
      const after = await ask();
      expect(after.body.total).toBe(1);
      expect(after.body.results[0]!.meeting.name).toBe('Zebrafinch Group');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['lat=91&lng=0', 'querystring.lat'],
    ['lat=40', 'querystring.lng'],
    ['lat=40&lng=-75&radius=0', 'querystring.radius'],
    ['lat=40&lng=-75&radius=100000', 'querystring.radius'],
    ['types=NOPE', 'querystring.types'],
    ['cursor=not-a-cursor', 'querystring.cursor'],
    ['tz=Mars/Base', 'querystring.tz'],
    ['day=8', 'querystring.day'],
    ['sort=distance', 'querystring.sort'],
    [`q=${'x'.repeat(10_000)}`, 'querystring.q'],
    ['near=geonames:0', 'querystring.near'],
    ['colour=blue', 'querystring'],
  ])('%s is a 400 naming %s, never a 500', async (qs, field) => {
    const res = await get(qs);
    expect(res.status).toBe(400);
    expect(res.body.error!.details!.map((d) => d.field).join(' ')).toContain(field);
  });

  it('the OpenAPI document describes every search parameter', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
    }>();
    const params = doc.paths['/api/meetings']!.get.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(
      [
        'attendance',
        'cursor',
        'day',
        'fellowship',
        'language',
        'lat',
        'limit',
        'lng',
        'near',
        'online',
        'q',
        'radius',
        'region',
        'sort',
        'soon_minutes',
        'time_of_day',
        'types',
        'types_mode',
        'tz',
        'units',
        'when',
      ].sort(),
    );
    for (const p of params) expect(p.description, p.name).toBeTruthy();
  });

  it('one meeting, with next occurrences in its own zone and in the viewer’s', async () => {
    const hit = (await get('q=shifters&tz=America/Edmonton')).body.results[0]!;
    const res = await app.inject(`/api/meetings/${hit.meeting.id}?tz=Australia/Sydney`);
    expect(res.statusCode).toBe(200);
    const m = res.json<{
      slug: string;
      next_occurrences: { meeting_local: { start: string; zone: string }; viewer_local: { start: string; zone: string } }[];
    }>();
    expect(m.slug).toBe(hit.meeting.slug);
    expect(m.next_occurrences.length).toBeGreaterThan(0);
    const first = m.next_occurrences[0]!;
    expect(first.meeting_local.zone).toBe('America/Edmonton');
    expect(first.meeting_local.start).toMatch(/T11:00:00-0[67]:00$/);
    expect(first.viewer_local.zone).toBe('Australia/Sydney');
    expect(Date.parse(first.viewer_local.start)).toBe(Date.parse(first.meeting_local.start));
    expect((await app.inject('/api/meetings/99999999')).statusCode).toBe(404);
  });
});
