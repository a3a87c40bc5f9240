import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { logCollector } from '../../../../../test/helpers/app.js';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startPageApp, type PageApp } from '../../../../../test/helpers/meeting-pages.js';

const TOKEN = 'test-admin-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const CONTACT = 'reach-me-7f3a@example.org';

interface ErrorBody {
  error: { code: string; details?: { field: string }[] };
}
interface ListBody {
  corrections: { id: number; meeting_id: number; meeting_name: string; kind: string; details: string; contact: string | null }[];
  next_before: number | null;
}

describe.each(dialectCases())('correction requests on $name', (kind) => {
  let site: PageApp;
  let app: FastifyInstance;
  let ids: Record<string, number>;
  const logs = logCollector();

  beforeAll(async () => {
    site = await startPageApp(kind, { adminToken: TOKEN, logLevel: 'info' }, { logStream: logs.stream });
    ({ app, ids } = site);
  });
  afterAll(() => site.close());

  const post = (id: number | string, payload: unknown) =>
    app.inject({ method: 'POST', url: `/api/meetings/${id}/corrections`, payload: payload as Record<string, unknown> });
  const postForm = (id: number | string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: `/api/meetings/${id}/corrections`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams(fields).toString(),
    });
  const list = async (qs = '') => (await app.inject({ url: `/api/admin/corrections${qs}`, headers: auth })).json<ListBody>();

  it('stores a JSON correction, which the admin queue lists with its contact', async () => {
    const res = await post(ids['tuesday-serenity']!, { kind: 'time', details: 'It starts at 7:30 now.', contact: CONTACT });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ id: number; status: string }>();
    expect(body).toEqual({ id: expect.any(Number) as number, status: 'received' });
    const queue = await list();
    expect(queue.corrections[0]).toMatchObject({
      id: body.id,
      meeting_id: ids['tuesday-serenity'],
      meeting_name: 'Tuesday Serenity',
      kind: 'time',
      details: 'It starts at 7:30 now.',
      contact: CONTACT,
      status: 'open',
    });
  });

  it('refuses bad input with 400 and the field named', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'time', details: '   ' }, 'body.details'],
      [{ kind: 'time', details: 'x'.repeat(2001) }, 'body.details'],
      [{ kind: 'nonsense', details: 'Wrong' }, 'body.kind'],
      [{ kind: 'time', details: 'Wrong', contact: 'c'.repeat(201) }, 'body.contact'],
      [{ details: 'Wrong' }, 'body.kind'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(ids['tuesday-serenity']!, payload);
      expect(res.statusCode).toBe(400);
      const err = res.json<ErrorBody>();
      expect(err.error.code).toBe('validation_failed');
      expect(err.error.details?.map((d) => d.field)).toContain(field);
    }
    expect((await post('abc', { kind: 'time', details: 'x' })).statusCode).toBe(400);
  });

  it('answers 404 for an unknown or deleted meeting, and stores nothing', async () => {
    const before = (await list()).corrections.length;
    expect((await post(999_999, { kind: 'other', details: 'Gone?' })).statusCode).toBe(404);
    await site.database.db
      .updateTable('meetings')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', ids.hostile!)
      .execute();
    expect((await post(ids.hostile!, { kind: 'other', details: 'Gone?' })).statusCode).toBe(404);
    const form = await postForm(ids.hostile!, { kind: 'other', details: 'Gone?' });
    expect(form.statusCode).toBe(404);
    expect(form.body).toContain('Meeting not found');
    await site.database.db.updateTable('meetings').set({ deleted_at: null }).where('id', '=', ids.hostile!).execute();
    expect((await list()).corrections.length).toBe(before);
  });

  it('takes the no-JavaScript form: a 303 to the page, which then confirms', async () => {
    const res = await postForm(ids.hostile!, { kind: 'online', details: 'The passcode changed to 9999.', contact: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${ids.hostile}?correction=received#correction-received`);
    const page = await app.inject({ url: res.headers.location as string, headers: { accept: 'text/html' } });
    expect(page.body).toContain('Thank you. Your correction was sent');
    expect((await list()).corrections[0]).toMatchObject({
      kind: 'online',
      details: 'The passcode changed to 9999.',
      contact: null,
    });
  });

  it('shows the form again with the problem marked and the text kept, when the server refuses it', async () => {
    const res = await postForm(ids.hostile!, { kind: 'time', details: '   ', contact: 'me' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('The correction was not sent');
    expect(res.body).toContain('id="correction-details-error"');
    expect(res.body).toMatch(/<textarea\s+id="correction-details"[^>]*aria-invalid="true"/);
    expect(res.body).toMatch(/<option value="time"\s+selected>/);
    const unknownKind = await postForm(ids.hostile!, { kind: '<b>', details: 'Fine' });
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.body).toContain('id="correction-kind-error"');
    expect(unknownKind.body).not.toContain('<b>');
  });

  it('pages the admin queue newest first, and refuses it without the token', async () => {
    for (let i = 0; i < 3; i++) await post(ids['tuesday-serenity']!, { kind: 'other', details: `Note ${i}` });
    const first = await list('?limit=2');
    expect(first.corrections.map((c) => c.details)).toEqual(['Note 2', 'Note 1']);
    expect(first.next_before).toBe(first.corrections[1]!.id);
    const second = await list(`?limit=2&before=${first.next_before}`);
    expect(second.corrections[0]!.details).toBe('Note 0');
    const ids1 = [...first.corrections, ...second.corrections].map((c) => c.id);
    expect(ids1).toEqual([...ids1].sort((a, b) => b - a));
    expect((await app.inject('/api/admin/corrections')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/admin/corrections?limit=0', headers: auth })).statusCode).toBe(400);
  });

  it('never shows the contact publicly nor writes it to the logs', async () => {
    for (const path of [
      `/api/meetings/${ids['tuesday-serenity']}`,
      `/meetings/${ids['tuesday-serenity']}`,
      '/feeds/meeting-guide.json',
    ]) {
      const res = await app.inject({ url: path, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(CONTACT);
    }
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.lines.join('\n')).not.toContain(CONTACT);
  });

  it('the OpenAPI document describes both routes and their parameters', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    const postOp = doc.paths['/api/meetings/{id}/corrections']?.post as { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(postOp.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(JSON.stringify(postOp)).toContain('What should change');
    const getOp = doc.paths['/api/admin/corrections']?.get as { parameters: { name: string; description?: string }[] };
    expect(getOp.parameters.map((p) => p.name).sort()).toEqual(['before', 'limit']);
    expect(getOp.parameters.every((p) => p.description)).toBe(true);
    expect(doc.paths['/meetings/{id}']).toBeUndefined();
  });

  it('limits how many corrections one client sends, in JSON and in the form', async () => {
    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++)
      status = (await post(ids.hostile!, { kind: 'other', details: `Flood ${i}` })).statusCode;
    expect(status).toBe(429);
    const form = await postForm(ids.hostile!, { kind: 'other', details: 'One more' });
    expect(form.statusCode).toBe(429);
    expect(form.body).toContain('Several corrections were sent from here');
    expect(form.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('deleting the meeting’s source deletes its requests (no foreign-key failure)', async () => {
    const source = await site.database.db.selectFrom('sources').select('id').executeTakeFirstOrThrow();
    const res = await app.inject({ method: 'DELETE', url: `/api/admin/sources/${source.id}`, headers: auth });
    expect(res.statusCode).toBe(204);
    expect((await list()).corrections).toEqual([]);
  });
});
