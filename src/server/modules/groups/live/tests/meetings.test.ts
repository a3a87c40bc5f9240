import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../../test/helpers/accounts-app.js';
import { makeActor, TEST_ADMIN_TOKEN, type ActorClient } from '../../../../../../test/helpers/actors.js';
import { addToGroup, seedGroup, type SeededGroup } from '../../../../../../test/helpers/live-groups.js';
import { KINSHIP_ONLINE_SOURCE } from '../../../meetings/builtin-source.js';

interface MeetingView {
  id: number;
  weekday: number | null;
  duration_minutes: number;
  format: { kind: string; minutes: number; text?: string }[];
  next_occurrences: { starts_at: string; local_start: string }[];
}

const weekly = {
  title: 'Sunday sharing',
  recurrence: 'weekly',
  weekday: 0,
  start_time: '19:00',
  starts_on: '2025-01-01',
  duration_minutes: 60,
};

describe.each(dialectCases())('live meeting schedules on $name', (kind) => {
  let t: AccountsApp;
  let group: SeededGroup;
  let facilitator: ActorClient;
  let member: ActorClient;
  let otherFacilitator: ActorClient;

  beforeAll(async () => {
    t = await startAccountsApp(kind, { adminToken: TEST_ADMIN_TOKEN, publicUrl: 'http://kinship.test' });
    group = await seedGroup(t.database.db, { name: 'Harbour Lights', types: ['O', 'D', 'XX'], language: 'es' });
    facilitator = await makeActor(t, 'facilitator');
    member = await makeActor(t, 'member');
    otherFacilitator = await makeActor(t, 'facilitator');
    await addToGroup(t.database.db, group.id, facilitator.accountId!, 'facilitator');
    await addToGroup(t.database.db, group.id, member.accountId!, 'member');
    const elsewhere = await seedGroup(t.database.db);
    await addToGroup(t.database.db, elsewhere.id, otherFacilitator.accountId!, 'facilitator');
  }, 60_000);
  afterAll(() => t.close());

  const create = (who: ActorClient, body: unknown, slug = group.slug) =>
    who.request({ method: 'POST', url: `/api/groups/${slug}/meetings`, payload: body as Record<string, unknown> });

  it('schedules a weekly meeting with the default format and lists its next three occurrences, public', async () => {
    const res = await create(facilitator, weekly);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json<MeetingView>();
    expect(m.format.map((s) => s.kind)).toEqual(['welcome', 'reading', 'check_in', 'sharing', 'closing']);
    expect(m.format.reduce((sum, s) => sum + s.minutes, 0)).toBe(60);
    expect(m.format[1]!.text).toBe('');
    expect(m.next_occurrences).toHaveLength(3);
    // 19:00 in New York whatever the season.
    for (const o of m.next_occurrences) expect(o.local_start).toMatch(/T19:00:00-0[45]:00$/);

    const listed = await t.app.inject({ method: 'GET', url: `/api/groups/${group.slug}/meetings` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ meetings: MeetingView[] }>().meetings.map((x) => x.id)).toContain(m.id);
    // Audited, with no personal data.
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_id', '=', String(m.id))
      .where('action', '=', 'live_meeting.created')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ group_id: group.id });
  });

  it.each([
    [{ ...weekly, weekday: 7 }, 'body.weekday'],
    [{ ...weekly, weekday: undefined }, 'body.weekday'],
    [{ ...weekly, start_time: '7pm' }, 'start_time'],
    [{ ...weekly, start_time: '24:00' }, 'start_time'],
    [{ ...weekly, starts_on: '2025-02-30' }, 'starts_on'],
    [{ ...weekly, duration_minutes: 10 }, 'duration_minutes'],
    [{ ...weekly, duration_minutes: 241 }, 'duration_minutes'],
    [{ ...weekly, share_minutes: 31 }, 'share_minutes'],
    [{ ...weekly, format: Array.from({ length: 13 }, () => ({ kind: 'sharing', title: 'Share', minutes: 1 })) }, 'format'],
    [{ ...weekly, format: [{ kind: 'sharing', title: 'Share', minutes: 90 }] }, 'body.format'],
    [{ ...weekly, recurrence: 'once', weekday: 3 }, 'body.weekday'],
  ])('refuses %j with a clear error naming the field, and stores nothing', async (body, field) => {
    const before = await t.database.db.selectFrom('live_meetings').select('id').execute();
    const res = await create(facilitator, body);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json<{ error: { details?: { field?: string; message: string }[] } }>().error;
    expect(JSON.stringify(error.details)).toContain(field);
    expect(await t.database.db.selectFrom('live_meetings').select('id').execute()).toHaveLength(before.length);
  });

  it('lets only the group’s facilitators (and moderators) change the schedule', async () => {
    expect((await create(member, weekly)).statusCode).toBe(403);
    expect((await create(otherFacilitator, weekly)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/groups/${group.slug}/meetings`, payload: weekly });
    expect(anonymous.statusCode).toBe(401);
    expect((await create(facilitator, weekly, 'no-such-group')).statusCode).toBe(404);
  });

  it('lists a weekly meeting in the finder as an online meeting, changes it with the meeting, and removes it on cancel', async () => {
    const made = (await create(facilitator, { ...weekly, title: 'Lighthouse circle', weekday: 3 })).json<MeetingView>();
    await t.app.searchIndex.settled();
    const search = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/meetings?online=only&q=lighthouse&limit=100',
        headers: { 'cache-control': 'no-cache' },
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ results: { meeting: Record<string, unknown> }[] }>().results.map((r) => r.meeting);
    };
    const found = (await search()).find((m) => m.name === 'Harbour Lights — Lighthouse circle');
    expect(found).toMatchObject({
      attendance: 'online',
      days: [3],
      time: '19:00',
      end_time: '20:00',
      timezone: 'America/New_York',
    });
    // ONL, the group's spec types (an unknown code left out) and its language (Spanish is S in Meeting Guide).
    expect(found!.types).toEqual(['D', 'O', 'ONL', 'S']);
    const detail = await t.app.inject({ method: 'GET', url: `/api/meetings/${String(found!.id)}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ conference_url: `http://kinship.test/groups/${group.slug}` });

    const feed = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/feeds/meeting-guide.json?source=${encodeURIComponent(KINSHIP_ONLINE_SOURCE)}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json<Record<string, unknown>[]>();
    };
    const inFeed = (await feed()).find((m) => m.slug === `kinship-live-${made.id}`);
    expect(inFeed).toMatchObject({
      name: 'Harbour Lights — Lighthouse circle',
      day: 3,
      time: '19:00',
      timezone: 'America/New_York',
      conference_url: `http://kinship.test/groups/${group.slug}`,
      attendance_option: 'online',
    });

    const patched = await facilitator.request({
      method: 'PATCH',
      url: `/api/groups/${group.slug}/meetings/${made.id}`,
      payload: { start_time: '20:30' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await t.app.searchIndex.settled();
    expect((await search()).find((m) => m.name === 'Harbour Lights — Lighthouse circle')).toMatchObject({ time: '20:30' });

    const cancelled = await facilitator.request({ method: 'DELETE', url: `/api/groups/${group.slug}/meetings/${made.id}` });
    expect(cancelled.statusCode).toBe(204);
    await t.app.searchIndex.settled();
    expect((await search()).find((m) => m.name === 'Harbour Lights — Lighthouse circle')).toBeUndefined();
    expect((await feed()).find((m) => m.slug === `kinship-live-${made.id}`)).toBeUndefined();
    const schedule = await t.app.inject({ method: 'GET', url: `/api/groups/${group.slug}/meetings` });
    expect(schedule.json<{ meetings: MeetingView[] }>().meetings.map((x) => x.id)).not.toContain(made.id);
  });

  it('keeps a one-off meeting out of the finder, and a past one has no occurrences', async () => {
    const res = await create(facilitator, {
      ...weekly,
      title: 'Anniversary',
      recurrence: 'once',
      weekday: undefined,
      starts_on: '2024-05-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json<MeetingView>();
    expect(m.weekday).toBeNull();
    expect(m.next_occurrences).toEqual([]);
    const listed = await t.database.db.selectFrom('meetings').select('id').where('slug', '=', `kinship-live-${m.id}`).execute();
    expect(listed).toEqual([]);
  });

  it('never lets a feed import touch Kinship’s own meetings', async () => {
    const source = await t.database.db
      .selectFrom('sources')
      .select(['id'])
      .where('name', '=', KINSHIP_ONLINE_SOURCE)
      .executeTakeFirstOrThrow();
    const before = await t.database.db
      .selectFrom('meetings')
      .select(['id', 'deleted_at'])
      .where('source_id', '=', source.id)
      .execute();
    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const imported = await t.app.inject({
      method: 'POST',
      url: `/api/admin/sources/${source.id}/import`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '[]',
    });
    expect(imported.statusCode).toBe(409);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/sources',
      headers: auth,
      payload: { name: KINSHIP_ONLINE_SOURCE, format: 'meeting-guide' },
    });
    expect(created.statusCode).toBe(409);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/sources/${source.id}`,
      headers: auth,
      payload: { url: 'https://feeds.example/x.json' },
    });
    expect(patched.statusCode).toBe(409);
    expect(
      await t.database.db.selectFrom('meetings').select(['id', 'deleted_at']).where('source_id', '=', source.id).execute(),
    ).toEqual(before);
  });
});
