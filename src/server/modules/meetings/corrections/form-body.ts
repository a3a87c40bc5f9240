import type { FastifyInstance } from 'fastify';

/** A correction form is a few kilobytes at most (2,000 characters of details, percent-encoded up to 9 bytes each). */
export const FORM_BODY_LIMIT = 32 * 1024;

export const isFormPost = (contentType: string | undefined) =>
  (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/**
 * Parses `application/x-www-form-urlencoded` bodies (HTML forms posted without JavaScript) into a flat object, in
 * the scope it is added to. @fastify/formbody is not a dependency and this is all the forms need. A repeated field
 * keeps its last value.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
