import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionState } from '../../../../shared/schemas/accounts.js';
import type { AuthContext } from '../../../security/request-actor.js';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../../../security/session-cookie.js';
import type { MemberActor } from '../../../security/actor.js';
import { authorize, type Action } from '../../../security/policy.js';
import type { DatabaseHandle } from '../../../db/index.js';
import type { AuthDeps, ClientInfo } from '../auth-service.js';
import { deviceLabel } from '../device-label.js';
import type { StartedSession } from '../sessions-service.js';
import { accountView } from '../account-view.js';

export function authDeps(auth: AuthContext, database: DatabaseHandle): AuthDeps {
  return { database, limits: auth.limits, sessions: auth.sessions, now: auth.now };
}

export function clientInfo(request: FastifyRequest, auth: AuthContext): ClientInfo {
  const previousToken = readSessionToken(request, auth.cookie);
  return { address: request.ip, label: deviceLabel(request.headers['user-agent']), ...(previousToken ? { previousToken } : {}) };
}

/** The signed-in member allowed to do `action` to their own account, or an error (401, 403, CSRF). */
export async function ownAccount(request: FastifyRequest, action: Action): Promise<MemberActor> {
  const actor = await request.actor();
  authorize(actor, action, { accountId: actor.kind === 'member' ? actor.accountId : undefined });
  return actor as MemberActor;
}

/** Sets the new session's cookie and answers with the signed-in state. */
export async function signedIn(
  reply: FastifyReply,
  auth: AuthContext,
  database: DatabaseHandle,
  accountId: number,
  session: StartedSession,
  secondFactor: boolean,
): Promise<SessionState> {
  setSessionCookie(reply, auth.cookie, session.token, auth.sessions.absoluteMs);
  return { account: await accountView(database.db, accountId), csrf_token: session.csrfToken, second_factor: secondFactor };
}

export function signedOut(reply: FastifyReply, auth: AuthContext): SessionState {
  clearSessionCookie(reply, auth.cookie);
  return { account: null, csrf_token: null, second_factor: false };
}
