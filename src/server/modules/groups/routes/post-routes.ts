import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import type { MemberActor } from '../../../security/actor.js';
import { okSchema } from '../../../../shared/schemas/accounts.js';
import { editPostSchema, idParamsSchema, postSchema, reactionParamsSchema } from '../../../../shared/schemas/group-threads.js';
import { authorOnly, deletePost, editPost, markHelpful, react, setHidden } from '../thread-service.js';
import { errors, groupDeps, postFor, TAGS as tags } from './context.js';
import { findPost } from '../repository/threads.js';
import { notFound } from '../../../errors.js';

/** One post: its author's edits and deletion, facilitators' hiding, reactions and the "helpful" mark. */
export const postRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svc = groupDeps(deps, fastify.auth.now);
  const response = { 200: postSchema, ...errors };

  app.patch(
    '/api/posts/:id',
    {
      schema: {
        tags,
        summary: 'Edit my post',
        description:
          'Its author only (anyone else gets 404), while they may post in the group. `title` only on a thread’s opening post.',
        params: idParamsSchema,
        body: editPostSchema,
        response,
      },
    },
    async (request) => {
      const actor = await request.actor();
      const post = await findPost(svc.database.db, request.params.id);
      if (!post) throw notFound('post');
      authorOnly(actor, post);
      const { group } = await postFor(request, svc, post.id, 'post');
      return editPost(svc, actor as MemberActor, group, post, request.body);
    },
  );

  app.delete(
    '/api/posts/:id',
    {
      schema: {
        tags,
        summary: 'Delete my post',
        description:
          'Its author only (anyone else gets 404), even after leaving the group: the text is erased and a "deleted" placeholder keeps its place among the replies.',
        params: idParamsSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await request.actor();
      const post = await findPost(svc.database.db, request.params.id);
      if (!post) throw notFound('post');
      await deletePost(svc, actor, post);
      return { ok: true as const };
    },
  );

  for (const [path, hidden] of [
    ['hide', true],
    ['unhide', false],
  ] as const) {
    app.post(
      `/api/posts/:id/${path}`,
      {
        schema: {
          tags,
          summary: hidden ? 'Hide a post pending moderator review' : 'Show a hidden post again',
          description: 'For the group’s facilitators and moderators. Audited.',
          params: idParamsSchema,
          response,
        },
      },
      async (request) => {
        const { actor, group, post } = await postFor(request, svc, request.params.id, 'group.facilitate');
        return setHidden(svc, actor, group, post, hidden);
      },
    );
  }

  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/posts/:id/reactions/:kind',
      schema: {
        tags,
        summary: on ? 'Give a support reaction' : 'Take back a support reaction',
        description:
          'with_you 🤝, strength 💪 or heart ❤️. For the group’s active members and facilitators who accepted its current code of conduct.',
        params: reactionParamsSchema,
        response,
      },
      handler: async (request) => {
        const { actor, group, post } = await postFor(request, svc, request.params.id, 'post');
        return react(svc, actor as MemberActor, group, post, request.params.kind, on);
      },
    });
    app.route({
      method,
      url: '/api/posts/:id/helpful',
      schema: {
        tags,
        summary: on ? 'Mark a reply as a helpful coping strategy' : 'Unmark a helpful coping strategy',
        description: 'Replies only. For the thread’s author, and the group’s facilitators and moderators.',
        params: idParamsSchema,
        response,
      },
      handler: async (request) => {
        const { actor, group, post } = await postFor(request, svc, request.params.id, 'group.read');
        return markHelpful(svc, actor, group, post, on);
      },
    });
  }
};
