import { withWriteTransaction } from '../../db/index.js';
import { badRequest, conflict, forbidden, notFound } from '../../errors.js';
import type { Actor, MemberActor } from '../../security/actor.js';
import { authorize, isAllowed } from '../../security/policy.js';
import type { ReactionKind } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import { groupResource } from './access.js';
import type { GroupDeps } from './group-service.js';
import { presentPosts, type Reader } from './post-presenter.js';
import { blockedBy } from './repository/blocks.js';
import type { GroupRow } from './repository/groups.js';
import {
  bumpThread,
  deleteReaction,
  findPost,
  insertPost,
  listReplies,
  listStrategies,
  listThreads,
  putReaction,
  reactionsFor,
  updatePost,
  type PostRow,
} from './repository/threads.js';

export interface Page {
  offset: number;
  limit: number;
}

/** Who reads, for the presenter: their blocks, and whether they see hidden posts' text (facilitators, moderators). */
export async function readerOf(deps: GroupDeps, actor: Actor, groupId: number): Promise<Reader> {
  const db = deps.database.db;
  if (actor.kind !== 'member') return { accountId: undefined, blocked: new Set(), seesHidden: false };
  return {
    accountId: actor.accountId,
    blocked: await blockedBy(db, actor.accountId),
    seesHidden: isAllowed(actor, 'group.facilitate', await groupResource(db, actor, groupId)),
  };
}

const nextCursor = (rows: unknown[], page: Page) => (rows.length > page.limit ? String(page.offset + page.limit) : null);

/** A group's threads, latest activity first; threads started by someone the reader blocked are left out. */
export async function threadList(deps: GroupDeps, actor: Actor, group: GroupRow, page: Page) {
  const reader = await readerOf(deps, actor, group.id);
  const rows = await listThreads(deps.database.db, group.id, [...reader.blocked], page.offset, page.limit);
  const shown = rows.slice(0, page.limit);
  const { counts } = await reactionsFor(
    deps.database.db,
    shown.map((r) => r.id),
    undefined,
  );
  const totals = (id: number) => {
    const t = { with_you: 0, strength: 0, heart: 0 };
    for (const c of counts) if (c.post_id === id) t[c.kind] = Number(c.n);
    return t;
  };
  return {
    threads: shown.map((r) => {
      const textShown = r.deleted_at === null && (r.hidden_at === null || reader.seesHidden);
      return {
        id: r.id,
        title: textShown ? r.title : null,
        author: r.handle,
        reply_count: r.reply_count,
        created_at: r.created_at,
        last_activity_at: r.last_activity_at,
        deleted: r.deleted_at !== null,
        hidden: r.hidden_at !== null,
        reactions: totals(r.id),
      };
    }),
    next_cursor: nextCursor(rows, page),
  };
}

/** The opening post and a page of its replies, as the reader sees them. */
export async function threadView(deps: GroupDeps, actor: Actor, group: GroupRow, thread: PostRow, page: Page) {
  const db = deps.database.db;
  const reader = await readerOf(deps, actor, group.id);
  const replies = await listReplies(db, thread.id, page.offset, page.limit);
  const [post, ...shown] = await presentPosts(db, [thread, ...replies.slice(0, page.limit)], reader);
  return { group: { slug: group.slug, name: group.name }, post: post!, replies: shown, next_cursor: nextCursor(replies, page) };
}

/** Starts a thread (the caller checked `assertMayPost`). */
export async function startThread(deps: GroupDeps, actor: MemberActor, group: GroupRow, body: { title: string; body: string }) {
  const now = deps.now().toISOString();
  const id = await insertPost(deps.database.db, {
    group_id: group.id,
    parent_id: null,
    author_id: actor.accountId,
    title: body.title,
    body: body.body,
    created_at: now,
    last_activity_at: now,
  });
  return threadView(deps, actor, group, (await findPost(deps.database.db, id))!, { offset: 0, limit: 1 });
}

/** Replies in a thread (the caller checked `assertMayPost`); a deleted thread takes no replies. */
export async function reply(deps: GroupDeps, actor: MemberActor, group: GroupRow, thread: PostRow, body: string) {
  if (thread.deleted_at !== null) throw conflict('This thread was deleted and takes no replies.');
  const id = await withWriteTransaction(deps.database, async (tx) => {
    const now = deps.now().toISOString();
    const made = await insertPost(tx, {
      group_id: group.id,
      parent_id: thread.id,
      author_id: actor.accountId,
      title: null,
      body,
      created_at: now,
      last_activity_at: now,
    });
    await bumpThread(tx, thread.id, now);
    return made;
  });
  return onePost(deps, actor, group, id);
}

