import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../../../test/helpers/app.js';
import { dialectCases, type TestDatabase } from '../../../../../test/helpers/databases.js';
import { mgFixture } from '../../../../../test/helpers/fixtures.js';
import { specProblems } from '../../../../../test/helpers/meeting-guide-spec.js';

const TOKEN = 'test-admin-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

describe.each(dialectCases())('meeting directory over HTTP on $name', (kind) => {
  let app: FastifyInstance;
  let tdb: TestDatabase;
  let sourceId: number;

  beforeAll(async () => {
    tdb = await kind.create();
    app = await buildTestApp({ databaseUrl: tdb.url, adminToken: TOKEN, publicUrl: 'https://kinship.example.org' });
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  it('the admin API refuses anyone without the token, and a wrong token', async () => {
    expect((await app.inject('/api/admin/sources')).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/admin/sources', headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } }))
        .statusCode,
    ).toBe(401);
  });

  it('creates a source, rejecting bad settings with the field named', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/admin/sources',
      headers: auth,
      payload: { name: 'x', format: 'meeting-guide', timezone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: [{ field: 'timezone' }] } });
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/sources',
      headers: auth,
      payload: { name: 'edmonton', format: 'meeting-guide', timezone: 'America/Edmonton' },
    });
    expect(res.statusCode).toBe(201);
    sourceId = res.json<{ id: number }>().id;
    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/sources',
      headers: auth,
      payload: { name: 'edmonton', format: 'bmlt' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('imports an uploaded feed (dry run first), and shows the result on the source', async () => {
    const body = await readFile(mgFixture('edmonton'));
    const dry = await app.inject({
      method: 'POST',
      url: `/api/admin/sources/${sourceId}/import?dry_run=true`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: body,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dry_run: true, status: 'succeeded', counts: { added: 315 } });
    const empty = await app.inject({ url: '/feeds/meeting-guide.json?source=edmonton' });
    expect(empty.json()).toEqual([]);

    const real = await app.inject({
      method: 'POST',
      url: `/api/admin/sources/${sourceId}/import`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: body,
    });
    expect(real.json()).toMatchObject({ status: 'succeeded', counts: { added: 315, rejected: 0 } });
    const importId = real.json<{ import_id: number }>().import_id;

    const source = await app.inject({ url: `/api/admin/sources/${sourceId}`, headers: auth });
    expect(source.json()).toMatchObject({
      name: 'edmonton',
      last_status: 'succeeded',
      last_import_id: importId,
      live_meetings: 315,
    });
    expect(source.json<{ imports: unknown[] }>().imports).toHaveLength(2);
    const report = await app.inject({ url: `/api/admin/imports/${importId}`, headers: auth });
    expect(report.json()).toMatchObject({ import_id: importId, counts: { total: 315 } });
  });

  it('a malformed upload fails with a clear error and leaves the source as it was', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/sources/${sourceId}/import`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"not": "an array"}',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'failed',
      error: 'malformed feed: expected a JSON array of meetings, found an object at byte 0',
    });
    const feed = await app.inject({ url: '/feeds/meeting-guide.json?source=edmonton' });
    expect(feed.json<unknown[]>()).toHaveLength(315);
  });

  it('a feed in which every meeting is rejected fails and removes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/sources/${sourceId}/import`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '[{"name": "no day, no time, no place"}]',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'failed', counts: { total: 1, rejected: 1, removed: 0 } });
    expect(res.json<{ error: string }>().error).toContain('rejected');
    const feed = await app.inject({ url: '/feeds/meeting-guide.json?source=edmonton' });
    expect(feed.json<unknown[]>()).toHaveLength(315);
  });

  it('serves a Meeting Guide feed: spec fields, unique slugs, day/time/timezone, conference fields present, updated in UTC', async () => {
    const res = await app.inject({ url: '/feeds/meeting-guide.json?source=edmonton' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const feed = res.json<Record<string, unknown>[]>();
    expect(specProblems(feed)).toEqual([]);
    expect(new Set(feed.map((m) => m.slug)).size).toBe(315);
    const shifters = feed.find((m) => m.slug === '6')!;
    expect(shifters).toMatchObject({
      name: 'Chapter House - Shifters',
      day: 6,
      time: '11:00',
      end_time: '12:00',
      timezone: 'America/Edmonton',
      types: ['C'],
    });
    for (const m of feed) {
      expect(m).toHaveProperty('conference_url');
      expect(m).toHaveProperty('conference_phone');
      expect(m.updated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(shifters.updated).toBe('2022-08-25 11:17:07');
  });

  it('filters the feed by fellowship and region, and rejects unknown parameters', async () => {
    expect((await app.inject('/feeds/meeting-guide.json?fellowship=NA')).json()).toEqual([]);
    const region = (await app.inject('/feeds/meeting-guide.json?region=Edmonton')).json<unknown[]>();
    expect(region.length).toBeGreaterThan(100);
    const bad = await app.inject('/feeds/meeting-guide.json?sauce=1');
    expect(bad.statusCode).toBe(400);
  });

  it('serves CSV with a header row and one line per meeting, defusing formula-like cells', async () => {
    const res = await app.inject('/feeds/meetings.csv?source=edmonton');
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toMatch(/^slug,name,fellowship,day,time/);
    expect(lines.length).toBeGreaterThan(315); // notes may span lines inside quotes
  });

  it('serves iCalendar for one meeting and for a set, which a real parser reads back', async () => {
    const feed = (await app.inject('/feeds/meeting-guide.json?source=edmonton')).json<{ slug: string }[]>();
    expect(feed.length).toBe(315);
    const list = await app.inject('/feeds/meetings.ics?source=edmonton&limit=50');
    expect(list.headers['content-type']).toContain('text/calendar');
    const comp = new ICAL.Component(ICAL.parse(list.body) as unknown[]);
    expect(comp.getAllSubcomponents('vevent')).toHaveLength(50);
    expect(comp.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['America/Edmonton']);

    const changes = await app.inject('/api/changes?since=2000-01-01T00:00:00Z&source=edmonton&limit=1');
    const meetingId = changes.json<{ changes: { meeting_id: number }[] }>().changes[0]!.meeting_id;
    const one = await app.inject(`/api/meetings/${meetingId}/calendar.ics`);
    expect(one.statusCode).toBe(200);
    const event = new ICAL.Component(ICAL.parse(one.body) as unknown[]).getFirstSubcomponent('vevent')!;
    expect(String(event.getFirstPropertyValue('rrule'))).toMatch(/^FREQ=WEEKLY;BYDAY=/);
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('America/Edmonton');
    expect((await app.inject('/api/meetings/999999/calendar.ics')).statusCode).toBe(404);
    expect((await app.inject('/api/meetings/abc/calendar.ics')).statusCode).toBe(400);
  });

  it('lists changes since a time, paged by cursor, with per-field diffs', async () => {
    const first = await app.inject('/api/changes?since=2000-01-01T00:00:00Z&limit=200');
    const page = first.json<{ changes: { id: number; kind: string; diff: Record<string, unknown> }[]; next_cursor: string }>();
    expect(page.changes).toHaveLength(200);
    expect(page.changes[0]!.kind).toBe('added');
    expect(page.changes[0]!.diff).toHaveProperty('name');
    const second = await app.inject(`/api/changes?since=2000-01-01T00:00:00Z&limit=200&cursor=${page.next_cursor}`);
    const rest = second.json<{ changes: { id: number }[]; next_cursor: string | null }>();
    expect(rest.changes[0]!.id).toBeGreaterThan(page.changes[199]!.id);
    expect(rest.next_cursor).toBeNull();
    expect((await app.inject('/api/changes?since=yesterday')).statusCode).toBe(400);
    expect((await app.inject('/api/changes?since=2000-01-01T00:00:00Z&cursor=abc')).statusCode).toBe(400);
    const future = await app.inject('/api/changes?since=2999-01-01T00:00:00Z');
    expect(future.json()).toEqual({ changes: [], next_cursor: null });
  });

  it('deleting a source removes what it brought in', async () => {
    const res = await app.inject({ method: 'DELETE', url: `/api/admin/sources/${sourceId}`, headers: auth });
    expect(res.statusCode).toBe(204);
    expect((await app.inject('/feeds/meeting-guide.json')).json()).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/sources/${sourceId}`, headers: auth })).statusCode).toBe(404);
  });
});
