import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/helpers/app.js';
import { createSqliteDatabase, type TestDatabase } from '../../../test/helpers/databases.js';
import { contentSecurityPolicy } from './security-headers.js';

describe('security headers', () => {
  let app: FastifyInstance | undefined;
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it('are on every answer: a CSP of self only, no referrer, no sniffing, no framing, location for this site only', async () => {
    tdb = createSqliteDatabase();
    app = await buildTestApp({ databaseUrl: tdb.url });
    for (const url of ['/healthz', '/api/meetings?limit=1', '/api/no-such-route']) {
      const res = await app.inject({ url });
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("style-src 'self'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['permissions-policy'], url).toContain('geolocation=(self)');
      // Plain HTTP: no HSTS, which would pin a local run to HTTPS.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // The developers' API reference (Swagger UI) writes one <style> element; its scripts are still this site's.
    const docs = (await app.inject({ url: '/api/docs/' })).headers['content-security-policy'] as string;
    expect(docs).toContain("style-src 'self' 'unsafe-inline'");
    expect(docs).toContain("script-src 'self';");
  });

  it('add HSTS when the request came over TLS through a trusted proxy', async () => {
    tdb = createSqliteDatabase();
    app = await buildTestApp({ databaseUrl: tdb.url, trustProxy: true });
    const res = await app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it("let images come from the operator's tile host, and nothing else from elsewhere", () => {
    expect(contentSecurityPolicy('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toContain(
      "img-src 'self' data: https://*.tile.example.org",
    );
    expect(contentSecurityPolicy('https://tiles.example.net/{z}/{x}/{y}.png')).toContain(
      "img-src 'self' data: https://tiles.example.net;",
    );
    expect(contentSecurityPolicy(undefined)).toContain("img-src 'self' data:;");
    expect(contentSecurityPolicy('https://tiles.example.net/{z}/{x}/{y}.png')).toContain("connect-src 'self';");
  });
});
