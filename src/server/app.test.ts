import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, logCollector } from '../../test/helpers/app.js';
import { createSqliteDatabase, type TestDatabase } from '../../test/helpers/databases.js';

describe('the app as operators and clients meet it', () => {
  let app: FastifyInstance;
  let tdb: TestDatabase;
  let webRoot: string;
  const logs = logCollector();

  beforeAll(async () => {
    tdb = createSqliteDatabase();
    // A stand-in build output, so static serving is tested without running Vite.
    webRoot = mkdtempSync(join(tmpdir(), 'kinship-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Kinship</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildTestApp({ databaseUrl: tdb.url, logLevel: 'info', webRoot }, { logStream: logs.stream });
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('logs requests by path and request id, without query strings, IP addresses or headers', async () => {
    await app.inject({
      url: '/api/meta?q=alex-handle-secret&lat=39.95',
      headers: { cookie: 'sid=session-secret', authorization: 'Bearer token-secret', 'x-forwarded-for': '203.0.113.9' },
      remoteAddress: '198.51.100.7',
    });
    const text = logs.lines.join('\n');
    expect(text).toContain('"path":"/api/meta"');
    expect(text).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    for (const secret of ['alex-handle-secret', '39.95', 'session-secret', 'token-secret', '203.0.113.9', '198.51.100.7']) {
      expect(text).not.toContain(secret);
    }
  });

  it('exposes Prometheus metrics: durations by route template, db pool and event-loop lag', async () => {
    await app.inject('/healthz');
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/);
    expect(res.body).toMatch(/db_pool_connections\{state="total"\} 1/);
    expect(res.body).toContain('nodejs_eventloop_lag_seconds');
  });

  it('serves an OpenAPI 3.1 document describing every route', async () => {
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { responses: object }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/healthz', '/readyz', '/metrics', '/api/meta']) {
      expect(doc.paths[path]?.get?.responses).toBeDefined();
    }
    expect(doc.paths['/api/meta']!.get!.responses).toHaveProperty('200');
  });

  it('serves the API docs page from this server only', async () => {
    const res = await app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    const srcs = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src).not.toMatch(/^(https?:)?\/\//);
    const init = await app.inject('/api/docs/static/swagger-initializer.js');
    expect(init.body).toContain('"validatorUrl":null');
  });

  it('serves the web app: hashed assets cached for a year, index revalidated, deep links load the app', async () => {
    const asset = await app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const index = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(index.statusCode).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const deep = await app.inject({ url: '/saved', headers: { accept: 'text/html,*/*' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
  });

  it('never answers an API path with the web app', async () => {
    const res = await app.inject({ url: '/api/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
