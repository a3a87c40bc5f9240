import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { makeActor, type ActorClient } from '../../../../../test/helpers/actors.js';
import { createGroup, joinGroup, send, type TestGroup } from '../../../../../test/helpers/groups.js';
import { liveRoom, storeMessages } from '../../../../../test/helpers/group-chat.js';
import { DEFAULT_RATE_LIMITS } from '../../../security/rate-limits.js';
import { closeRoom } from '../rooms/lifecycle.js';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { Bus } from '../../../bus/index.js';
import type { ReportSnapshot } from '../../../../shared/schemas/group-threads.js';

interface ReportView {
  id: number;
  reason: string;
  note: string | null;
  message_id: number | null;
  post_id: number | null;
  snapshot: ReportSnapshot;
}

describe.each(dialectCases())('groups: reports on $name', (kind) => {
  let t: AccountsApp;
  let bus: Bus;
  let fac: ActorClient;
  let ana: ActorClient;
  let ben: ActorClient;
  let g: TestGroup;
  let groupId: number;
  beforeAll(async () => {
    bus = createMemoryBus();
    t = await startAccountsApp(
      kind,
      { rateLimits: { ...DEFAULT_RATE_LIMITS, reports: { limit: 3, windowMs: 60_000 } } },
      { bus },
    );
    fac = await makeActor(t, 'facilitator');
    ana = await makeActor(t, 'member');
    ben = await makeActor(t, 'member');
    g = await createGroup(fac, { name: 'Report Harbour' });
    groupId = (await t.database.db.selectFrom('support_groups').select('id').where('slug', '=', g.slug).executeTakeFirstOrThrow())
      .id;
    await joinGroup(ana, g.slug);
    await joinGroup(ben, g.slug);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await bus.close();
  });

  const report = (who: ActorClient, body: Record<string, unknown>) => send(who, 'POST', '/api/reports', body);

  it('keeps a copy of a live message and five before it, which outlives the meeting’s chat', async () => {
    const roomId = await liveRoom(t.database, groupId, t.clock.now, null);
    const bodies = ['one', 'two', 'three', 'four', 'five', 'six', 'you are worthless'];
    const ids = await storeMessages(
      t.database,
      roomId,
      bodies.map((body, i) => ({ authorId: i % 2 === 0 ? ben.accountId! : ana.accountId!, body })),
      t.clock.now,
    );
    const res = await report(ana, { message_id: ids[6], reason: 'harassment', note: 'Said to me twice.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ helplines_hint: false });

    // The meeting ends with retention "delete": the chat goes, the report's copy stays.
    expect(await closeRoom({ database: t.database, bus, now: () => t.clock.now }, roomId)).toBe(true);
    expect(await t.database.db.selectFrom('room_messages').select('id').where('room_id', '=', roomId).execute()).toEqual([]);

    const list = await send(fac, 'GET', `/api/groups/${g.slug}/reports`);
    expect(list.statusCode).toBe(200);
    const got = list.json<{ reports: ReportView[] }>().reports.find((r) => r.id === res.json<{ id: number }>().id)!;
    expect(got).toMatchObject({ reason: 'harassment', note: 'Said to me twice.', message_id: null });
    expect(got.snapshot.item).toMatchObject({ kind: 'message', handle: ben.handle, body: 'you are worthless' });
    expect(got.snapshot.context.map((c) => c.body)).toEqual(['two', 'three', 'four', 'five', 'six']);
    // The reporter is not named to facilitators.
    expect(Object.keys(got).filter((k) => k.startsWith('reporter'))).toEqual([]);
    const row = await t.database.db.selectFrom('reports').selectAll().where('id', '=', got.id).executeTakeFirstOrThrow();
    expect([row.reporter_id, row.reported_id, row.room_id]).toEqual([ana.accountId, ben.accountId, roomId]);
    // Moderators see every group's reports.
    const all = await send(await makeActor(t, 'moderator'), 'GET', '/api/reports');
    expect(all.json<{ reports: ReportView[] }>().reports.map((r) => r.id)).toContain(got.id);
    expect((await send(ana, 'GET', '/api/reports')).statusCode).toBe(403);
    expect((await send(ana, 'GET', `/api/groups/${g.slug}/reports`)).statusCode).toBe(403);
  });

  it('copies a reply with the opening post and earlier replies; self-harm answers point to help', async () => {
    const thread = (
      await send(ana, 'POST', `/api/groups/${g.slug}/threads`, { title: 'Rough week', body: 'Opening words' })
    ).json<{
      post: { id: number };
    }>().post;
    const replies: number[] = [];
    for (const body of ['r1', 'r2', 'I do not want to be here anymore']) {
      replies.push((await send(ben, 'POST', `/api/threads/${thread.id}/replies`, { body })).json<{ id: number }>().id);
    }
    const res = await report(fac, { post_id: replies[2], reason: 'self_harm' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ helplines_hint: true });
    const got = (await send(fac, 'GET', `/api/groups/${g.slug}/reports`))
      .json<{ reports: ReportView[] }>()
      .reports.find((r) => r.id === res.json<{ id: number }>().id)!;
    expect(got.snapshot.item).toMatchObject({ kind: 'post', body: 'I do not want to be here anymore', handle: ben.handle });
    expect(got.snapshot.context.map((c) => c.body)).toEqual(['Opening words', 'r1', 'r2']);
    expect(got.snapshot.context[0]).toMatchObject({ title: 'Rough week', handle: ana.handle });
  });

  it('refuses outsiders, bad bodies and too many reports (429 with Retry-After)', async () => {
    const thread = (await send(ana, 'POST', `/api/groups/${g.slug}/threads`, { title: 'Spam?', body: 'buy now' })).json<{
      post: { id: number };
    }>().post;
    expect((await report(await makeActor(t, 'member'), { post_id: thread.id, reason: 'spam' })).statusCode).toBe(403);
    expect((await report(await makeActor(t, 'anonymous'), { post_id: thread.id, reason: 'spam' })).statusCode).toBe(401);
    const before = (await t.database.db.selectFrom('reports').select('id').execute()).length;
    for (const bad of [
      { reason: 'spam' },
      { post_id: thread.id, message_id: 1, reason: 'spam' },
      { post_id: thread.id, reason: 'boring' },
      { post_id: thread.id, reason: 'other', note: 'n'.repeat(1001) },
    ])
      expect((await report(ben, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    expect((await report(ben, { post_id: 999_999, reason: 'spam' })).statusCode).toBe(404);
    expect((await t.database.db.selectFrom('reports').select('id').execute()).length).toBe(before);

    for (let i = 0; i < 3; i++) expect((await report(ben, { post_id: thread.id, reason: 'spam' })).statusCode).toBe(201);
    const limited = await report(ben, { post_id: thread.id, reason: 'spam' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another member's limit is their own.
    expect((await report(ana, { post_id: thread.id, reason: 'spam' })).statusCode).toBe(201);
  });
});
