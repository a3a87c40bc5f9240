import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import type { MemberActor } from '../../../security/actor.js';
import { groupSlugParamsSchema } from '../../../../shared/schemas/groups.js';
import {
  idParamsSchema,
  newReplySchema,
  newThreadSchema,
  pageQuerySchema,
  postSchema,
  strategiesSchema,
  threadListSchema,
  threadSchema,
} from '../../../../shared/schemas/group-threads.js';
import { reply as replyTo, startThread, strategies, threadList, threadView } from '../thread-service.js';
import { errors, groupDeps, groupFor, pageOf, postFor, TAGS as tags } from './context.js';

const READERS = 'For the group’s members, observers and facilitators, and moderators.';
const POSTERS =
  'For the group’s active members and facilitators (not observers) who accepted its current code of conduct (409 `conduct_not_accepted` otherwise).';

/** A group's discussion threads and its collected coping strategies (docs/groups.md "Discussion threads"). */
export const threadRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svc = groupDeps(deps, fastify.auth.now);

  app.get(
    '/api/groups/:slug/threads',
    {
      schema: {
        tags,
        summary: 'A group’s threads',
        description: `Latest activity first. ${READERS} Threads started by someone you blocked are left out.`,
        params: groupSlugParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: threadListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug, 'group.read');
      void reply.header('cache-control', 'no-store');
      return threadList(svc, actor, group, pageOf(request.query));
    },
  );

  app.post(
    '/api/groups/:slug/threads',
    {
      schema: {
        tags,
        summary: 'Start a thread',
        description: POSTERS,
        params: groupSlugParamsSchema,
        body: newThreadSchema,
        response: { 201: threadSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug, 'post');
      return reply.code(201).send(await startThread(svc, actor as MemberActor, group, request.body));
    },
  );

  app.get(
    '/api/threads/:id',
    {
      schema: {
        tags,
        summary: 'A thread and a page of its replies',
        description: `${READERS} Deleted posts keep their place with no text; hidden ones show their text only to facilitators and moderators; posts by someone you blocked are placeholders with no author or text.`,
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: threadSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { actor, group, post } = await postFor(request, svc, request.params.id, 'group.read', { thread: true });
      void reply.header('cache-control', 'no-store');
      return threadView(svc, actor, group, post, pageOf(request.query));
    },
  );

  app.post(
    '/api/threads/:id/replies',
    {
      schema: {
        tags,
        summary: 'Reply in a thread',
        description: POSTERS,
        params: idParamsSchema,
        body: newReplySchema,
        response: { 201: postSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { actor, group, post } = await postFor(request, svc, request.params.id, 'post', { thread: true });
      return reply.code(201).send(await replyTo(svc, actor as MemberActor, group, post, request.body.body));
    },
  );

  app.get(
    '/api/groups/:slug/strategies',
    {
      schema: {
        tags,
        summary: 'A group’s helpful coping strategies',
        description: `Replies marked as a helpful coping strategy, newest first, with their threads’ titles. ${READERS}`,
        params: groupSlugParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: strategiesSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug, 'group.read');
      void reply.header('cache-control', 'no-store');
      return strategies(svc, actor, group, pageOf(request.query));
    },
  );
};
