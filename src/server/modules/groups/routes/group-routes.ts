import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import { authorize } from '../../../security/policy.js';
import type { MemberActor } from '../../../security/actor.js';
import {
  createGroupSchema,
  directoryQuerySchema,
  directorySchema,
  groupPageSchema,
  groupSlugParamsSchema,
  updateGroupSchema,
} from '../../../../shared/schemas/groups.js';
import { createGroup, directory, editGroup, groupPage } from '../group-service.js';
import { errors, groupDeps, groupFor, TAGS as tags } from './context.js';

/** The group directory, a group's public page, creating and editing groups (docs/groups.md). */
export const groupRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svc = groupDeps(deps, fastify.auth.now);

  app.get(
    '/api/groups',
    {
      schema: {
        tags,
        summary: 'The online group directory',
        description:
          'Groups anyone may browse, signed in or not, by name; search the name and description with `q`, filter by approach and language. Archived groups are left out. Never lists who is in a group.',
        querystring: directoryQuerySchema,
        response: { 200: directorySchema, 400: errors[400] },
      },
    },
    async (request) => {
      const { q, approach, language, cursor, limit } = request.query;
      return directory(svc, { q, approach, language, offset: Number(cursor ?? 0), limit });
    },
  );

  app.post(
    '/api/groups',
    {
      schema: {
        tags,
        summary: 'Create a group',
        description:
          'For holders of a facilitator grant, organisation admins and site admins, signed in with a second factor. The creator becomes the group’s first facilitator; the group gets its always-open room. The slug comes from the name.',
        body: createGroupSchema,
        response: { 201: groupPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = await request.actor();
      authorize(actor, 'groups.create');
      const group = await createGroup(svc, actor as MemberActor, request.body);
      return reply.code(201).send(await groupPage(svc, actor, group));
    },
  );

  app.get(
    '/api/groups/:slug',
    {
      schema: {
        tags,
        summary: 'A group’s public page',
        description:
          'Description, code of conduct and its version, visibility, what happens to live-meeting chat, counts, and — when signed in — your own place in the group. Never who is in it or what they wrote.',
        params: groupSlugParamsSchema,
        response: { 200: groupPageSchema, 404: errors[404] },
      },
    },
    async (request) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug);
      return groupPage(svc, actor, group);
    },
  );

  app.patch(
    '/api/groups/:slug',
    {
      schema: {
        tags,
        summary: 'Edit a group',
        description:
          'For the group’s facilitators and moderators. A changed code of conduct raises its version: members accept it again before they post. `archived: true` takes the group out of the directory and makes it read-only. Audited.',
        params: groupSlugParamsSchema,
        body: updateGroupSchema,
        response: { 200: groupPageSchema, ...errors },
      },
    },
    async (request) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug, 'group.facilitate');
      return groupPage(svc, actor, await editGroup(svc, actor, group, request.body));
    },
  );
};
