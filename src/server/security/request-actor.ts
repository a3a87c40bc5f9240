import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { AppError } from '../errors.js';
import type { Db } from '../db/types.js';
import { resolveSession, type SessionPolicy } from '../modules/accounts/sessions-service.js';
import { ANONYMOUS, type Actor } from './actor.js';
import { readSessionToken, type CookieSettings } from './session-cookie.js';
import { sameSecret } from './tokens.js';
import type { RateLimits } from './rate-limits.js';

export interface AuthContext {
  db: Db;
  cookie: CookieSettings;
  sessions: SessionPolicy;
  limits: RateLimits;
  adminToken: string | undefined;
  publicOrigin: string;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthContext;
  }
  interface FastifyRequest {
    /**
     * Who is asking, resolved once per request from the bearer token or the session cookie. For a state-changing
     * request on a session it also checks the CSRF token, and throws `csrf_failed` when it is missing or wrong.
     */
    actor(): Promise<Actor>;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const resolved = new WeakMap<FastifyRequest, Promise<Actor>>();

export const csrfFailed = (message = 'This request did not come from a Kinship page. Reload the page and try again.') =>
  new AppError('csrf_failed', message);

/**
 * Sessions, CSRF and Origin checks for every route. Cross-site state-changing requests are refused before any route
 * runs (Origin and Fetch Metadata); session-authenticated ones must also carry the session's CSRF token in the
 * `x-csrf-token` header, which a page on another site cannot read.
 */
export const requestActor = fp(
  async (app: FastifyInstance, ctx: AuthContext) => {
    await app.register(cookie);
    app.decorate('auth', ctx);

    app.addHook('onRequest', async (request) => {
      if (!UNSAFE.has(request.method)) return;
      if (!sameOrigin(request, ctx.publicOrigin)) throw csrfFailed('Requests from other sites are refused.');
    });

    app.addHook('onRequest', async (request) => {
      const limit = ctx.limits.settings.api;
      if (limit.limit > 0 && request.url.startsWith('/api/')) await ctx.limits.take('api', request.ip, limit);
    });

    app.decorateRequest('actor', function (this: FastifyRequest) {
      let actor = resolved.get(this);
      if (!actor) {
        actor = resolveActor(this, ctx);
        resolved.set(this, actor);
      }
      return actor;
    });
  },
  { name: 'request-actor' },
);

async function resolveActor(request: FastifyRequest, ctx: AuthContext): Promise<Actor> {
  const bearer = request.headers.authorization;
  if (bearer?.startsWith('Bearer ')) {
    // A bearer header is either the operator's token or no one: it never falls back to the cookie.
    return ctx.adminToken && sameSecret(bearer.slice(7), ctx.adminToken) ? { kind: 'operator' } : ANONYMOUS;
  }
  const token = readSessionToken(request, ctx.cookie);
  if (!token) return ANONYMOUS;
  const live = await resolveSession(ctx.db, token, ctx.now(), ctx.sessions);
  if (!live) return ANONYMOUS;
  if (UNSAFE.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, live.row.csrf_token)) throw csrfFailed();
  }
  return {
    kind: 'member',
    accountId: live.row.account_id,
    roles: live.grants,
    secondFactor: live.row.mfa === 1,
    sessionId: live.row.id,
  };
}

/**
 * Whether a WebSocket upgrade comes from one of this site's pages (issue 7: `/ws` checks the Origin). Browsers always
 * send `Origin` with a WebSocket handshake, and nothing like SameSite or a CSRF token protects it, so unlike
 * `sameOrigin` a missing (or `null`) Origin is refused: only non-browser clients omit it, and they can send ours.
 */
export function webSocketOriginAllowed(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && origin !== 'null' && sameOrigin(request, publicOrigin);
}

/**
 * A browser says where a request comes from in `Origin` (and `Sec-Fetch-Site`); either naming another site means a
 * page elsewhere is trying to act with this user's cookies. Clients that send neither (scripts, curl) pass here and
 * meet the CSRF token or bearer check instead.
 */
function sameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === publicOrigin) return true;
  // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` with a form post, even to the same site; the
  // Fetch Metadata header, which no page can set, then says where it came from.
  if (origin === 'null') return site === 'same-origin';
  try {
    // Compared as URLs, so a default port written out ("host:80") still matches.
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false; // "null" (sandboxed frames, opaque redirects) or garbage
  }
}
