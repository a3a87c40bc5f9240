import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../../shared/schemas/errors.js';
import { idParamsSchema } from '../../../../../shared/schemas/meetings.js';
import {
  groupSlugParamsSchema,
  ownProofListSchema,
  proofIdParamsSchema,
  proofKeySchema,
  proofRefSchema,
  proofRequestListSchema,
  proofVerificationSchema,
} from '../../../../../shared/schemas/live-meetings.js';
import { ownAccount } from '../../../accounts/routes/context.js';
import { proofPdf } from '../proof-pdf.js';
import {
  issueProof,
  ownProofs,
  pendingRequests,
  requestProof,
  revokeProof,
  verifyProof,
  type ProofDeps,
} from '../proof-service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const tags = ['proofs'];

/** Signed proofs of attendance: asked for by the member, issued by a facilitator, checkable by anyone with the link. */
export const proofRoutes: FastifyPluginAsync<ProofDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/rooms/:id/proof-request',
    {
      schema: {
        tags,
        summary: 'Ask for a proof of attendance',
        description:
          'By the member, for a live meeting whose attendance they recorded (409 otherwise). 201 with a new request; 200 with the request or proof already there.',
        params: idParamsSchema,
        response: { 200: proofRefSchema, 201: proofRefSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await requestProof(deps, await request.actor(), request.params.id);
      return reply.code(r.created ? 201 : 200).send({ id: r.id, status: r.status as 'requested' });
    },
  );

  app.get(
    '/api/groups/:slug/proof-requests',
    {
      schema: {
        tags,
        summary: 'Proof requests waiting for the group’s facilitators',
        params: groupSlugParamsSchema,
        response: { 200: proofRequestListSchema, ...errors },
      },
    },
    async (request) => pendingRequests(deps, await request.actor(), request.params.slug),
  );

  app.post(
    '/api/proofs/:id/issue',
    {
      schema: {
        tags,
        summary: 'Issue a requested proof',
        description:
          'A facilitator of the proof’s group (or a moderator) signs the statement with the installation’s Ed25519 key. Audited.',
        params: proofIdParamsSchema,
        response: { 200: proofVerificationSchema, ...errors },
      },
    },
    async (request) => issueProof(deps, await request.actor(), request.params.id),
  );

  app.get(
    '/api/proofs/key',
    {
      schema: {
        tags,
        summary: 'The public key proofs are signed with',
        description: 'Ed25519, as PEM (SPKI) and JWK: anyone can check a proof’s signature over its statement_text with it.',
        response: { 200: proofKeySchema },
      },
    },
    async () => {
      const key = await deps.keys.get();
      return {
        algorithm: 'Ed25519' as const,
        key_id: key.keyId,
        pem: key.pem,
        jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: key.x },
      };
    },
  );

  app.get(
    '/api/proofs/:id',
    {
      schema: {
        tags,
        summary: 'Check a proof of attendance',
        description:
          'Public: the statement and signature, and whether the signature is valid now. A revoked proof says so and states nothing; an unknown id is 404.',
        params: proofIdParamsSchema,
        response: { 200: proofVerificationSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return verifyProof(deps, request.params.id);
    },
  );

  app.get(
    '/api/proofs/:id/pdf',
    {
      schema: {
        tags,
        summary: 'A proof of attendance as PDF',
        description:
          'One page: the statement in words, the verification link and the signature. Characters outside Latin-1 are transliterated (accents dropped, others as [U+XXXX]); the link shows the exact text.',
        params: proofIdParamsSchema,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const pdf = await proofPdf(deps, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="proof-${request.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.delete(
    '/api/proofs/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a proof',
        description: 'By the member it is about, or a facilitator of its group (or a moderator). Audited.',
        params: proofIdParamsSchema,
        response: { 200: proofRefSchema, ...errors },
      },
    },
    async (request) => revokeProof(deps, await request.actor(), request.params.id),
  );

  app.get(
    '/api/account/proofs',
    {
      schema: { tags: ['accounts'], summary: 'My proofs of attendance', response: { 200: ownProofListSchema, ...errors } },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.read');
      void reply.header('cache-control', 'no-store');
      return ownProofs(deps, me.accountId);
    },
  );
};
