import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { makeActor } from '../../../../../test/helpers/actors.js';
import { SessionClient } from '../../../../../test/helpers/session-client.js';
import { insertGrant } from '../../accounts/repository/accounts.js';
import { createGroup, groupBody, joinGroup, send } from '../../../../../test/helpers/groups.js';

describe.each(dialectCases())('groups: directory, pages and creation on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind);
  }, 60_000);
  afterAll(() => t.close());

  it('lets anyone browse the directory and a group page, signed in or not, without member lists', async () => {
    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Morning Light Circle', approach: 'smart', language: 'es' });
    const member = await makeActor(t, 'member');
    await joinGroup(member, g.slug);
    await joinGroup(await makeActor(t, 'member'), g.slug, 'observer');

    const anon = await makeActor(t, 'anonymous');
    const dir = await send(anon, 'GET', '/api/groups?q=morning%20light');
    expect(dir.statusCode).toBe(200);
    const listed = dir.json<{ groups: Record<string, unknown>[] }>().groups;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ slug: 'morning-light-circle', approach: 'smart', language: 'es', member_count: 2 });
    expect((await send(anon, 'GET', '/api/groups?approach=twelve_step&q=morning')).json<{ groups: unknown[] }>().groups).toEqual(
      [],
    );
    expect((await send(anon, 'GET', '/api/groups?language=es&q=circle')).json<{ groups: unknown[] }>().groups).toHaveLength(1);

    const page = await send(anon, 'GET', `/api/groups/${g.slug}`);
    expect(page.statusCode).toBe(200);
    const body = page.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      conduct_version: 1,
      observer_count: 1,
      facilitator_count: 1,
      member_count: 2,
      chat_retention_days: null,
      retention: { kind: 'delete_at_end' },
      you: null,
      open_room_id: g.openRoomId,
    });
    expect(page.body).not.toContain(member.handle!);
    expect(page.body).not.toContain(fac.handle!);
    const mine = (await send(member, 'GET', `/api/groups/${g.slug}`)).json<{ you: unknown }>();
    expect(mine.you).toEqual({ role: 'member', status: 'active', conduct_current: true });
    expect((await send(anon, 'GET', '/api/groups/no-such-group')).statusCode).toBe(404);
  });

  it('pages the directory with a cursor', async () => {
    const fac = await makeActor(t, 'facilitator');
    for (const n of ['Paging Alpha', 'Paging Beta', 'Paging Gamma']) await createGroup(fac, { name: n });
    const first = (await t.app.inject('/api/groups?q=paging&limit=2')).json<{
      groups: { name: string }[];
      next_cursor: string;
    }>();
    expect(first.groups.map((g) => g.name)).toEqual(['Paging Alpha', 'Paging Beta']);
    const second = (await t.app.inject(`/api/groups?q=paging&limit=2&cursor=${first.next_cursor}`)).json<{
      groups: { name: string }[];
      next_cursor: string | null;
    }>();
    expect(second).toEqual({ groups: [expect.objectContaining({ name: 'Paging Gamma' })], next_cursor: null });
  });

  it('refuses creation without a grant (403) and without a second factor, and audits a creation', async () => {
    const plain = await makeActor(t, 'member');
    const refused = await send(plain, 'POST', '/api/groups', groupBody());
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('forbidden');

    // A facilitator grant but a session without a second factor.
    const noMfa = new SessionClient(t.app);
    await noMfa.signUp('grant-no-mfa');
    const id = (await noMfa.get('/api/account')).json<{ id: number }>().id;
    await insertGrant(t.database.db, id, 'facilitator', 'group-x', t.clock.now.toISOString());
    const second = await noMfa.request({ method: 'POST', url: '/api/groups', payload: groupBody() });
    expect(second.statusCode).toBe(403);
    expect(second.json<{ error: { code: string } }>().error.code).toBe('second_factor_required');
    expect(await t.database.db.selectFrom('support_groups').select('id').where('created_by', '=', id).execute()).toEqual([]);

    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Audited Start', open_room_slow_mode_seconds: 30 });
    const row = await t.database.db.selectFrom('support_groups').selectAll().where('slug', '=', g.slug).executeTakeFirstOrThrow();
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'group.created')
      .where('target_id', '=', String(row.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(fac.accountId);
    const room = await t.database.db.selectFrom('rooms').selectAll().where('id', '=', g.openRoomId).executeTakeFirstOrThrow();
    expect(room).toMatchObject({ group_id: row.id, kind: 'open', status: 'open', slow_mode_seconds: 30 });
    const place = await t.database.db.selectFrom('group_members').selectAll().where('group_id', '=', row.id).execute();
    expect(place).toEqual([
      expect.objectContaining({ account_id: fac.accountId, role: 'facilitator', status: 'active', conduct_version: 1 }),
    ]);
  });

  it('makes unique, readable slugs, also from names in other scripts', async () => {
    const fac = await makeActor(t, 'facilitator');
    const a = await createGroup(fac, { name: 'Café Recovery' });
    const b = await createGroup(fac, { name: 'Café  Recovery!' });
    expect([a.slug, b.slug]).toEqual(['cafe-recovery', 'cafe-recovery-2']);
    const c = await createGroup(fac, { name: 'Группа поддержки' });
    expect(c.slug).toBe('группа-поддержки');
    expect((await t.app.inject(`/api/groups/${encodeURIComponent(c.slug)}`)).statusCode).toBe(200);
    const d = await createGroup(fac, { name: '!!! ???' });
    expect(d.slug).toMatch(/^group(-\d+)?$/);
    // "/groups/new" is the web app's page for starting a group: a group called "New" must not hide behind it.
    expect((await createGroup(fac, { name: 'New' })).slug).toBe('new-2');
  });

  it('refuses bad fields with 400 and stores nothing', async () => {
    const fac = await makeActor(t, 'facilitator');
    const before = await t.database.db.selectFrom('support_groups').select('id').execute();
    for (const bad of [
      { approach: 'vibes' },
      { visibility: 'secret' },
      { chat_retention_days: 0 },
      { chat_retention_days: 366 },
      { types: ['NOT-A-CODE'] },
      { time_zone: 'Mars/Olympus' },
      { language: 'english please' },
      { open_room_slow_mode_seconds: 5 },
      { open_room_slow_mode_seconds: 3601 },
      { name: 'x'.repeat(101) },
      { description: 'y'.repeat(4001) },
    ]) {
      const res = await send(fac, 'POST', '/api/groups', groupBody(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await t.database.db.selectFrom('support_groups').select('id').execute()).toEqual(before);
  });

  it('edits a group: a new code of conduct raises its version; archiving hides it from the directory', async () => {
    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Editable Grove', chat_retention_days: 7 });
    const member = await makeActor(t, 'member');
    await joinGroup(member, g.slug);
    expect((await send(member, 'PATCH', `/api/groups/${g.slug}`, { description: 'mine now' })).statusCode).toBe(403);

    const edited = await send(fac, 'PATCH', `/api/groups/${g.slug}`, {
      code_of_conduct: 'Be kind. Be brief.',
      chat_retention_days: null,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ conduct_version: 2, retention: { kind: 'delete_at_end' } });
    expect((await send(member, 'GET', `/api/groups/${g.slug}`)).json<{ you: unknown }>().you).toMatchObject({
      conduct_current: false,
    });

    expect((await send(fac, 'PATCH', `/api/groups/${g.slug}`, { archived: true })).json()).toMatchObject({ archived: true });
    expect((await t.app.inject('/api/groups?q=editable')).json<{ groups: unknown[] }>().groups).toEqual([]);
    expect((await t.app.inject(`/api/groups/${g.slug}`)).statusCode).toBe(200);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('actor_id', '=', fac.accountId!)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['group.updated', 'group.archived']));
    expect(actions.map((a) => a.detail).join()).not.toContain('Be kind');
  });
});
