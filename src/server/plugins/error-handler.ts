import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, INTERNAL_MESSAGE, type ErrorBody, type ErrorCode, type ErrorDetail } from '../errors.js';

/** Fastify's own client-error codes, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: ErrorDetail[]) {
  const body: ErrorBody = { error: { code, message, requestId: reply.request.id, ...(details ? { details } : {}) } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * The one error handler (ARCHITECTURE convention 4): every failure becomes
 * `{ error: { code, message, details? } }`. A 5xx never shows internals to
 * the client; the log keeps the stack with the request id, and no request data.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = err.validationContext ?? 'request';
      const details = err.validation.map((v) => ({
        field: [part, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'is not valid',
      }));
      return send(reply, 400, 'validation_failed', 'Some of the values sent are not valid.', details);
    }
    if (err instanceof AppError) {
      if (err.statusCode >= 500) request.log.error({ err }, 'request failed');
      if (err.retryAfter !== undefined) void reply.header('retry-after', String(err.retryAfter));
      return send(reply, err.statusCode, err.code, err.message, err.details);
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: { message: err.message, issues: err.cause.issues } }, 'response did not match its schema');
      return send(reply, 500, 'internal', INTERNAL_MESSAGE);
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status < 500) {
      const code = FASTIFY_CODES[err.code] ?? (status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : 'bad_request');
      return send(reply, status, code, clientMessage(code, err.message));
    }
    request.log.error({ err }, 'request failed');
    return send(reply, 500, 'internal', INTERNAL_MESSAGE);
  });
}

/**
 * Errors the router raises before any route or hook runs (a path parameter over `maxParamLength`, a malformed
 * escape): answered in our shape and through the reply, so the security headers are set, and without echoing the
 * address back.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(reply, 414, 'uri_too_long', 'A part of the address is too long.');
  return send(reply, 400, 'bad_request', 'The address is not valid.');
}

/** The JSON 404 for any unknown route. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, 404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`);
}

function clientMessage(code: ErrorCode, fallback: string): string {
  switch (code) {
    case 'invalid_json':
      return 'The request body is not valid JSON.';
    case 'payload_too_large':
      return 'The request body is too large.';
    case 'unsupported_media_type':
      return 'This content type is not accepted here.';
    default:
      return fallback;
  }
}
