import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { notFoundHandler, registerErrorHandler } from './error-handler.js';
import { conflict } from '../errors.js';
import { loggerOptions } from '../logger.js';
import { testConfig } from '../config.js';

/** A bare app with only the error handling under test and a few routes that fail in known ways. */
async function appWithFailingRoutes() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = Fastify({ logger: loggerOptions(testConfig({ logLevel: 'info' }), stream), bodyLimit: 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.setNotFoundHandler(notFoundHandler);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/boom', () => {
    throw new Error('connection to db-secret-host:5432 refused');
  });
  typed.get('/conflict', () => {
    throw conflict('That slug is taken.');
  });
  typed.get(
    '/search',
    { schema: { querystring: z.object({ lat: z.coerce.number().min(-90).max(90), q: z.string().max(10).optional() }) } },
    () => ({ ok: true }),
  );
  typed.post('/items', { schema: { body: z.object({ name: z.string() }).strict() } }, () => ({ ok: true }));
  await app.ready();
  return { app, lines };
}

describe('error handler', () => {
  it('answers a 5xx without internals, and logs the cause with the request id', async () => {
    const { app, lines } = await appWithFailingRoutes();
    const res = await app.inject('/boom');
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe('internal');
    expect(res.body).not.toContain('db-secret-host');
    expect(lines.join('')).toContain('db-secret-host');
    expect(lines.join('')).toContain(body.error.requestId);
  });

  it('keeps the stable code and status of an application error', async () => {
    const { app } = await appWithFailingRoutes();
    const res = await app.inject('/conflict');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'conflict', message: 'That slug is taken.' } });
  });

  it('names each invalid field in a 400', async () => {
    const { app } = await appWithFailingRoutes();
    const res = await app.inject(`/search?lat=200&q=${'x'.repeat(20)}`);
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; details: { field: string }[] } }>();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.field).sort()).toEqual(['querystring.lat', 'querystring.q']);
  });

  it('rejects unknown body fields, malformed JSON (400) and oversized bodies (413)', async () => {
    const { app } = await appWithFailingRoutes();
    const extra = await app.inject({ method: 'POST', url: '/items', payload: { name: 'a', admin: true } });
    expect(extra.statusCode).toBe(400);
    const bad = await app.inject({
      method: 'POST',
      url: '/items',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const big = await app.inject({ method: 'POST', url: '/items', payload: { name: 'x'.repeat(5000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { app } = await appWithFailingRoutes();
    const res = await app.inject('/nowhere?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found', message: 'No route for GET /nowhere.' } });
  });
});
