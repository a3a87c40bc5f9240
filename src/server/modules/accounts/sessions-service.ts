import type { Db, DbOrTx } from '../../db/types.js';
import type { Grant } from '../../security/actor.js';
import { PRIVILEGED_ROLES } from '../../../shared/schemas/accounts.js';
import { newToken, tokenHash } from '../../security/tokens.js';
import { listGrants } from './repository/accounts.js';
import {
  deleteSession,
  findSession,
  findSessions,
  insertSession,
  touchSession,
  touchSessions,
  type SessionRow,
} from './repository/sessions.js';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however much it is used. */
  absoluteMs: number;
}

export interface StartedSession {
  /** Goes in the cookie; the database keeps only its hash. */
  token: string;
  id: string;
  csrfToken: string;
}

/**
 * Starts a session for an account. `replacing` is the session the browser held before (if any): it ends now, so a
 * session id planted before sign-in is worthless after it (session fixation), and privilege changes get a fresh id.
 */
export async function startSession(
  db: DbOrTx,
  accountId: number,
  options: { secondFactor: boolean; label: string; replacing?: string; now: Date; policy: SessionPolicy },
): Promise<StartedSession> {
  if (options.replacing) await deleteSession(db, tokenHash(options.replacing));
  const token = newToken();
  const id = tokenHash(token);
  const csrfToken = newToken();
  const now = options.now.toISOString();
  await insertSession(db, {
    id,
    account_id: accountId,
    csrf_token: csrfToken,
    mfa: options.secondFactor ? 1 : 0,
    label: options.label,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(options.now.getTime() + options.policy.absoluteMs).toISOString(),
  });
  return { token, id, csrfToken };
}

export interface LiveSession {
  row: SessionRow;
  grants: Grant[];
}

/** Writing last_seen_at on every request would turn reads into writes; once a minute is precise enough for idling. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Sessions of people holding a role that acts on others (moderators, admins…) follow NIST's AAL2 limits, whatever
 * the member setting: 30 minutes unused, 12 hours at most.
 */
export const PRIVILEGED_SESSION: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

/** The live session for a cookie's token, or undefined when there is none or it has expired (then it is removed). */
export async function resolveSession(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<LiveSession | undefined> {
  const id = tokenHash(token);
  const row = await findSession(db, id);
  if (!row) return undefined;
  const grants = await listGrants(db, row.account_id);
  const limits = grants.some((g) => PRIVILEGED_ROLES.includes(g.role)) ? tighter(policy, PRIVILEGED_SESSION) : policy;
  const t = now.getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  if (sessionExpired(row, t, limits)) {
    await deleteSession(db, id);
    return undefined;
  }
  if (t - lastSeen >= TOUCH_EVERY_MS) await touchSession(db, id, now.toISOString());
  return { row, grants };
}

function sessionExpired(row: SessionRow, t: number, limits: SessionPolicy): boolean {
  return (
    Date.parse(row.expires_at) <= t ||
    t - Date.parse(row.created_at) >= limits.absoluteMs ||
    t - Date.parse(row.last_seen_at) >= limits.idleMs
  );
}

/**
 * Which of many sessions have ended (signed out, expired, account deleted), in one query: the chat hub asks this for
 * every open socket each heartbeat and closes the ended ones (issue 7). An open socket is use, so the live sessions
 * are marked used (at most once a minute, one statement), and a facilitator in a long meeting is not signed out
 * as idle. `privileged`: sessions of people holding a privileged role, which follow the tighter limits.
 */
export async function endedSessions(
  db: Db,
  sessions: readonly { id: string; privileged: boolean }[],
  now: Date,
  policy: SessionPolicy,
): Promise<Set<string>> {
  const t = now.getTime();
  const rows = new Map((await findSessions(db, sessions.map((s) => s.id))).map((r) => [r.id, r]));
  const ended = new Set<string>();
  const touch: string[] = [];
  for (const s of sessions) {
    const row = rows.get(s.id);
    const limits = s.privileged ? tighter(policy, PRIVILEGED_SESSION) : policy;
    if (!row || sessionExpired(row, t, limits)) ended.add(s.id);
    else if (t - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) touch.push(s.id);
  }
  await touchSessions(db, [...new Set(touch)], now.toISOString());
  return ended;
}

function tighter(a: SessionPolicy, b: SessionPolicy): SessionPolicy {
  return { idleMs: Math.min(a.idleMs, b.idleMs), absoluteMs: Math.min(a.absoluteMs, b.absoluteMs) };
}
