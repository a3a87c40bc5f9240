import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../../deps.js';
import { AppError, notFound, tooManyRequests } from '../../../errors.js';
import { idParamsSchema } from '../../../../shared/schemas/meetings.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import {
  correctionListQuerySchema,
  correctionListSchema,
  correctionRequestSchema,
  correctionResponseSchema,
} from '../../../../shared/schemas/corrections.js';
import { authorize } from '../../../security/policy.js';
import type { MeetingPages } from '../web-page/meeting-pages.js';
import { acceptFormBodies, FORM_BODY_LIMIT, isFormPost } from './form-body.js';
import { openCorrections, submitCorrection } from './service.js';

export interface CorrectionRouteDeps extends AppDeps {
  /** Server-rendered pages, when the web app is served: form posts then get HTML answers. */
  pages?: MeetingPages;
}

const FORM_FIELDS = new Set(['kind', 'details', 'contact']);

/**
 * Public correction requests for a meeting's listing, and the operators' queue of open ones. The body's `contact`
 * is personal data: it is stored for the owner, shown only by the admin API, and never logged (logs carry the
 * method and path only).
 */
export const correctionRoutes: FastifyPluginAsync<CorrectionRouteDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  acceptFormBodies(fastify);

  app.post(
    '/api/meetings/:id/corrections',
    {
      attachValidation: true,
      bodyLimit: FORM_BODY_LIMIT,
      schema: {
        tags: ['meetings'],
        summary: 'Suggest a correction to a meeting’s listing',
        description:
          'Stores the request for the listing’s owner; no account needed. `contact` is optional, never published. Also accepts an HTML form (`application/x-www-form-urlencoded`): then the answer is a 303 redirect to the meeting’s page with a confirmation, or the page with the problems marked. At most 10 requests per client in 15 minutes (429).',
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        params: idParamsSchema,
        body: correctionRequestSchema,
        response: { 201: correctionResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const pages = isFormPost(request.headers['content-type']) ? deps.pages : undefined;
      const invalid = request.validationError;
      if (invalid) {
        if (!pages) throw invalid;
        if (invalid.validationContext === 'params') return pages.send(request, reply, null);
        const raw = (request.body ?? {}) as Record<string, string>;
        const problems = ((invalid.validation ?? []) as { instancePath: string }[])
          .map((v) => v.instancePath.split('/').filter(Boolean)[0] ?? '')
          .filter((f) => FORM_FIELDS.has(f));
        const form = { problems: problems.length > 0 ? problems : ['details'], values: raw };
        return pages.send(request, reply, request.params.id, { status: 400, form });
      }
      const id = request.params.id;
      // The shared limits (Redis when configured), so a flood meets the same limit on every instance.
      const { limits } = fastify.auth;
      try {
        await limits.take('corrections', request.ip, limits.settings.corrections);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'rate_limited') throw err;
        if (!pages)
          throw tooManyRequests(
            err.retryAfter ?? 60,
            'Too many corrections sent from here in a short time. Please try again later.',
          );
        reply.header('retry-after', String(err.retryAfter ?? 60));
        return pages.send(request, reply, id, { status: 429, form: { problems: ['rate_limited'], values: request.body } });
      }
      const stored = await submitCorrection(deps.database, id, request.body);
      if (stored === null) {
        if (pages) return pages.send(request, reply, null);
        throw notFound('meeting');
      }
      if (pages) return reply.redirect(`/meetings/${id}?correction=received#correction-received`, 303);
      return reply.code(201).send({ id: stored, status: 'received' as const });
    },
  );

  app.get(
    '/api/admin/corrections',
    {
      schema: {
        tags: ['admin'],
        summary: 'Open correction requests',
        description:
          'Requests the public sent, newest first, with the reporter’s contact if given (personal data: handle with care).',
        security: [{ bearer: [] }],
        querystring: correctionListQuerySchema,
        response: {
          200: correctionListSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'corrections.read');
      return openCorrections(deps.database, request.query.limit, request.query.before);
    },
  );
};
