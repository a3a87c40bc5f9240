import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import { okSchema } from '../../../../shared/schemas/accounts.js';
import {
  groupSlugParamsSchema,
  handleParamsSchema,
  joinGroupSchema,
  memberListSchema,
  updateMemberSchema,
  yourPlaceSchema,
} from '../../../../shared/schemas/groups.js';
import { changeMember, join, leave, members, removeMember } from '../membership-service.js';
import { errors, groupDeps, groupFor, memberOf, TAGS as tags } from './context.js';

/** Joining and leaving a group, and its facilitators' view of its people (docs/groups.md "Who may do what"). */
export const memberRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svc = groupDeps(deps, fastify.auth.now);

  app.post(
    '/api/groups/:slug/membership',
    {
      schema: {
        tags,
        summary: 'Join a group, or accept its current code of conduct',
        description:
          'As a member or an observer (reads, never posts), accepting the code of conduct version shown (409 `conduct_not_accepted` when it is not the current one). A public group lets you in at once; an approval group records a request for its facilitators. Called again, it records the new version you accepted.',
        params: groupSlugParamsSchema,
        body: joinGroupSchema,
        response: { 200: yourPlaceSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await memberOf(request);
      const { group } = await groupFor(request, svc, request.params.slug);
      return join(svc, actor, group, request.body);
    },
  );

  app.delete(
    '/api/groups/:slug/membership',
    {
      schema: {
        tags,
        summary: 'Leave a group',
        description: 'Or withdraw a request. The last facilitator cannot leave (409).',
        params: groupSlugParamsSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      const actor = await memberOf(request);
      const { group } = await groupFor(request, svc, request.params.slug);
      await leave(svc, actor, group);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/groups/:slug/members',
    {
      schema: {
        tags,
        summary: 'A group’s people',
        description: 'For its facilitators and moderators: handles, roles and status, pending requests first.',
        params: groupSlugParamsSchema,
        response: { 200: memberListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { group } = await groupFor(request, svc, request.params.slug, 'group.facilitate');
      void reply.header('cache-control', 'no-store');
      return members(svc, group);
    },
  );

  app.patch(
    '/api/groups/:slug/members/:handle',
    {
      schema: {
        tags,
        summary: 'Approve a request or change a role',
        description:
          'For the group’s facilitators and moderators: `status: active` approves a request; `role` makes someone a facilitator, member or observer. The last facilitator cannot be demoted (409). Audited.',
        params: handleParamsSchema,
        body: updateMemberSchema,
        response: { 200: memberListSchema, ...errors },
      },
    },
    async (request) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug, 'group.facilitate');
      return changeMember(svc, actor, group, request.params.handle, request.body);
    },
  );

  app.delete(
    '/api/groups/:slug/members/:handle',
    {
      schema: {
        tags,
        summary: 'Refuse a request or remove someone',
        description:
          'For the group’s facilitators and moderators. A removed member’s connections leave the group’s open rooms at once. The last facilitator cannot be removed (409). Audited.',
        params: handleParamsSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      const { actor, group } = await groupFor(request, svc, request.params.slug, 'group.facilitate');
      await removeMember(svc, actor, group, request.params.handle);
      return { ok: true as const };
    },
  );
};
