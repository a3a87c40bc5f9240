/**
 * A fixed-window counter per client, in memory. The project has no shared rate-limit mechanism yet; this keeps one
 * person from flooding a listing's owner with requests. Keys (client addresses) live only in memory, for one window,
 * and are never logged or stored. With several instances each counts alone, which is enough against a flood.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  take(key: string, nowMs = Date.now()): number {
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= nowMs) {
      if (this.hits.size >= this.maxKeys) this.sweep(nowMs);
      entry = { count: 0, resetAt: nowMs + this.windowMs };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    return entry.count > this.limit ? Math.ceil((entry.resetAt - nowMs) / 1000) : 0;
  }

  /** Drops expired windows; if all are live (a flood of addresses), starts over rather than grow without bound. */
  private sweep(nowMs: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= nowMs) this.hits.delete(key);
    if (this.hits.size >= this.maxKeys) this.hits.clear();
  }
}
