import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import { jsonpBody } from './jsonp.js';
import { bmltQuerySchema } from './query-schema.js';
import { bmltResponseSchema, jsonpResponseSchema } from './schemas.js';
import { answerBmlt } from './service.js';

const DESCRIPTION =
  'Read-only answers in the shapes of a BMLT root server, so NA tools (crouton, the BMLT WordPress satellites) can use Kinship as their root server. Every value is a string. Meetings on several weekdays appear once per day: the first day has the meeting id, each other day weekday × 10^10 + the meeting id.';

/**
 * BMLT-compatible reads at /client_interface/json/ and /client_interface/jsonp/.
 * The data is public and read by widgets on other sites, so every answer,
 * errors included, may be read cross-origin.
 */
export const bmltRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const rootServerUri = deps.config.publicUrl;

  app.addHook('onSend', (_request, reply, _payload, done) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('x-content-type-options', 'nosniff');
    done();
  });

  app.get(
    '/client_interface/json/',
    {
      schema: {
        tags: ['feeds'],
        summary: 'BMLT-compatible API (JSON)',
        description: DESCRIPTION,
        querystring: bmltQuerySchema,
        response: { 200: bmltResponseSchema, 400: errorResponseSchema },
      },
      // Written with JSON.stringify rather than checked against the union at run time: a large
      // directory's answer is big, and a union of loose objects would strip fields. Types check it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => answerBmlt(db, request.query, rootServerUri),
  );

  app.get(
    '/client_interface/jsonp/',
    {
      schema: {
        tags: ['feeds'],
        summary: 'BMLT-compatible API (JSONP)',
        description: `${DESCRIPTION} The JSON answer is wrapped in a call to \`callback\`.`,
        querystring: bmltQuerySchema,
        response: { 200: jsonpResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const json = JSON.stringify(await answerBmlt(db, request.query, rootServerUri));
      return reply.type('application/javascript; charset=utf-8').send(jsonpBody(request.query.callback ?? 'callback', json));
    },
  );
};
