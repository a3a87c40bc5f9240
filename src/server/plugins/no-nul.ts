import type { FastifyInstance } from 'fastify';
import { validationFailed, type ErrorDetail } from '../errors.js';

/**
 * Refuses a NUL character anywhere in a request's query, path parameters or parsed body (400). PostgreSQL cannot
 * store it in text and fails the whole statement, and no field of ours has a use for it; refusing it here, before
 * any handler, keeps both databases answering alike instead of one of them with a 500.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const problems: ErrorDetail[] = [];
    findNul(request.query, 'querystring', problems);
    findNul(request.params, 'params', problems);
    findNul(request.body, 'body', problems);
    done(problems.length > 0 ? validationFailed(problems) : undefined);
  });
}

function findNul(value: unknown, path: string, problems: ErrorDetail[], depth = 0): void {
  if (problems.length >= 10 || depth > 32) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) problems.push({ field: path, message: 'must not contain a NUL character' });
    return;
  }
  // Only plain data: an upload handed on as a stream is the importer's to check.
  if (Array.isArray(value)) value.forEach((v, i) => findNul(v, `${path}.${i}`, problems, depth + 1));
  else if (value !== null && typeof value === 'object' && isPlain(value))
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) problems.push({ field: path, message: 'must not contain a NUL character' });
      findNul(v, `${path}.${k}`, problems, depth + 1);
    }
}

/** Parsed data (an object literal, or a parsed query string, whose prototype is its parser's own), not a stream. */
function isPlain(value: object): boolean {
  return !(Symbol.asyncIterator in value) && !Buffer.isBuffer(value) && !(value instanceof Uint8Array);
}
