import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CookieSettings {
  /** `Secure` outside development: the cookie never travels over plain HTTP (browsers accept it on localhost). */
  secure: boolean;
  /** The cookie's name: `__Host-` prefixed over HTTPS, which pins it to this host and path. */
  name: string;
}

export function cookieSettings(env: string, publicUrl: string): CookieSettings {
  const secure = env !== 'development';
  return { secure, name: secure && publicUrl.startsWith('https:') ? '__Host-kinship_session' : 'kinship_session' };
}

export function readSessionToken(request: FastifyRequest, settings: CookieSettings): string | undefined {
  const value = request.cookies[settings.name];
  // Tokens are 43 base64url characters; anything else is not ours and is not looked up.
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export function setSessionCookie(reply: FastifyReply, settings: CookieSettings, token: string, maxAgeMs: number): void {
  void reply.setCookie(settings.name, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: CookieSettings): void {
  void reply.clearCookie(settings.name, { httpOnly: true, sameSite: 'lax', secure: settings.secure, path: '/' });
}