export async function onePost(deps: GroupDeps, actor: Actor, group: GroupRow, id: number) {
  const [post] = await presentPosts(
    deps.database.db,
    [(await findPost(deps.database.db, id))!],
    await readerOf(deps, actor, group.id),
  );
  return post!;
}

/** Only its author edits or deletes a post: someone else's answers as if it did not exist. */
export function authorOnly(actor: Actor, post: PostRow): void {
  if (actor.kind !== 'member') authorize(actor, 'group.read', { group: null });
  if (actor.kind !== 'member' || post.author_id !== actor.accountId) throw notFound('post');
}

/** The author edits their post (the caller checked `assertMayPost`); a title only on an opening post. */
export async function editPost(
  deps: GroupDeps,
  actor: MemberActor,
  group: GroupRow,
  post: PostRow,
  body: { title?: string | undefined; body: string },
) {
  if (post.deleted_at !== null) throw conflict('This post was deleted.');
  if (body.title !== undefined && post.parent_id !== null)
    throw badRequest('Only a thread’s opening post has a title.', [{ field: 'body.title', message: 'replies have no title' }]);
  await updatePost(deps.database.db, post.id, {
    body: body.body,
    ...(body.title !== undefined ? { title: body.title } : {}),
    edited_at: deps.now().toISOString(),
  });
  return onePost(deps, actor, group, post.id);
}

/** The author deletes their post: the text goes, a "deleted" placeholder keeps its place among the replies. */
export async function deletePost(deps: GroupDeps, actor: Actor, post: PostRow): Promise<void> {
  authorOnly(actor, post);
  if (post.deleted_at !== null) return;
  await updatePost(deps.database.db, post.id, { title: null, body: null, deleted_at: deps.now().toISOString() });
}

/** A facilitator or moderator hides (pending moderator review) or shows again a post. Audited. */
export async function setHidden(deps: GroupDeps, actor: Actor, group: GroupRow, post: PostRow, hidden: boolean) {
  await withWriteTransaction(deps.database, async (tx) => {
    await updatePost(tx, post.id, { hidden_at: hidden ? (post.hidden_at ?? deps.now().toISOString()) : null });
    await recordAudit(
      tx,
      actor,
      {
        action: hidden ? 'post.hidden' : 'post.unhidden',
        target: { kind: 'thread_post', id: String(post.id) },
        ...(post.author_id !== null ? { targetAccountId: post.author_id } : {}),
        detail: { group_id: group.id },
      },
      deps.now(),
    );
  });
  return onePost(deps, actor, group, post.id);
}

/** A support reaction, given or taken back (the caller checked `assertMayPost`); deleted posts take none. */
export async function react(
  deps: GroupDeps,
  actor: MemberActor,
  group: GroupRow,
  post: PostRow,
  kind: ReactionKind,
  on: boolean,
) {
  if (on && post.deleted_at !== null) throw conflict('This post was deleted.');
  if (on) await putReaction(deps.database.db, post.id, actor.accountId, kind, deps.now().toISOString());
  else await deleteReaction(deps.database.db, post.id, actor.accountId, kind);
  return onePost(deps, actor, group, post.id);
}

/**
 * Marks a reply as a helpful coping strategy (or unmarks it): the thread's author, while they may post, or a
 * facilitator or moderator. Only replies are marked.
 */
export async function markHelpful(deps: GroupDeps, actor: Actor, group: GroupRow, post: PostRow, helpful: boolean) {
  if (post.parent_id === null) throw badRequest('Only replies can be marked as a helpful coping strategy.');
  const db = deps.database.db;
  const resource = await groupResource(db, actor, group.id);
  const thread = await findPost(db, post.parent_id);
  const byAuthor = actor.kind === 'member' && thread?.author_id === actor.accountId && isAllowed(actor, 'group.post', resource);
  if (!byAuthor && !isAllowed(actor, 'group.facilitate', resource)) throw forbidden();
  if (helpful && post.deleted_at !== null) throw conflict('This post was deleted.');
  await updatePost(db, post.id, { helpful: helpful ? 1 : 0 });
  return onePost(deps, actor, group, post.id);
}

/** The group's collected coping strategies: replies marked helpful, newest first, with their threads' titles. */
export async function strategies(deps: GroupDeps, actor: Actor, group: GroupRow, page: Page) {
  const db = deps.database.db;
  const reader = await readerOf(deps, actor, group.id);
  const rows = await listStrategies(db, group.id, page.offset, page.limit);
  const shown = rows.slice(0, page.limit);
  const posts = await presentPosts(db, shown, reader);
  return {
    strategies: posts.map((p, i) => ({ ...p, thread_title: shown[i]!.thread_title })),
    next_cursor: nextCursor(rows, page),
  };
}
