import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import { authorize } from '../../../security/policy.js';
import { groupSlugParamsSchema } from '../../../../shared/schemas/groups.js';
import {
  blockListSchema,
  blockParamsSchema,
  reportCreatedSchema,
  reportListSchema,
  reportSchema,
} from '../../../../shared/schemas/group-threads.js';
import { block, blocks, unblock } from '../block-service.js';
import { fileReport, openReports } from '../report-service.js';
import { errors, groupDeps, groupFor, memberOf, TAGS as tags } from './context.js';

/** Reports and blocks (docs/groups.md "Safety"). */
export const safetyRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const svc = groupDeps(deps, fastify.auth.now);
  const db = deps.database.db;

  app.post(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Report a message or post',
        description:
          'By anyone who can read its group. The report keeps a copy of the item and up to five items before it, for the group’s facilitators and the moderators (the chat itself may be deleted before they look). `helplines_hint` is true for a self-harm report: show "Get help now". At most 10 reports in 15 minutes (429).',
        body: reportSchema,
        response: { 201: reportCreatedSchema, ...errors, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const made = await fileReport(svc, fastify.auth.limits, await request.actor(), request.body);
      return reply.code(201).send(made);
    },
  );

  app.get(
    '/api/groups/:slug/reports',
    {
      schema: {
        tags,
        summary: 'A group’s open reports',
        description:
          'For its facilitators and moderators, newest first, each with its copy of what was reported and the context. The reporter is not named.',
        params: groupSlugParamsSchema,
        response: { 200: reportListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { group } = await groupFor(request, svc, request.params.slug, 'group.facilitate');
      void reply.header('cache-control', 'no-store');
      return openReports(svc, group.id);
    },
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        summary: 'Open reports in every group',
        description: 'For moderators (the review queue comes with the moderation issue).',
        response: { 200: reportListSchema, ...errors },
      },
    },
    async (request, reply) => {
      authorize(await request.actor(), 'reports.review');
      void reply.header('cache-control', 'no-store');
      return openReports(svc, undefined);
    },
  );

  app.get(
    '/api/account/blocks',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who I blocked',
        response: { 200: blockListSchema, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return blocks(db, await memberOf(request));
    },
  );

  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/account/blocks/:handle',
      schema: {
        tags: ['accounts'],
        summary: on ? 'Block a member' : 'Unblock a member',
        description: on
          ? 'You stop seeing their messages and posts; they are not told. Blocking yourself is refused (400).'
          : 'You see their messages and posts again.',
        params: blockParamsSchema,
        response: { 200: blockListSchema, ...errors },
      },
      handler: async (request) => {
        const actor = await memberOf(request);
        return on
          ? block(db, deps.bus, actor, request.params.handle, fastify.auth.now().toISOString())
          : unblock(db, deps.bus, actor, request.params.handle);
      },
    });
  }
};
