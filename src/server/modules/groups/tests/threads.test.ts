import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { makeActor, type ActorClient } from '../../../../../test/helpers/actors.js';
import { createGroup, joinGroup, send, type TestGroup } from '../../../../../test/helpers/groups.js';
import type { Post } from '../../../../shared/schemas/group-threads.js';

interface ThreadBody {
  post: Post;
  replies: Post[];
  next_cursor: string | null;
}

const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '<svg onload=alert(1)>'];

describe.each(dialectCases())('groups: threads, reactions, strategies and blocks on $name', (kind) => {
  let t: AccountsApp;
  let fac: ActorClient;
  let ana: ActorClient;
  let ben: ActorClient;
  let g: TestGroup;
  beforeAll(async () => {
    t = await startAccountsApp(kind);
    fac = await makeActor(t, 'facilitator');
    ana = await makeActor(t, 'member');
    ben = await makeActor(t, 'member');
    g = await createGroup(fac, { name: 'Thread Garden' });
    await joinGroup(ana, g.slug);
    await joinGroup(ben, g.slug);
  }, 60_000);
  afterAll(() => t.close());

  const start = async (who: ActorClient, title: string, body = 'Some words.') => {
    const res = await send(who, 'POST', `/api/groups/${g.slug}/threads`, { title, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ThreadBody>().post;
  };
  const replyTo = async (who: ActorClient, threadId: number, body: string) => {
    const res = await send(who, 'POST', `/api/threads/${threadId}/replies`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Post>();
  };
  const view = async (who: ActorClient, id: number, query = '') =>
    (await send(who, 'GET', `/api/threads/${id}${query}`)).json<ThreadBody>();

  it('starts threads and replies, newest activity first, replies in order and paged', async () => {
    const first = await start(ana, 'Cravings at night');
    t.clock.advance(1000);
    const second = await start(ben, 'Weekend plans');
    // A reply later moves the first thread back to the top.
    t.clock.advance(1000);
    await replyTo(ben, first.id, 'Tea and a walk help me.');
    await replyTo(fac, first.id, 'Call someone before it gets loud.');
    await replyTo(ana, first.id, 'Thank you both.');
    const list = (await send(ana, 'GET', `/api/groups/${g.slug}/threads`)).json<{
      threads: { id: number; reply_count: number; author: string }[];
    }>();
    expect(list.threads.slice(0, 2).map((x) => x.id)).toEqual([first.id, second.id]);
    expect(list.threads[0]).toMatchObject({ reply_count: 3, author: ana.handle });

    const page1 = await view(ben, first.id, '?limit=2');
    expect(page1.post).toMatchObject({ title: 'Cravings at night', author: ana.handle, mine: false });
    expect(page1.replies.map((r) => r.body)).toEqual(['Tea and a walk help me.', 'Call someone before it gets loud.']);
    expect(page1.replies[0]!.mine).toBe(true);
    const page2 = await view(ben, first.id, `?limit=2&cursor=${page1.next_cursor}`);
    expect(page2.replies.map((r) => r.body)).toEqual(['Thank you both.']);
    expect(page2.next_cursor).toBeNull();

    // Outsiders read nothing; a reply id is not a thread.
    expect((await send(await makeActor(t, 'member'), 'GET', `/api/threads/${first.id}`)).statusCode).toBe(403);
    expect((await send(await makeActor(t, 'anonymous'), 'GET', `/api/groups/${g.slug}/threads`)).statusCode).toBe(401);
    expect((await send(ana, 'GET', `/api/threads/${page1.replies[0]!.id}`)).statusCode).toBe(404);
  });

  it('lets authors edit and delete their posts, leaving a placeholder; others get 404', async () => {
    const thread = await start(ana, 'Editable');
    const r = await replyTo(ben, thread.id, 'Original words');
    expect((await send(ana, 'PATCH', `/api/posts/${r.id}`, { body: 'Not mine' })).statusCode).toBe(404);
    const edited = await send(ben, 'PATCH', `/api/posts/${r.id}`, { body: 'Better words' });
    expect(edited.json()).toMatchObject({ body: 'Better words', edited: true });
    expect((await send(ben, 'PATCH', `/api/posts/${r.id}`, { title: 'x', body: 'y' })).statusCode).toBe(400);
    expect((await send(ana, 'PATCH', `/api/posts/${thread.id}`, { title: 'Edited title', body: 'b' })).json()).toMatchObject({
      title: 'Edited title',
    });
    await replyTo(ana, thread.id, 'After it');
    expect((await send(ana, 'DELETE', `/api/posts/${r.id}`)).statusCode).toBe(404);
    expect((await send(ben, 'DELETE', `/api/posts/${r.id}`)).statusCode).toBe(200);
    const after = await view(ana, thread.id);
    expect(after.replies.map((x) => [x.deleted, x.body])).toEqual([
      [true, null],
      [false, 'After it'],
    ]);
    const row = await t.database.db.selectFrom('thread_posts').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect([row.title, row.body, row.deleted_at !== null]).toEqual([null, null, true]);
  });

  it('hides a post pending review: text only for facilitators and moderators; audited', async () => {
    const thread = await start(ana, 'Hide me');
    const r = await replyTo(ben, thread.id, 'Something hurtful');
    expect((await send(ana, 'POST', `/api/posts/${r.id}/hide`)).statusCode).toBe(403);
    expect((await send(fac, 'POST', `/api/posts/${r.id}/hide`)).json()).toMatchObject({
      hidden: true,
      body: 'Something hurtful',
    });
    expect((await view(ana, thread.id)).replies[0]).toMatchObject({ hidden: true, body: null });
    expect((await view(await makeActor(t, 'moderator'), thread.id)).replies[0]).toMatchObject({ body: 'Something hurtful' });
    expect((await send(fac, 'POST', `/api/posts/${r.id}/unhide`)).json()).toMatchObject({ hidden: false });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', String(r.id)).execute();
    expect(audit.map((a) => [a.action, a.target_account_id])).toEqual([
      ['post.hidden', ben.accountId],
      ['post.unhidden', ben.accountId],
    ]);
    expect(JSON.stringify(audit)).not.toContain('hurtful');
  });

  it('counts support reactions per kind with mine, and collects helpful replies as strategies', async () => {
    const thread = await start(ana, 'What helps on day one?');
    const tip = await replyTo(ben, thread.id, 'Drink water, eat something, sleep.');
    for (const who of [ana, fac])
      expect((await send(who, 'PUT', `/api/posts/${tip.id}/reactions/with_you`)).statusCode).toBe(200);
    await send(ana, 'PUT', `/api/posts/${tip.id}/reactions/with_you`);
    await send(ana, 'PUT', `/api/posts/${tip.id}/reactions/heart`);
    expect((await send(ana, 'PUT', `/api/posts/${tip.id}/reactions/hug`)).statusCode).toBe(400);
    let seen = (await view(ana, thread.id)).replies[0]!;
    expect(seen.reactions).toEqual({ counts: { with_you: 2, strength: 0, heart: 1 }, mine: ['with_you', 'heart'] });
    await send(ana, 'DELETE', `/api/posts/${tip.id}/reactions/heart`);
    seen = (await view(ben, thread.id)).replies[0]!;
    expect(seen.reactions).toEqual({ counts: { with_you: 2, strength: 0, heart: 0 }, mine: [] });
    // The thread list shows the opening post's totals (the web's list: "reaction totals").
    await send(ben, 'PUT', `/api/posts/${thread.id}/reactions/strength`);
    const listed = (await send(ana, 'GET', `/api/groups/${g.slug}/threads`)).json<{
      threads: { id: number; reactions: Record<string, number> }[];
    }>();
    expect(listed.threads.find((x) => x.id === thread.id)?.reactions).toEqual({ with_you: 0, strength: 1, heart: 0 });

    // Only the thread's author or a facilitator marks a reply helpful; opening posts are not marked.
    expect((await send(ben, 'PUT', `/api/posts/${tip.id}/helpful`)).statusCode).toBe(403);
    expect((await send(ana, 'PUT', `/api/posts/${thread.id}/helpful`)).statusCode).toBe(400);
    expect((await send(ana, 'PUT', `/api/posts/${tip.id}/helpful`)).json()).toMatchObject({ helpful: true });
    const other = await start(ben, 'Sleep');
    const tip2 = await replyTo(ana, other.id, 'A fixed bedtime.');
    expect((await send(fac, 'PUT', `/api/posts/${tip2.id}/helpful`)).statusCode).toBe(200);
    const strategies = (await send(ben, 'GET', `/api/groups/${g.slug}/strategies`)).json<{
      strategies: (Post & { thread_title: string })[];
    }>();
    expect(strategies.strategies.map((s) => [s.body, s.thread_title])).toEqual([
      ['A fixed bedtime.', 'Sleep'],
      ['Drink water, eat something, sleep.', 'What helps on day one?'],
    ]);
    await send(fac, 'DELETE', `/api/posts/${tip2.id}/helpful`);
    expect(
      (await send(ben, 'GET', `/api/groups/${g.slug}/strategies`)).json<{ strategies: unknown[] }>().strategies,
    ).toHaveLength(1);
  });

  it('hides the posts of people I blocked: their threads leave my list, their replies become placeholders', async () => {
    const cal = await makeActor(t, 'member');
    await joinGroup(cal, g.slug);
    const theirs = await start(cal, 'By cal');
    const mine = await start(ana, 'By ana, replied to by cal');
    const r = await replyTo(cal, mine.id, 'Cal says hi');
    await send(cal, 'PUT', `/api/posts/${r.id}/reactions/strength`);

    expect((await send(ana, 'PUT', `/api/account/blocks/${ana.handle}`)).statusCode).toBe(400);
    expect((await send(ana, 'PUT', `/api/account/blocks/no-such-person`)).statusCode).toBe(404);
    const blocked = await send(ana, 'PUT', `/api/account/blocks/${cal.handle!.toUpperCase()}`);
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json<{ blocked: { handle: string }[] }>().blocked.map((b) => b.handle)).toEqual([cal.handle]);
    expect((await send(ana, 'GET', '/api/account/blocks')).json<{ blocked: unknown[] }>().blocked).toHaveLength(1);

    const list = (await send(ana, 'GET', `/api/groups/${g.slug}/threads?limit=100`)).json<{ threads: { id: number }[] }>();
    expect(list.threads.map((x) => x.id)).not.toContain(theirs.id);
    const seen = await view(ana, mine.id);
    expect(seen.replies).toEqual([
      expect.objectContaining({
        id: r.id,
        blocked: true,
        author: null,
        body: null,
        reactions: { counts: { with_you: 0, strength: 0, heart: 0 }, mine: [] },
      }),
    ]);
    expect(JSON.stringify(seen)).not.toContain('Cal says hi');
    expect(JSON.stringify(seen)).not.toContain(cal.handle);
    // Others still see them; the blocked member is not told.
    expect((await view(ben, mine.id)).replies[0]).toMatchObject({ author: cal.handle, body: 'Cal says hi', blocked: false });

    expect((await send(ana, 'DELETE', `/api/account/blocks/${cal.handle}`)).json()).toEqual({ blocked: [] });
    expect((await view(ana, mine.id)).replies[0]).toMatchObject({ body: 'Cal says hi' });
  });

  it('stores hostile strings verbatim and returns them as JSON text; refuses oversized bodies, storing nothing', async () => {
    for (const evil of XSS) {
      const res = await send(ana, 'POST', `/api/groups/${g.slug}/threads`, { title: evil, body: `${evil} body` });
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const got = res.json<ThreadBody>().post;
      expect([got.title, got.body]).toEqual([evil, `${evil} body`]);
      const row = await t.database.db
        .selectFrom('thread_posts')
        .select(['title', 'body'])
        .where('id', '=', got.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ title: evil, body: `${evil} body` });
    }
    const count = async () => (await t.database.db.selectFrom('thread_posts').select('id').execute()).length;
    const before = await count();
    const thread = await start(ana, 'Limits');
    for (const [url, payload] of [
      [`/api/groups/${g.slug}/threads`, { title: 'ok', body: 'x'.repeat(4001) }],
      [`/api/groups/${g.slug}/threads`, { title: 't'.repeat(141), body: 'ok' }],
      [`/api/groups/${g.slug}/threads`, { title: '   ', body: 'ok' }],
      [`/api/threads/${thread.id}/replies`, { body: '𝕂'.repeat(4001) }],
      [`/api/threads/${thread.id}/replies`, { body: '' }],
    ] as const) {
      expect((await send(ana, 'POST', url, payload)).statusCode, url).toBe(400);
    }
    expect(await count()).toBe(before + 1);
    expect((await send(ana, 'POST', `/api/threads/${thread.id}/replies`, { body: '𝕂'.repeat(4000) })).statusCode).toBe(201);
  });
});
