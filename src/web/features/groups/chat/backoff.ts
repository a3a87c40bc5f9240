/**
 * Reconnect delays: "full jitter" exponential back-off (AWS Architecture Blog, "Exponential Backoff and Jitter").
 * Attempt n waits a uniformly random time in [0, min(cap, base · 2ⁿ)), so after an instance dies its clients do
 * not all come back in the same instant (issue 7: "Reconnects are automatic, with jittered back-off").
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/** The upper bound of attempt `attempt`'s delay (0 = the first retry). */
export function backoffCeiling(attempt: number, { baseMs, capMs }: BackoffOptions = DEFAULT_BACKOFF): number {
  // 2^attempt overflows to Infinity past ~1024; min() keeps the cap.
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
}

/** A delay for attempt `attempt`; `random` returns [0, 1) like Math.random. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}
