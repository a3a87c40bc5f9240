import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { makeActor } from '../../../../../test/helpers/actors.js';
import { createGroup, joinGroup, send } from '../../../../../test/helpers/groups.js';
import { roomChannel } from '../chat/room-channel.js';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { Bus } from '../../../bus/index.js';

const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string; message: string } }>().error;

describe.each(dialectCases())('groups: membership on $name', (kind) => {
  let t: AccountsApp;
  let bus: Bus;
  beforeAll(async () => {
    bus = createMemoryBus();
    t = await startAccountsApp(kind, {}, { bus });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await bus.close();
  });

  it('lets members into a public group at once, and records a request in an approval group', async () => {
    const fac = await makeActor(t, 'facilitator');
    const open = await createGroup(fac, { name: 'Open Door' });
    const closed = await createGroup(fac, { name: 'Closed Door', visibility: 'approval' });
    const m = await makeActor(t, 'member');
    expect(await joinGroup(m, open.slug)).toMatchObject({ role: 'member', status: 'active' });
    expect(await joinGroup(m, closed.slug)).toMatchObject({ role: 'member', status: 'pending' });
    // A pending request reads nothing yet.
    expect((await send(m, 'GET', `/api/groups/${closed.slug}/threads`)).statusCode).toBe(403);
    expect((await send(m, 'GET', `/api/groups/${open.slug}/threads`)).statusCode).toBe(200);
    expect(
      (
        await send(await makeActor(t, 'anonymous'), 'POST', `/api/groups/${open.slug}/membership`, {
          as: 'member',
          conduct_version: 1,
        })
      ).statusCode,
    ).toBe(401);
  });

  it('refuses a stale code of conduct version, and records the new one when accepted again', async () => {
    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Conduct Check' });
    const m = await makeActor(t, 'member');
    await joinGroup(m, g.slug);
    await send(fac, 'PATCH', `/api/groups/${g.slug}`, { code_of_conduct: 'New rules: be gentle.' });
    const late = await makeActor(t, 'member');
    const stale = await send(late, 'POST', `/api/groups/${g.slug}/membership`, { as: 'member', conduct_version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(code(stale).code).toBe('conduct_not_accepted');
    expect(code(stale).message).toMatch(/version 2 is current/);
    expect(
      await t.database.db.selectFrom('group_members').select('id').where('account_id', '=', late.accountId!).execute(),
    ).toEqual([]);

    // The member who accepted version 1 may not post until they accept version 2.
    const refused = await send(m, 'POST', `/api/groups/${g.slug}/threads`, { title: 'Hello', body: 'First time here.' });
    expect(refused.statusCode).toBe(409);
    expect(code(refused).code).toBe('conduct_not_accepted');
    expect((await send(m, 'POST', `/api/groups/${g.slug}/membership`, { as: 'member', conduct_version: 2 })).statusCode).toBe(
      200,
    );
    expect(
      (await send(m, 'POST', `/api/groups/${g.slug}/threads`, { title: 'Hello', body: 'First time here.' })).statusCode,
    ).toBe(201);
  });

  it('keeps observers from posting, while they read', async () => {
    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Quiet Listeners' });
    const thread = (await send(fac, 'POST', `/api/groups/${g.slug}/threads`, { title: 'Welcome', body: 'Say hello.' })).json<{
      post: { id: number };
    }>();
    const o = await makeActor(t, 'member');
    expect(await joinGroup(o, g.slug, 'observer')).toMatchObject({ role: 'observer', status: 'active' });
    expect((await send(o, 'GET', `/api/threads/${thread.post.id}`)).statusCode).toBe(200);
    expect((await send(o, 'POST', `/api/groups/${g.slug}/threads`, { title: 'Hi', body: 'Can I?' })).statusCode).toBe(403);
    expect((await send(o, 'POST', `/api/threads/${thread.post.id}/replies`, { body: 'Can I?' })).statusCode).toBe(403);
    expect((await send(o, 'PUT', `/api/posts/${thread.post.id}/reactions/heart`)).statusCode).toBe(403);
  });

  it('lets facilitators approve, change roles and remove, protecting the last facilitator; all audited', async () => {
    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Approval Needed', visibility: 'approval' });
    const a = await makeActor(t, 'member');
    const b = await makeActor(t, 'member');
    await joinGroup(a, g.slug);
    await joinGroup(b, g.slug);

    expect((await send(a, 'GET', `/api/groups/${g.slug}/members`)).statusCode).toBe(403);
    const list = (await send(fac, 'GET', `/api/groups/${g.slug}/members`)).json<{
      members: { handle: string; status: string }[];
    }>();
    expect(list.members.map((x) => x.status)).toEqual(['pending', 'pending', 'active']);

    const approved = await send(fac, 'PATCH', `/api/groups/${g.slug}/members/${a.handle}`, { status: 'active' });
    expect(approved.statusCode).toBe(200);
    expect((await send(a, 'GET', `/api/groups/${g.slug}`)).json<{ you: unknown }>().you).toMatchObject({ status: 'active' });

    // The only facilitator cannot step down, leave or be removed.
    const demote = await send(fac, 'PATCH', `/api/groups/${g.slug}/members/${fac.handle}`, { role: 'member' });
    expect(demote.statusCode).toBe(409);
    expect((await send(fac, 'DELETE', `/api/groups/${g.slug}/membership`)).statusCode).toBe(409);
    expect((await send(fac, 'DELETE', `/api/groups/${g.slug}/members/${fac.handle}`)).statusCode).toBe(409);
    // With a second facilitator, the first may step down.
    expect((await send(fac, 'PATCH', `/api/groups/${g.slug}/members/${a.handle}`, { role: 'facilitator' })).statusCode).toBe(200);
    expect((await send(fac, 'PATCH', `/api/groups/${g.slug}/members/${fac.handle}`, { role: 'member' })).statusCode).toBe(200);

    // fac is a plain member now; a's session has no second factor; a moderator refuses b's request.
    expect((await send(fac, 'DELETE', `/api/groups/${g.slug}/members/nobody-here`)).statusCode).toBe(403);
    const aSession = a; // a is now a facilitator but has no second factor
    expect(
      (await send(aSession, 'DELETE', `/api/groups/${g.slug}/members/${b.handle}`)).json<{ error: { code: string } }>().error
        .code,
    ).toBe('second_factor_required');
    const mod = await makeActor(t, 'moderator');
    expect((await send(mod, 'DELETE', `/api/groups/${g.slug}/members/nobody-here`)).statusCode).toBe(404);
    expect((await send(mod, 'DELETE', `/api/groups/${g.slug}/members/${b.handle}`)).statusCode).toBe(200);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_account_id', 'detail'])
      .where(
        'target_id',
        '=',
        String(
          (await t.database.db.selectFrom('support_groups').select('id').where('slug', '=', g.slug).executeTakeFirstOrThrow()).id,
        ),
      )
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'group.member_approved', target_account_id: a.accountId }),
        expect.objectContaining({ action: 'group.member_changed', target_account_id: fac.accountId }),
        expect.objectContaining({ action: 'group.request_refused', target_account_id: b.accountId }),
      ]),
    );
    for (const row of audit) expect(row.detail).not.toMatch(/member-|facilitator-/);
  });

  it('tells the open rooms when someone is removed, after the commit, and lets members leave', async () => {
    const fac = await makeActor(t, 'facilitator');
    const g = await createGroup(fac, { name: 'Removal Room' });
    const m = await makeActor(t, 'member');
    await joinGroup(m, g.slug);
    const heard: unknown[] = [];
    const unsubscribe = await bus.subscribe(roomChannel(g.openRoomId), (msg) => heard.push(msg));
    expect((await send(fac, 'DELETE', `/api/groups/${g.slug}/members/${m.handle}`)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual([{ k: 'restrict', account_id: m.accountId, kind: 'remove' }]);
    await unsubscribe();
    expect((await send(m, 'GET', `/api/groups/${g.slug}/threads`)).statusCode).toBe(403);

    const leaver = await makeActor(t, 'member');
    await joinGroup(leaver, g.slug);
    expect((await send(leaver, 'DELETE', `/api/groups/${g.slug}/membership`)).statusCode).toBe(200);
    expect((await send(leaver, 'DELETE', `/api/groups/${g.slug}/membership`)).statusCode).toBe(404);
    expect((await send(leaver, 'GET', `/api/groups/${g.slug}`)).json<{ you: unknown }>().you).toBeNull();
  });
});
