import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MeetingPages } from './meeting-pages.js';

const ID = /^[1-9]\d{0,9}$/;

/**
 * GET /meetings/:id as complete HTML. Any id that is not a listed meeting gets the HTML not-found page (a person
 * followed a link), never a JSON error.
 */
export const meetingPageRoutes: FastifyPluginAsync<{ pages: MeetingPages }> = async (fastify, { pages }) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/meetings/:id',
    {
      schema: {
        hide: true,
        params: z.object({ id: z.string() }),
        querystring: z.object({ correction: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const id = ID.test(request.params.id) ? Number(request.params.id) : null;
      const valid = id !== null && id <= 2 ** 31 - 1;
      return pages.send(request, reply, valid ? id : null, { received: request.query.correction === 'received' });
    },
  );
};
