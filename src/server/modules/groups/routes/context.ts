import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../../deps.js';
import { notFound } from '../../../errors.js';
import type { Actor, MemberActor } from '../../../security/actor.js';
import { authorize, type Action } from '../../../security/policy.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import { groupResource } from '../access.js';
import type { GroupDeps } from '../group-service.js';
import { assertMayPost } from '../posting.js';
import { findGroupById, findGroupBySlug, type GroupRow } from '../repository/groups.js';
import { findPost, type PostRow } from '../repository/threads.js';

export const TAGS = ['groups'];
export const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

export function groupDeps(deps: AppDeps, now: () => Date): GroupDeps {
  return { database: deps.database, bus: deps.bus, now };
}

/** `post` is `assertMayPost` (the policy's group.post and the current code of conduct); else a policy action. */
export type GroupCheck = Action | 'post';

async function check(deps: GroupDeps, actor: Actor, groupId: number, what: GroupCheck): Promise<void> {
  if (what === 'post') await assertMayPost(deps.database.db, actor, groupId);
  else authorize(actor, what, await groupResource(deps.database.db, actor, groupId));
}

/** The group named by its slug (404 when there is none), with the asker allowed to do `what` in it. */
export async function groupFor(
  request: FastifyRequest,
  deps: GroupDeps,
  slug: string,
  what?: GroupCheck,
): Promise<{ actor: Actor; group: GroupRow }> {
  const actor = await request.actor();
  // Signed-out askers are refused before the group is looked up, whether or not it exists.
  if (what !== undefined && actor.kind !== 'member') authorize(actor, 'group.read', { group: null });
  const group = await findGroupBySlug(deps.database.db, slug);
  if (!group) throw notFound('group');
  if (what !== undefined) await check(deps, actor, group.id, what);
  return { actor, group };
}

/** The post (or, with `thread`, the opening post) with its group, the asker allowed to do `what` there. */
export async function postFor(
  request: FastifyRequest,
  deps: GroupDeps,
  id: number,
  what: GroupCheck,
  options: { thread?: boolean } = {},
): Promise<{ actor: Actor; group: GroupRow; post: PostRow }> {
  const actor = await request.actor();
  if (actor.kind !== 'member') authorize(actor, 'group.read', { group: null });
  const post = await findPost(deps.database.db, id);
  if (!post || (options.thread && post.parent_id !== null)) throw notFound(options.thread ? 'thread' : 'post');
  const group = (await findGroupById(deps.database.db, post.group_id))!;
  await check(deps, actor, group.id, what);
  return { actor, group, post };
}

/** The signed-in member (401 for no one, 403 for the operator token). */
export async function memberOf(request: FastifyRequest): Promise<MemberActor> {
  const actor = await request.actor();
  if (actor.kind !== 'member') authorize(actor, 'account.read', {});
  return actor as MemberActor;
}

export const pageOf = (q: { cursor?: string | undefined; limit: number }) => ({ offset: Number(q.cursor ?? 0), limit: q.limit });
