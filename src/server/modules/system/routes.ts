import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { healthSchema, metaSchema, readinessSchema } from '../../../shared/schemas/system.js';
import { checkReadiness, installationFacts } from './service.js';
import { presentMeta, presentReadiness } from './presenters.js';

/** Health for orchestrators, and facts about this installation for the web app. */
export const systemRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness',
        description: 'Answers 200 while the process runs. It checks nothing else, so it is safe for liveness probes.',
        response: { 200: healthSchema },
      },
    },
    () => ({ status: 'ok' as const, uptime_s: Math.round(process.uptime()) }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness',
        description:
          'Answers 200 when the database is reachable, every migration is applied and the bus can deliver; 503 otherwise.',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const body = presentReadiness(await checkReadiness(deps));
      return reply.code(body.status === 'ready' ? 200 : 503).send(body);
    },
  );

  app.get(
    '/api/meta',
    {
      schema: {
        tags: ['system'],
        summary: 'About this installation',
        description: 'Version, schema version and the map tile settings the web app needs.',
        response: { 200: metaSchema },
      },
    },
    async () => presentMeta(await installationFacts(deps)),
  );
};
