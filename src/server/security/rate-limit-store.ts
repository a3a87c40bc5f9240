import { Redis } from 'ioredis';

/**
 * Counters with expiry, shared by every limit (sign-in, sign-up, resets, the API). With Redis configured the counts
 * live there, so a limit holds across instances; otherwise in this process. Keys carry no personal data in clear:
 * callers pass hashed keys for handles and addresses.
 */
export interface RateLimitStore {
  /** Adds one to `key`'s window (started by the first hit, `windowMs` long); returns the count and ms left. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** Milliseconds until `key` expires; 0 when it does not exist. */
  remaining(key: string): Promise<number>;
  /** Sets `key` to expire in `ms` (a lock-out). */
  lock(key: string, ms: number): Promise<void>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export function memoryRateLimitStore(maxKeys = 50_000, now: () => number = Date.now): RateLimitStore {
  const entries = new Map<string, { count: number; expiresAt: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const sweep = () => {
    const t = now();
    for (const [key, e] of entries) if (e.expiresAt <= t) entries.delete(key);
    // A flood of distinct keys: forget the oldest rather than grow without bound.
    for (const key of entries.keys()) {
      if (entries.size < maxKeys) break;
      entries.delete(key);
    }
  };
  return {
    hit(key, windowMs) {
      let e = live(key);
      if (!e) {
        if (entries.size >= maxKeys) sweep();
        e = { count: 0, expiresAt: now() + windowMs };
        entries.set(key, e);
      }
      e.count += 1;
      return Promise.resolve({ count: e.count, resetMs: e.expiresAt - now() });
    },
    remaining(key) {
      const e = live(key);
      return Promise.resolve(e ? e.expiresAt - now() : 0);
    },
    lock(key, ms) {
      if (entries.size >= maxKeys) sweep();
      entries.set(key, { count: 1, expiresAt: now() + ms });
      return Promise.resolve();
    },
    clear(key) {
      entries.delete(key);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

// INCR and the window's expiry in one step, so a crash between them cannot leave a counter that never expires.
const HIT_SCRIPT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

export async function redisRateLimitStore(url: string, prefix = 'kinship:rl:'): Promise<RateLimitStore> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true });
  redis.on('error', () => undefined); // ioredis reconnects; a failing command rejects and the request fails closed
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    const { hostname, port } = new URL(url);
    throw new Error(`Could not connect to Redis at ${hostname}:${port || 6379} (REDIS_URL) for rate limits`, { cause: err });
  }
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, prefix + key, String(windowMs))) as [number, number];
      return { count, resetMs: Math.max(0, ttl) };
    },
    async remaining(key) {
      return Math.max(0, await redis.pttl(prefix + key));
    },
    async lock(key, ms) {
      await redis.set(prefix + key, '1', 'PX', Math.max(1, Math.round(ms)));
    },
    async clear(key) {
      await redis.del(prefix + key);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
