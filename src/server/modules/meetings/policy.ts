import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../errors.js';

/**
 * Who is asking. Until accounts and roles arrive, the only privileged actor
 * is an operator presenting the ADMIN_TOKEN as a bearer token.
 */
export type Actor = { kind: 'anonymous' } | { kind: 'operator' };

export type MeetingsAction = 'sources.read' | 'sources.write' | 'imports.run' | 'imports.read' | 'corrections.read';

export function actorFrom(request: FastifyRequest, adminToken: string | undefined): Actor {
  const header = request.headers.authorization;
  if (!adminToken || !header?.startsWith('Bearer ')) return { kind: 'anonymous' };
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(adminToken);
  // Constant-time comparison: response timing must not reveal the token.
  return given.length === expected.length && timingSafeEqual(given, expected) ? { kind: 'operator' } : { kind: 'anonymous' };
}

/**
 * The meetings module's one policy (ARCHITECTURE: authorize(actor, action,
 * resource)). Reading the directory is public and needs no check; managing
 * sources and imports is for operators.
 * @throws AppError unauthorized (no credentials) or forbidden.
 */
export function authorize(actor: Actor, action: MeetingsAction): void {
  switch (action) {
    case 'sources.read':
    case 'sources.write':
    case 'imports.run':
    case 'imports.read':
    case 'corrections.read':
      if (actor.kind === 'anonymous') throw unauthorized();
      if (actor.kind !== 'operator') throw forbidden();
      return;
  }
}
