import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { Db } from '../../../db/types.js';
import { dialectCases, openMigrated } from '../../../../../test/helpers/databases.js';
import { buildTestApp } from '../../../../../test/helpers/app.js';
import { BMLT_FIXTURE_DIR } from '../../../../../test/helpers/fixtures.js';
import { importFeed } from '../import-service.js';
import { MEETING_FIELD_NAMES } from './meeting-fields.js';

type Entry = Record<string, string>;
const PUBLIC_URL = 'https://kinship.example';
const fixture = async (name: string) => JSON.parse(await readFile(`${BMLT_FIXTURE_DIR}/${name}.json`, 'utf8')) as Entry[];

describe.each(dialectCases())('BMLT formats, service bodies and server info on $name', (kind) => {
  let app: FastifyInstance;
  let db: Db;
  let cleanup: () => Promise<void>;
  let naId: number;

  beforeAll(async () => {
    const opened = await openMigrated(kind);
    const bus = createMemoryBus();
    const deps = { database: opened.handle, bus };
    const tiny = await readFile(new URL('./tiny-feed.json', import.meta.url));
    const na = await importFeed(deps, {
      sourceName: 'na-ny',
      format: 'bmlt',
      input: BMLT_FIXTURE_DIR,
      timezone: 'America/New_York',
      trigger: 'cli',
    });
    naId = na.source.id;
    const input = { kind: 'bytes' as const, body: Readable.from([tiny]) };
    await importFeed(deps, { sourceName: 'tiny', format: 'meeting-guide', input, timezone: 'America/Chicago', trigger: 'cli' });
    app = await buildTestApp({ databaseUrl: opened.url, publicUrl: PUBLIC_URL }, { database: opened.handle, bus });
    db = opened.handle.db;
    cleanup = async () => {
      await app.close();
      await bus.close();
      await opened.cleanup();
    };
  });
  afterAll(() => cleanup());

  const get = async <T = Entry[]>(query: string) => {
    const res = await app.inject(`/client_interface/json/?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const allStrings = (list: object[]) => list.every((e) => Object.values(e).every((v) => typeof v === 'string'));

  it('GetFormats lists the formats in use with stable ids, NAWS codes and stored custom names', async () => {
    const formats = await get('switcher=GetFormats');
    const [sample] = await fixture('GetFormats');
    expect(formats.every((f) => JSON.stringify(Object.keys(f)) === JSON.stringify(Object.keys(sample!)))).toBe(true);
    expect(allStrings(formats)).toBe(true);
    expect(formats.find((f) => f.world_id === 'OPEN')).toMatchObject({
      key_string: 'O',
      name_string: 'Open',
      lang: 'en',
      id: '59',
    });
    expect(formats.find((f) => f.key_string === 'C')).toMatchObject({ world_id: 'CLOSED', id: '17', format_type_enum: 'O' });
    // RF is custom in both sources and SL (ASL) clashes with the spec's Slovenian: both get the source id.
    const rotating = formats.find((f) => f.name_string === 'Rotating Format')!;
    expect(rotating.key_string).toBe(`${naId}-RF`);
    expect(Number(rotating.id)).toBeGreaterThan(1000);
    expect(formats.find((f) => f.name_string === 'ASL')?.key_string).toBe(`${naId}-SL`);
    expect(new Set(formats.map((f) => f.id)).size).toBe(formats.length);
    expect(formats.every((f) => f.root_server_uri === PUBLIC_URL)).toBe(true);
  });

  it('names formats in the language asked for, and narrows by id and key', async () => {
    const es = await get('switcher=GetFormats&lang_enum=es');
    expect(es.find((f) => f.key_string === 'O')).toMatchObject({ name_string: 'Abierta', lang: 'es' });
    expect((await get('switcher=GetFormats&lang_enum=xx')).find((f) => f.key_string === 'O')?.lang).toBe('en');
    expect((await get('switcher=GetFormats&key_strings[]=O&key_strings[]=C')).map((f) => f.key_string)).toEqual(['C', 'O']);
    expect((await get('switcher=GetFormats&format_ids=59')).map((f) => f.key_string)).toEqual(['O']);
    const everything = await get('switcher=GetFormats&show_all=1');
    const custom = await db.selectFrom('custom_types').select('id').execute();
    expect(everything).toHaveLength(87 + custom.length);
  });

  it('every meeting format key and id is one GetFormats lists', async () => {
    const known = new Map((await get('switcher=GetFormats')).map((f) => [f.id, f.key_string]));
    const { meetings, formats } = await get<{ meetings: Entry[]; formats: Entry[] }>(
      'switcher=GetSearchResults&get_used_formats&lang_enum=es&page_size=50',
    );
    expect(meetings).toHaveLength(50);
    for (const m of meetings) {
      const ids = m.format_shared_id_list ? m.format_shared_id_list.split(',') : [];
      expect(ids.map((id) => known.get(id)).join(',')).toBe(m.formats);
    }
    const used = new Set(meetings.flatMap((m) => (m.format_shared_id_list ? m.format_shared_id_list.split(',') : [])));
    expect(new Set(formats.map((f) => f.id))).toEqual(used);
    const only = await get<{ formats: Entry[] }>('switcher=GetSearchResults&get_formats_only=1&page_size=50');
    expect(Object.keys(only)).toEqual(['formats']);
  });

  it('GetServiceBodies shows entities with their parents resolved within the source', async () => {
    const bodies = await get('switcher=GetServiceBodies');
    const [sample] = await fixture('GetServiceBodies');
    expect(bodies.every((b) => JSON.stringify(Object.keys(b)) === JSON.stringify(Object.keys(sample!)))).toBe(true);
    expect(allStrings(bodies)).toBe(true);
    const byName = new Map(bodies.map((b) => [b.name, b]));
    const abcd = byName.get('ABCD Region')!;
    expect(abcd).toMatchObject({ parent_id: '0', type: 'RS' });
    expect(byName.get('Albany-Rensselaer Area')?.parent_id).toBe(abcd.id);
    expect(byName.get('Mid-Hudson Area Service')?.parent_id).toBe(abcd.id);
    expect(byName.get('Eastern Long Island Area Service')?.type).toBe('AS');
    expect(byName.get('Eastern Long Island Area Service')?.url).toMatch(/^http/);
    expect(byName.get('Tiny Intergroup')).toMatchObject({ parent_id: '0', type: '' });
    const subtree = await get(`switcher=GetServiceBodies&services=${abcd.id}&recursive=1`);
    expect(subtree.every((b) => b.id === abcd.id || b.parent_id === abcd.id)).toBe(true);
    expect(subtree.length).toBeGreaterThan(3);
  });

  it('GetServerInfo, GetFieldKeys and GetCoverageArea answer like a BMLT server', async () => {
    const [info, ...rest] = await get('switcher=GetServerInfo');
    expect(rest).toEqual([]);
    expect(allStrings([info!])).toBe(true);
    expect(info).toMatchObject({
      version: '3.0.0',
      versionInt: '3000000',
      langs: 'en,es',
      nativeLang: 'en',
      changesPerMeeting: '0',
    });
    expect(Number(info!.centerLatitude)).toBeGreaterThan(39);
    expect(Number(info!.centerLatitude)).toBeLessThan(44);
    expect(Number(info!.centerLongitude)).toBeLessThan(-72);
    expect(Number(info!.centerZoom)).toBeGreaterThanOrEqual(2);
    expect(info!.available_keys!.split(',')).toEqual(MEETING_FIELD_NAMES);
    const keys = await get('switcher=GetFieldKeys');
    expect(keys.map((k) => k.key)).toEqual(MEETING_FIELD_NAMES);
    const [box] = await get('switcher=GetCoverageArea');
    expect(Number(box!.nw_corner_latitude)).toBeGreaterThan(Number(box!.se_corner_latitude));
    expect(Number(box!.nw_corner_longitude)).toBeLessThan(Number(box!.se_corner_longitude));
  });

  it('answers JSONP with the callback named, and lets any site read every answer', async () => {
    const json = await app.inject('/client_interface/json/?switcher=GetServerInfo');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const res = await app.inject('/client_interface/jsonp/?switcher=GetServerInfo&callback=jQuery123_456.done');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const call = /^\/\*\*\/jQuery123_456\.done\((.*)\);$/s.exec(res.body);
    expect(JSON.parse(call![1]!)).toEqual(json.json());
    expect((await app.inject('/client_interface/jsonp?switcher=GetFieldKeys')).body).toMatch(/^\/\*\*\/callback\(\[/);
  });
});

describe('BMLT requests that are refused', () => {
  let app: FastifyInstance;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openMigrated(dialectCases()[0]!);
    app = await buildTestApp({ databaseUrl: opened.url }, { database: opened.handle });
    cleanup = async () => {
      await app.close();
      await opened.cleanup();
    };
  });
  afterAll(() => cleanup());

  it.each([
    ['switcher', 'switcher=GetNothing'],
    ['switcher', ''],
    ['weekdays', 'switcher=GetSearchResults&weekdays=abc'],
    ['weekdays[]', 'switcher=GetSearchResults&weekdays[]=1&weekdays[]=8'],
    ['venue_types', 'switcher=GetSearchResults&venue_types=4'],
    ['lat_val', 'switcher=GetSearchResults&lat_val=91&long_val=0&geo_width=5'],
    ['long_val', 'switcher=GetSearchResults&lat_val=40'],
    ['lat_val', 'switcher=GetSearchResults&geo_width=5'],
    ['geo_width', 'switcher=GetSearchResults&lat_val=40&long_val=-72&geo_width=wide'],
    ['page_size', 'switcher=GetSearchResults&page_size=1001'],
    ['StartsAfterH', 'switcher=GetSearchResults&StartsAfterH=25'],
    ['SearchString', 'switcher=GetSearchResults&SearchString=' + 'x'.repeat(10_240)],
    ['StringSearchIsAnAddress', 'switcher=GetSearchResults&SearchString=a&StringSearchIsAnAddress=1'],
    ['page_size', 'switcher=GetSearchResults&page_size=1&page_size=2'],
    ['formats', 'switcher=GetSearchResults&formats=' + '1,'.repeat(600)],
    ['data_field_key', 'switcher=GetSearchResults&data_field_key=meeting_name;drop'],
    ['callback', 'switcher=GetFormats&callback=alert(1)'],
  ])('400 naming %s', async (field, query) => {
    for (const path of ['json', 'jsonp']) {
      const res = await app.inject(`/client_interface/${path}/?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const body = res.json<{ error: { code: string; message: string; details: { field: string }[] } }>();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details.map((d) => d.field)).toContain(`querystring.${field}`);
    }
  });

  it('answers an empty directory with empty lists, not errors', async () => {
    for (const switcher of ['GetSearchResults', 'GetFormats', 'GetServiceBodies']) {
      expect((await app.inject(`/client_interface/json/?switcher=${switcher}`)).json()).toEqual([]);
    }
    const [info] = (await app.inject('/client_interface/json/?switcher=GetServerInfo')).json<Entry[]>();
    expect(info).toMatchObject({ centerLatitude: '0', centerLongitude: '0' });
  });

  it('documents every parameter in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
    }>();
    for (const path of ['/client_interface/json/', '/client_interface/jsonp/']) {
      const params = doc.paths[path]!.get.parameters;
      expect(params.length).toBeGreaterThan(40);
      expect(params.filter((p) => !p.description).map((p) => p.name)).toEqual([]);
    }
  });
});
