import type { AccountsApp } from './accounts-app.js';
import { makeActor, uniqueHandle, type ActorClient } from './actors.js';
import { createGroup, groupBody, joinGroup } from './groups.js';
import { json, type Ctx, type Entry } from './route-catalog.js';

/** The online group the catalogue's group routes act on (issue 7). */
export interface GroupCtx {
  id: number;
  slug: string;
  openRoomId: number;
  /** A thread started by `member`. */
  threadId: number;
  /** A reply in it by `facilitator`. */
  postId: number;
  /** Someone outside every test actor, for blocking. */
  blockTarget: string;
}

/** `facilitator` creates the group through the API; `member` joins it as an active member and starts a thread. */
export async function buildGroupContext(
  t: AccountsApp,
  actors: { facilitator: ActorClient; member: ActorClient },
): Promise<GroupCtx> {
  const g = await createGroup(actors.facilitator, { name: 'Matrix Harbour' });
  await joinGroup(actors.member, g.slug);
  const row = await t.database.db.selectFrom('support_groups').select('id').where('slug', '=', g.slug).executeTakeFirstOrThrow();
  const thread = await actors.member.request(
    json('POST', `/api/groups/${g.slug}/threads`, { title: 'Hello', body: 'First words' }),
  );
  const threadId = thread.json<{ post: { id: number } }>().post.id;
  const reply = await actors.facilitator.request(json('POST', `/api/threads/${threadId}/replies`, { body: 'Welcome.' }));
  const target = await makeActor(t, 'member');
  return {
    id: row.id,
    slug: g.slug,
    openRoomId: g.openRoomId,
    threadId,
    postId: reply.json<{ id: number }>().id,
    blockTarget: target.handle!,
  };
}

