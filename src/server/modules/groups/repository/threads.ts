import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx, ReactionKind, ThreadPostsTable } from '../../../db/types.js';

export type PostRow = Selectable<ThreadPostsTable> & { handle: string | null };

export async function insertPost(db: DbOrTx, row: Insertable<ThreadPostsTable>): Promise<number> {
  const made = await db.insertInto('thread_posts').values(row).returning('id').executeTakeFirstOrThrow();
  return made.id;
}

const withHandle = (db: DbOrTx) =>
  db.selectFrom('thread_posts as p').leftJoin('accounts as a', 'a.id', 'p.author_id').selectAll('p').select('a.handle');

export function findPost(db: DbOrTx, id: number): Promise<PostRow | undefined> {
  return withHandle(db).where('p.id', '=', id).executeTakeFirst();
}

/** A group's threads (opening posts), latest activity first; threads started by `hiddenAuthors` are left out. */
export function listThreads(
  db: DbOrTx,
  groupId: number,
  hiddenAuthors: number[],
  offset: number,
  limit: number,
): Promise<PostRow[]> {
  let q = withHandle(db).where('p.group_id', '=', groupId).where('p.parent_id', 'is', null);
  if (hiddenAuthors.length > 0)
    q = q.where((eb) => eb.or([eb('p.author_id', 'is', null), eb('p.author_id', 'not in', hiddenAuthors)]));
  return q
    .orderBy('p.last_activity_at', 'desc')
    .orderBy('p.id', 'desc')
    .offset(offset)
    .limit(limit + 1)
    .execute();
}

/** A thread's replies, oldest first. */
export function listReplies(db: DbOrTx, threadId: number, offset: number, limit: number): Promise<PostRow[]> {
  return withHandle(db)
    .where('p.parent_id', '=', threadId)
    .orderBy('p.id')
    .offset(offset)
    .limit(limit + 1)
    .execute();
}

/** The opening post and the replies before `replyId`, the last `count` of them: a report's context. */
export async function postsBefore(db: DbOrTx, threadId: number, replyId: number, count: number): Promise<PostRow[]> {
  const earlier = await withHandle(db)
    .where('p.parent_id', '=', threadId)
    .where('p.id', '<', replyId)
    .orderBy('p.id', 'desc')
    .limit(count)
    .execute();
  const opening = earlier.length < count ? await findPost(db, threadId) : undefined;
  return [...(opening ? [opening] : []), ...earlier.reverse()];
}

/** Replies marked helpful, newest first, with their thread's title. */
export function listStrategies(db: DbOrTx, groupId: number, offset: number, limit: number) {
  return withHandle(db)
    .innerJoin('thread_posts as t', 't.id', 'p.parent_id')
    .select('t.title as thread_title')
    .where('p.group_id', '=', groupId)
    .where('p.helpful', '=', 1)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .offset(offset)
    .limit(limit + 1)
    .execute();
}

export async function updatePost(db: DbOrTx, id: number, patch: Updateable<ThreadPostsTable>): Promise<void> {
  await db.updateTable('thread_posts').set(patch).where('id', '=', id).execute();
}

/** A new reply: the thread counts it and moves to the top of the list. */
export async function bumpThread(db: DbOrTx, threadId: number, now: string): Promise<void> {
  await db
    .updateTable('thread_posts')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1), last_activity_at: now }))
    .where('id', '=', threadId)
    .execute();
}

/** Reaction counts per post and kind, and which of them are `accountId`'s. */
export async function reactionsFor(db: DbOrTx, postIds: number[], accountId: number | undefined) {
  if (postIds.length === 0) return { counts: [], mine: [] };
  const counts = await db
    .selectFrom('thread_reactions')
    .select(['post_id', 'kind', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('post_id', 'in', postIds)
    .groupBy(['post_id', 'kind'])
    .execute();
  const mine =
    accountId === undefined
      ? []
      : await db
          .selectFrom('thread_reactions')
          .select(['post_id', 'kind'])
          .where('post_id', 'in', postIds)
          .where('account_id', '=', accountId)
          .execute();
  return { counts, mine };
}

export async function putReaction(db: DbOrTx, postId: number, accountId: number, kind: ReactionKind, now: string): Promise<void> {
  await db
    .insertInto('thread_reactions')
    .values({ post_id: postId, account_id: accountId, kind, created_at: now })
    .onConflict((oc) => oc.columns(['post_id', 'account_id', 'kind']).doNothing())
    .execute();
}

export async function deleteReaction(db: DbOrTx, postId: number, accountId: number, kind: ReactionKind): Promise<void> {
  await db
    .deleteFrom('thread_reactions')
    .where('post_id', '=', postId)
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .execute();
}
