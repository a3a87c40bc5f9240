import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { packageVersion } from '../paths.js';

/**
 * OpenAPI 3.1 generated from the zod schemas on the routes, served as JSON at
 * /api/openapi.json and as a readable page at /api/docs. Swagger UI's assets
 * are served from this server; `validatorUrl: null` stops it from sending the
 * document to an outside validator, so the docs page contacts no other host.
 * Must be registered before the routes it describes.
 */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kinship API',
        version: packageVersion,
        description:
          'Kinship is an open-source platform for addiction-recovery support groups. Errors always have the shape `{ "error": { "code", "message", "details"? } }`.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN of this installation' } },
      },
      tags: [
        { name: 'operations', description: 'Health, readiness and metrics for operators' },
        { name: 'system', description: 'Facts about this installation' },
        { name: 'feeds', description: 'The directory in the formats existing clients read' },
        { name: 'meetings', description: 'The meeting directory and its search' },
        { name: 'places', description: 'Offline place look-up (GeoNames, CC BY 4.0)' },
        { name: 'admin', description: 'Feed sources and imports, for operators (bearer ADMIN_TOKEN)' },
        { name: 'accounts', description: 'Signing up and in, second factors, passkeys, and a member’s own data' },
        { name: 'groups', description: 'Online support groups: directory, membership, live meetings, rooms, threads' },
        { name: 'proofs', description: 'Signed proofs of attendance, and verifying them' },
        { name: 'chat', description: 'The real-time chat of online groups (WebSocket)' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, deepLinking: true, tryItOutEnabled: false },
    // No CSP of its own (it allowed styles and fonts from any https host, and still blocked its own <style>): the
    // site's policy applies (plugins/security-headers.ts), with inline styles allowed under /api/docs only.
    staticCSP: false,
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, (_request, reply) => reply.send(app.swagger()));
}