/** A post stored directly (by `authorId`, or a former member), in the context's group: a reply, or a thread. */
async function storePost(c: Ctx, authorId: number | undefined, parentId: number | null): Promise<number> {
  const now = c.t.clock.now.toISOString();
  const row = await c.t.database.db
    .insertInto('thread_posts')
    .values({
      group_id: c.group.id,
      parent_id: parentId,
      author_id: authorId ?? null,
      title: parentId === null ? 'Stored thread' : null,
      body: 'Stored words',
      created_at: now,
      last_activity_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new person with a place in the context's group, for the facilitator's member routes. */
async function newcomer(c: Ctx, status: 'active' | 'pending'): Promise<string> {
  const who = await makeActor(c.t, 'member');
  const now = c.t.clock.now.toISOString();
  await c.t.database.db
    .insertInto('group_members')
    .values({
      group_id: c.group.id,
      account_id: who.accountId!,
      role: 'member',
      status,
      conduct_version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return who.handle!;
}

const slugUrl = (c: Ctx, rest = '') => `/api/groups/${c.group.slug}${rest}`;

export const GROUP_ROUTES: Record<string, Entry> = {
  'GET /api/groups': { rule: 'public', ok: 200, request: () => json('GET', '/api/groups?q=harbour&limit=5') },
  'POST /api/groups': {
    rule: 'group_creator',
    ok: 201,
    request: () => json('POST', '/api/groups', groupBody({ name: uniqueHandle('Matrix group') })),
  },
  'GET /api/groups/{slug}': { rule: 'public', ok: 200, request: (c) => json('GET', slugUrl(c)) },
  'PATCH /api/groups/{slug}': {
    rule: 'group_facilitator',
    ok: 200,
    request: (c) => json('PATCH', slugUrl(c), { description: 'A calm group, edited.' }),
  },
  'POST /api/groups/{slug}/membership': {
    rule: 'signed_in',
    ok: 200,
    // Joining makes the asker one of the group's people: fresh people, so the shared ones keep their places.
    fresh: true,
    request: (c) => json('POST', slugUrl(c, '/membership'), { as: 'member', conduct_version: 1 }),
  },
  'DELETE /api/groups/{slug}/membership': {
    rule: 'signed_in',
    ok: 200,
    fresh: true,
    request: async (c, actor) => {
      await actor.request(json('POST', slugUrl(c, '/membership'), { as: 'member', conduct_version: 1 }));
      return json('DELETE', slugUrl(c, '/membership'));
    },
  },
  'GET /api/groups/{slug}/members': { rule: 'group_facilitator', ok: 200, request: (c) => json('GET', slugUrl(c, '/members')) },
  'PATCH /api/groups/{slug}/members/{handle}': {
    rule: 'group_facilitator',
    ok: 200,
    request: async (c) => json('PATCH', slugUrl(c, `/members/${await newcomer(c, 'pending')}`), { status: 'active' }),
  },
  'DELETE /api/groups/{slug}/members/{handle}': {
    rule: 'group_facilitator',
    ok: 200,
    request: async (c) => json('DELETE', slugUrl(c, `/members/${await newcomer(c, 'active')}`)),
  },
  'GET /api/groups/{slug}/threads': {
    rule: 'group_reader',
    ok: 200,
    request: (c) => json('GET', slugUrl(c, '/threads?limit=5')),
  },
  'POST /api/groups/{slug}/threads': {
    rule: 'group_member',
    ok: 201,
    request: (c) => json('POST', slugUrl(c, '/threads'), { title: 'Checking in', body: 'A good day today.' }),
  },
  'GET /api/threads/{id}': {
    rule: 'group_reader',
    ok: 200,
    request: (c) => json('GET', `/api/threads/${c.group.threadId}?limit=5`),
  },
  'POST /api/threads/{id}/replies': {
    rule: 'group_member',
    ok: 201,
    request: (c) => json('POST', `/api/threads/${c.group.threadId}/replies`, { body: 'With you.' }),
  },
  'GET /api/groups/{slug}/strategies': { rule: 'group_reader', ok: 200, request: (c) => json('GET', slugUrl(c, '/strategies')) },
  // The author only: a post of `member`'s; everyone else is answered as if it did not exist.
  'PATCH /api/posts/{id}': {
    rule: 'owner',
    ok: 200,
    request: async (c) =>
      json('PATCH', `/api/posts/${await storePost(c, c.actors.member.accountId, c.group.threadId)}`, { body: 'Edited.' }),
  },
  'DELETE /api/posts/{id}': {
    rule: 'owner',
    ok: 200,
    request: async (c) => json('DELETE', `/api/posts/${await storePost(c, c.actors.member.accountId, c.group.threadId)}`),
  },
  'POST /api/posts/{id}/hide': {
    rule: 'group_facilitator',
    ok: 200,
    request: async (c) => json('POST', `/api/posts/${await storePost(c, c.actors.member.accountId, c.group.threadId)}/hide`),
  },
  'POST /api/posts/{id}/unhide': {
    rule: 'group_facilitator',
    ok: 200,
    request: async (c) => json('POST', `/api/posts/${await storePost(c, c.actors.member.accountId, c.group.threadId)}/unhide`),
  },
  'PUT /api/posts/{id}/reactions/{kind}': {
    rule: 'group_member',
    ok: 200,
    request: (c) => json('PUT', `/api/posts/${c.group.postId}/reactions/with_you`),
  },
  'DELETE /api/posts/{id}/reactions/{kind}': {
    rule: 'group_member',
    ok: 200,
    request: (c) => json('DELETE', `/api/posts/${c.group.postId}/reactions/strength`),
  },
  // The thread's author or a facilitator: each asker gets a thread of their own with a reply in it.
  'PUT /api/posts/{id}/helpful': {
    rule: 'group_reader',
    ok: 200,
    request: async (c, actor) => {
      const thread = await storePost(c, actor.accountId, null);
      return json('PUT', `/api/posts/${await storePost(c, c.actors.facilitator.accountId, thread)}/helpful`);
    },
  },
  'DELETE /api/posts/{id}/helpful': {
    rule: 'group_reader',
    ok: 200,
    request: async (c, actor) => {
      const thread = await storePost(c, actor.accountId, null);
      return json('DELETE', `/api/posts/${await storePost(c, c.actors.facilitator.accountId, thread)}/helpful`);
    },
  },
  'POST /api/reports': {
    rule: 'group_reader',
    ok: 201,
    request: (c) => json('POST', '/api/reports', { post_id: c.group.postId, reason: 'other', note: 'Checking.' }),
  },
  'GET /api/groups/{slug}/reports': { rule: 'group_facilitator', ok: 200, request: (c) => json('GET', slugUrl(c, '/reports')) },
  'GET /api/reports': { rule: 'moderation', ok: 200, request: () => json('GET', '/api/reports') },
  'GET /api/account/blocks': { rule: 'signed_in', ok: 200, request: () => json('GET', '/api/account/blocks') },
  'PUT /api/account/blocks/{handle}': {
    rule: 'signed_in',
    ok: 200,
    request: (c) => json('PUT', `/api/account/blocks/${c.group.blockTarget}`),
  },
  'DELETE /api/account/blocks/{handle}': {
    rule: 'signed_in',
    ok: 200,
    request: (c) => json('DELETE', `/api/account/blocks/${c.group.blockTarget}`),
  },
};
