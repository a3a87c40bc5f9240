import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy of every answer. The app loads nothing from another host, runs no inline script and
 * has no inline style (the server-rendered pages' styles are in the app's stylesheet), so `'self'` is enough
 * everywhere; the only other host is the operator's map tiles, as images. Data blocks (`application/ld+json`, the
 * embedded meeting) are not scripts to the browser and need nothing.
 */
export function contentSecurityPolicy(tileUrl: string | undefined, inlineStyles = false): string {
  const tiles = tileUrl ? ` ${tileOrigin(tileUrl)}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    `img-src 'self' data:${tiles}`,
    "connect-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The scheme and host of a tile URL template ("https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org"). */
function tileOrigin(template: string): string {
  const { protocol, host } = new URL(template.replace(/\{s\}/g, 'subdomain'));
  return `${protocol}//${host.startsWith('subdomain.') ? `*.${host.slice('subdomain.'.length)}` : host}`;
}

/**
 * Headers on every answer (OWASP ASVS V14.4): the CSP above; no referrer to other sites (a meeting's URL names a
 * meeting); no sniffing; no framing; only this site's own use of the location, which the finder asks for after a tap;
 * and HSTS when the request came over TLS (behind a proxy, as `trustProxy` reports it), never on plain HTTP, where a
 * browser ignores it and a local run would be pinned to HTTPS.
 */
export function securityHeaders(options: {
  tileUrl: string | undefined;
}): (request: FastifyRequest, reply: FastifyReply) => void {
  const csp = contentSecurityPolicy(options.tileUrl);
  // Swagger UI (the API reference for developers, /api/docs) writes a <style> element of its own; its scripts are
  // still files of this site. No member's page is served under it.
  const docsCsp = contentSecurityPolicy(options.tileUrl, true);
  const apply = (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', request.url.startsWith('/api/docs') ? docsCsp : csp);
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  };
  return apply;
}

/** Sets the headers on every answer that passes through the hooks (the router's own errors set them themselves). */
export function registerSecurityHeaders(
  app: FastifyInstance,
  apply: (request: FastifyRequest, reply: FastifyReply) => void,
): void {
  app.addHook('onSend', (request, reply, _payload, done) => {
    apply(request, reply);
    done();
  });
}
