import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import { changesQuerySchema, changesResponseSchema } from '../../../../shared/schemas/meetings.js';
import { listChanges } from '../repository/feeds.js';

/** What changed in the directory since a time, field by field (like BMLT's GetChanges). */
export const changesRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    '/api/changes',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Change history',
        description:
          'Meetings added, changed, removed or restored since `since`, oldest first, each with a per-field before/after diff. Page with `cursor`.',
        querystring: changesQuerySchema,
        response: { 200: changesResponseSchema },
      },
    },
    async (request) => {
      const { since, source, limit, cursor } = request.query;
      const rows = await listChanges(deps.database.db, {
        since: new Date(since).toISOString(),
        source,
        afterId: cursor ? Number(cursor) : 0,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        changes: page.map((r) => ({ ...r, diff: JSON.parse(r.diff) as Record<string, [unknown, unknown]> })),
        next_cursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
      };
    },
  );
};
