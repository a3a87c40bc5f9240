import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Paths that belong to the API and machine clients: never answered with the web app. */
const API_PREFIXES = ['/api/', '/feeds/', '/client_interface/', '/ws', '/healthz', '/readyz', '/metrics'];

export function isApiPath(url: string): boolean {
  return API_PREFIXES.some((p) => url === p.replace(/\/$/, '') || url.startsWith(p));
}

/**
 * Serves the built web app. Hashed files under /assets/ are cached for a year;
 * index.html is revalidated on every load so a deploy reaches users at once.
 * Any other GET that wants HTML gets index.html, so deep links such as
 * /meetings/123 load the app, which then routes on the client.
 * @returns false when the web app has not been built (API-only mode).
 */
export async function registerWeb(
  app: FastifyInstance,
  webRoot: string,
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply,
): Promise<boolean> {
  if (!existsSync(join(webRoot, 'index.html'))) {
    app.log.warn('web app not built; serving the API only (run npm run build:web)');
    return false;
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: ['index.html'],
    setHeaders(reply, path) {
      if (path.includes(`${join(webRoot, 'assets')}`)) {
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      } else {
        reply.header('cache-control', 'no-cache');
      }
    },
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if ((request.method === 'GET' || request.method === 'HEAD') && wantsHtml && !isApiPath(path)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return notFound(request, reply);
  });
  return true;
}
