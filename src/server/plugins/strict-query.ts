import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * A documented route that declares no query parameters refuses any (400), as routes with a query schema refuse
 * unknown ones: every input is one the API knows (issue 6, validation everywhere). Routes outside the API document
 * (the web app's pages, static files) are left alone: their addresses carry the app's own query strings.
 */
export function refuseUndeclaredQueries(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    if (!schema || schema.hide || schema.response === undefined || schema.querystring !== undefined) return;
    route.schema = { ...schema, querystring: z.object({}).strict() };
  });
}
