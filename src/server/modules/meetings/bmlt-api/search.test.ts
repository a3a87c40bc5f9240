import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { Db } from '../../../db/types.js';
import { dialectCases, openMigrated } from '../../../../../test/helpers/databases.js';
import { buildTestApp } from '../../../../../test/helpers/app.js';
import { BMLT_FIXTURE_DIR, mgFixture } from '../../../../../test/helpers/fixtures.js';
import { importFeed } from '../import-service.js';
import { distanceKm } from './geo.js';
import { fold } from './search-request.js';

type Meeting = Record<string, string>;
const PUBLIC_URL = 'https://kinship.example';

describe.each(dialectCases())('BMLT GetSearchResults on $name', (kind) => {
  let app: FastifyInstance;
  let db: Db;
  let cleanup: () => Promise<void>;
  let all: Meeting[];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const opened = await openMigrated(kind);
    const bus = createMemoryBus();
    const deps = { database: opened.handle, bus };
    const tiny = JSON.parse(await readFile(new URL('./tiny-feed.json', import.meta.url), 'utf8')) as { slug: string }[];
    const bytes = (list: unknown[]) => ({ kind: 'bytes' as const, body: Readable.from([Buffer.from(JSON.stringify(list))]) });
    const na = { sourceName: 'na-ny', format: 'bmlt', input: BMLT_FIXTURE_DIR, timezone: 'America/New_York' } as const;
    await importFeed(deps, { ...na, trigger: 'cli' });
    const mg = { format: 'meeting-guide', timezone: 'America/New_York', trigger: 'cli' } as const;
    await importFeed(deps, { ...mg, sourceName: 'aasepia', input: mgFixture('aasepia') });
    await importFeed(deps, { ...mg, sourceName: 'tiny', timezone: 'America/Chicago', input: bytes(tiny) });
    // A second import without "gone" soft-deletes it.
    await importFeed(deps, {
      ...mg,
      sourceName: 'tiny',
      timezone: 'America/Chicago',
      input: bytes(tiny.filter((m) => m.slug !== 'gone')),
    });
    app = await buildTestApp({ databaseUrl: opened.url, publicUrl: PUBLIC_URL }, { database: opened.handle, bus });
    db = opened.handle.db;
    cleanup = async () => {
      await app.close();
      await bus.close();
      await opened.cleanup();
    };
    for (const m of await db.selectFrom('meetings').select(['id', 'slug']).execute()) ids[m.slug] = m.id;
    all = await search('');
  });
  afterAll(() => cleanup());

  async function search(params: string): Promise<Meeting[]> {
    const res = await app.inject(`/client_interface/json/?switcher=GetSearchResults${params}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Meeting[]>();
  }
  const idsOf = (list: Meeting[]) => list.map((m) => m.id_bigint);

  it('answers one entry per live meeting-day, all fields strings, in the fixture shape', async () => {
    const rows = await db.selectFrom('meetings').select('days').where('deleted_at', 'is', null).where('days', '<>', '').execute();
    expect(all).toHaveLength(rows.reduce((n, r) => n + r.days.split(',').length, 0));
    const fixture = JSON.parse(await readFile(`${BMLT_FIXTURE_DIR}/GetSearchResults.json`, 'utf8')) as Meeting[];
    for (const m of all) {
      expect(Object.keys(m)).toEqual(Object.keys(fixture[0]!));
      for (const v of Object.values(m)) expect(typeof v).toBe('string');
    }
    expect(new Set(idsOf(all)).size).toBe(all.length);
  });

  it('shows fixture meeting 1452 as the BMLT server did', () => {
    const m = all.find((x) => x.id_bigint === String(ids['1452']))!;
    expect(m).toMatchObject({
      meeting_name: '11th Step Meditation',
      weekday_tinyint: '1',
      start_time: '07:30:00',
      duration_time: '01:00:00',
      time_zone: 'America/New_York',
      venue_type: '1',
      service_body_name: 'Eastern Long Island Area Service',
      location_text: 'Community Baptist Church',
      location_street: '5267 Sound Ave (Cnty rd 48)',
      location_municipality: 'Aquebogue',
      location_province: 'NY',
      root_server_uri: PUBLIC_URL,
      published: '1',
      distance_in_km: '',
    });
    expect(m.formats!.split(',')).toEqual(expect.arrayContaining(['O', 'MED']));
    expect(m.format_shared_id_list!.split(',')).toHaveLength(m.formats!.split(',').length);
    expect(Number(m.service_body_bigint)).toBeGreaterThan(0);
  });

  it('lists a multi-day meeting once per day with stable ids, and leaves out appointments and deleted meetings', async () => {
    const multi = all.filter((m) => m.meeting_name === 'Tiny Multi Day');
    expect(multi.map((m) => [m.weekday_tinyint, m.id_bigint])).toEqual([
      ['2', String(ids.multi)],
      ['4', String(4 * 10_000_000_000 + ids.multi!)],
    ]);
    expect(multi[0]).toMatchObject({ start_time: '19:00:00', duration_time: '01:30:00', time_zone: 'America/Chicago' });
    expect(multi[0]).toMatchObject({
      location_street: '1 Main Street',
      location_municipality: 'Springfield',
      location_province: 'IL',
    });
    expect(all.some((m) => m.meeting_name === 'Tiny By Appointment' || m.meeting_name === 'Tiny Gone')).toBe(false);
    expect(idsOf(await search(`&meeting_ids[]=${multi[1]!.id_bigint}`))).toEqual([multi[1]!.id_bigint]);
    expect(await search(`&meeting_ids=-${ids.multi}`)).toHaveLength(all.length - 1);
  });

  it('filters by weekday, including and excluding, in both list spellings', async () => {
    const sunday = await search('&weekdays=1');
    expect(sunday.length).toBeGreaterThan(0);
    expect(sunday.every((m) => m.weekday_tinyint === '1')).toBe(true);
    expect(sunday).toHaveLength(all.filter((m) => m.weekday_tinyint === '1').length);
    expect(idsOf(await search('&weekdays[]=1&weekdays[]=7'))).toEqual(idsOf(await search('&weekdays=1,7')));
    const notSunday = await search('&weekdays=-1');
    expect(notSunday).toHaveLength(all.length - sunday.length);
    expect(notSunday.some((m) => m.weekday_tinyint === '1')).toBe(false);
  });

  it('filters by venue type', async () => {
    const virtual = await search('&venue_types=2');
    expect(virtual.map((m) => m.meeting_name)).toContain('Tiny Online');
    expect(virtual.every((m) => m.venue_type === '2' && (m.virtual_meeting_link || m.phone_meeting_number))).toBe(true);
    expect((await search('&venue_types=3')).map((m) => m.meeting_name)).toContain('Tiny Hybrid Español');
    const notInPerson = await search('&venue_types=-1');
    expect(notInPerson).toHaveLength(all.filter((m) => m.venue_type !== '1').length);
  });

  it('filters by format id: AND by default, OR on request, negative to exclude', async () => {
    const formats = (await app.inject('/client_interface/json/?switcher=GetFormats')).json<Meeting[]>();
    const open = formats.find((f) => f.world_id === 'OPEN')!;
    const med = formats.find((f) => f.key_string === 'MED')!;
    const has = (m: Meeting, key: string) => m.formats!.split(',').includes(key);
    const opens = await search(`&formats=${open.id}`);
    expect(opens.length).toBeGreaterThan(100);
    expect(opens).toHaveLength(all.filter((m) => has(m, 'O')).length);
    const both = await search(`&formats[]=${open.id}&formats[]=${med.id}`);
    expect(both.map((m) => m.id_bigint)).toContain(String(ids['1452']));
    expect(both.every((m) => has(m, 'O') && has(m, 'MED'))).toBe(true);
    const either = await search(`&formats=${open.id},${med.id}&formats_comparison_operator=OR`);
    expect(either).toHaveLength(all.filter((m) => has(m, 'O') || has(m, 'MED')).length);
    expect(await search(`&formats=-${open.id}`)).toHaveLength(all.length - opens.length);
    expect(await search('&formats=999999')).toEqual([]);
  });

  it('filters by service body, with the bodies below it when recursive=1', async () => {
    const bodies = (await app.inject('/client_interface/json/?switcher=GetServiceBodies')).json<Meeting[]>();
    // The importer keeps the service bodies meetings name; this region has meetings of its own.
    const region = bodies.find((b) => b.name === 'ABCD Region')!;
    const below = new Set([region.id]);
    for (let grew = true; grew;) {
      const before = below.size;
      bodies.filter((b) => below.has(b.parent_id)).forEach((b) => below.add(b.id));
      grew = below.size > before;
    }
    expect(below.size).toBeGreaterThan(3);
    const direct = await search(`&services=${region.id}`);
    expect(direct).toHaveLength(all.filter((m) => m.service_body_bigint === region.id).length);
    const tree = await search(`&services[]=${region.id}&recursive=1`);
    expect(tree.length).toBeGreaterThan(direct.length);
    expect(tree).toHaveLength(all.filter((m) => below.has(m.service_body_bigint)).length);
    expect(await search(`&services=-${region.id}&recursive=1`)).toHaveLength(all.length - tree.length);
    // Ids no row can have (beyond a 32-bit integer) match nothing rather than failing the query.
    expect(await search('&services=99999999999&meeting_ids=99999999999')).toEqual([]);
    expect(await search('&services=-99999999999')).toHaveLength(all.length);
  });

  it('searches a radius around a point, and finds the N nearest for a negative width', async () => {
    const center = { lat: 40.97, lng: -72.62 };
    const near = await search(`&lat_val=${center.lat}&long_val=${center.lng}&geo_width=30&sort_results_by_distance=1`);
    expect(near[0]!.id_bigint).toBe(String(ids['1452']));
    expect(Number(near[0]!.distance_in_miles)).toBeLessThan(0.1);
    const miles = near.map((m) => Number(m.distance_in_miles));
    expect(miles.every((d, i) => d <= 30 && (i === 0 || d >= miles[i - 1]!))).toBe(true);
    // The SQL box must not lose anything a full scan finds.
    const located = all.filter((m) => m.latitude !== '');
    const dist = (m: Meeting) => distanceKm(center, { lat: Number(m.latitude), lng: Number(m.longitude) });
    const expected = located.filter((m) => dist(m) <= 30 * 1.609344).map((m) => m.id_bigint);
    expect(near.map((m) => m.id_bigint).sort()).toEqual(expected.sort());
    const km = await search(`&lat_val=${center.lat}&long_val=${center.lng}&geo_width_km=${30 * 1.609344}`);
    expect(km).toHaveLength(near.length);
    expect(km.map((m) => m.weekday_tinyint)).toEqual([...km.map((m) => m.weekday_tinyint)].sort());

    const five = await search(`&lat_val=${center.lat}&long_val=${center.lng}&geo_width=-5&sort_results_by_distance=1`);
    expect(five).toHaveLength(5);
    const fifth = Number(five[4]!.distance_in_km);
    expect(located.filter((m) => dist(m) < fifth - 1e-6).length).toBeLessThanOrEqual(4);
    expect(await search(`&lat_val=39.8&long_val=-89.65&geo_width_km=-2`)).toHaveLength(2);
  });

  it('finds words in any case or accent across name, location, address and notes', async () => {
    const found = await search('&SearchString=MEDITATION%20aquebogue');
    expect(found.map((m) => m.id_bigint)).toContain(String(ids['1452']));
    const text = (m: Meeting) =>
      fold([m.meeting_name, m.location_text, m.location_street, m.location_municipality, m.comments].join(' '));
    expect(found.every((m) => text(m).includes('meditation'))).toBe(true);
    expect((await search('&SearchString=espanol')).map((m) => m.meeting_name)).toContain('Tiny Hybrid Español');
    expect(await search('&SearchString=meditation')).toHaveLength((await search('&SearchString=Meditation')).length);
  });

  it('filters by start time', async () => {
    const late = await search('&StartsAfterH=19&StartsAfterM=30');
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((m) => m.start_time! > '19:30:00')).toBe(true);
    expect(late).toHaveLength(all.filter((m) => m.start_time! > '19:30:00').length);
  });

  it('pages, chooses fields and sorts', async () => {
    expect(idsOf(await search('&page_size=10&page_num=3'))).toEqual(idsOf(all.slice(20, 30)));
    expect(idsOf(await search('&page_size=7'))).toEqual(idsOf(all.slice(0, 7)));
    const slim = await search('&data_field_key=meeting_name,weekday_tinyint,not_a_field&page_size=3');
    expect(slim.map((m) => Object.keys(m))).toEqual([
      ['weekday_tinyint', 'meeting_name'],
      ['weekday_tinyint', 'meeting_name'],
      ['weekday_tinyint', 'meeting_name'],
    ]);
    const byId = (await search('&sort_keys=id_bigint')).map((m) => Number(m.id_bigint));
    expect(byId).toEqual([...byId].sort((a, b) => a - b));
    const days = all.map((m) => Number(m.weekday_tinyint));
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });
});
