import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import { badRequest, notFound } from '../../../errors.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import { idParamsSchema } from '../../../../shared/schemas/meetings.js';
import { searchQuerySchema, searchResponseSchema } from '../../../../shared/schemas/search.js';
import { isValidZone } from '../../meetings/normalize/shared-fields.js';
import type { SearchIndexService } from '../index-service.js';
import type { TimeOps } from '../engine/time-ops.js';
import { toSearchQuery, type PlaceLookup } from '../search-request.js';
import { meetingDetail } from '../meeting-detail.js';
import { findLiveMeeting } from '../../meetings/repository/live-meeting.js';
import { searchResponseJson } from '../present.js';
import { negotiateEncoding, ResponseCache } from '../response-cache.js';
import { MINUTE_MS } from '../time/units.js';

export interface SearchRouteDeps extends AppDeps {
  index: SearchIndexService;
  time: TimeOps;
  places: PlaceLookup;
}

const meetingQuerySchema = z
  .object({ tz: z.string().max(64).optional().describe('The viewer’s IANA zone: next occurrences are also shown in it') })
  .strict();

/** The meeting search over the in-memory index, and one meeting with its next occurrences. */
export const searchRoutes: FastifyPluginAsync<SearchRouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const answers = new ResponseCache();

  app.get(
    '/api/meetings',
    {
      schema: {
        tags: ['meetings'],
        summary: 'Search meetings',
        description:
          'Where can I go, and when? Near a place or point (radius in km or miles), online, by day and part of day in the searcher’s time zone, happening now or starting soon, by type (AND or OR), fellowship, attendance, language, region and words. Sorted by distance, soonest or name, paged with an opaque cursor, with facet counts of all matches. Times are judged at the start of the current minute, and answers are reused within it until the directory changes (send Cache-Control: no-cache for a fresh search).',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // Searches are judged at the start of the current minute: meeting times are whole minutes, so every answer
      // within a minute is the same, and a repeat within it (same index version) is served from the cache, unless
      // the request says Cache-Control: no-cache.
      const nowMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
      const key = `${deps.index.store.version}|${nowMs}|${request.url}`;
      const entry = await answers.get(
        key,
        async () => {
          const place = request.query.near === undefined ? undefined : await deps.places.find(request.query.near);
          const q = toSearchQuery(request.query, deps.index.store, place, nowMs);
          const result = deps.index.engine.search(q);
          const summaries = await deps.index.summaries(result.hits.map((h) => h.id));
          return searchResponseJson(summaries, q, result, request.query.units);
        },
        /\bno-cache\b/i.test(request.headers['cache-control'] ?? ''),
      );
      const encoding = negotiateEncoding(request.headers['accept-encoding']);
      const body = answers.body(entry, encoding);
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      // Compressed once, when first asked for: @fastify/compress leaves a body with a Content-Encoding alone.
      if (typeof body !== 'string') reply.header('content-encoding', encoding);
      // Already JSON: sent as is (the schema above documents it for OpenAPI).
      return reply.send(body as unknown as z.infer<typeof searchResponseSchema>);
    },
  );

  app.get(
    '/api/meetings/:id',
    {
      schema: {
        tags: ['meetings'],
        summary: 'One meeting',
        description:
          'Everything about a meeting, in Meeting Guide field names, with its next occurrences in its own time zone and in the viewer’s.',
        params: idParamsSchema,
        querystring: meetingQuerySchema,
        response: { 200: z.record(z.string(), z.unknown()), 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const viewerZone = request.query.tz ?? 'UTC';
      if (!isValidZone(viewerZone))
        throw badRequest(`"${viewerZone}" is not an IANA time zone`, [{ field: 'querystring.tz', message: 'unknown time zone' }]);
      const row = await findLiveMeeting(deps.database.db, request.params.id);
      if (!row) throw notFound('meeting');
      return meetingDetail(row, deps.time, viewerZone);
    },
  );
};
