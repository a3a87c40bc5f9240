import type { DbOrTx } from '../../db/types.js';
import { deleteExpiredChallenges } from './repository/secrets.js';
import { deleteExpiredSessions } from './repository/sessions.js';
import type { SessionPolicy } from './sessions-service.js';

/** How often each instance sweeps; every instance may, since deleting expired rows twice is harmless. */
export const SWEEP_EVERY_MS = 10 * 60_000;

export interface SweepResult {
  sessions: number;
  challenges: number;
  resets: number;
}

/**
 * Deletes what has expired: sessions past their absolute end or unused past the idle limit, sign-in steps and
 * WebAuthn challenges, and reset tokens. Expired rows are already refused when used; sweeping keeps the tables
 * small and leaves no trace of old sign-ins behind.
 */
export async function sweepExpired(db: DbOrTx, now: Date, sessions: SessionPolicy): Promise<SweepResult> {
  const iso = now.toISOString();
  const idleBefore = new Date(now.getTime() - sessions.idleMs).toISOString();
  const ended = await deleteExpiredSessions(db, iso, idleBefore);
  const { challenges, resets } = await deleteExpiredChallenges(db, iso);
  return { sessions: ended, challenges, resets };
}

/** Sweeps every `SWEEP_EVERY_MS` without keeping the process alive; returns a function that stops it. */
export function startSweeper(db: DbOrTx, now: () => Date, sessions: SessionPolicy, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => {
    sweepExpired(db, now(), sessions).catch(onError);
  }, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
