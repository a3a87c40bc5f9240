import { createHmac, randomBytes } from 'node:crypto';
import { tooManyRequests } from '../errors.js';
import type { RateLimitStore } from './rate-limit-store.js';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** The limits of this installation; tests shorten or loosen them. */
export interface RateLimitSettings {
  signUp: WindowLimit;
  passwordReset: WindowLimit;
  /** Passkey sign-in options per client address: each stores a challenge for 5 minutes. */
  passkeyOptions: WindowLimit;
  /** Correction requests one address may send about listings. */
  corrections: WindowLimit;
  /** Reports one member may send about messages and posts (issue 7). */
  reports: WindowLimit;
  /** Every API request per client address; 0 turns the general limit off. */
  api: WindowLimit;
  signIn: {
    /** Failures for one handle before it locks. */
    accountFailures: number;
    /** Failures from one address (across handles) before it locks. */
    addressFailures: number;
    /** The first lock-out; each further failure doubles it, up to `maxLockMs`. */
    firstLockMs: number;
    maxLockMs: number;
    /** How long failures are remembered. */
    failureWindowMs: number;
  };
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  signUp: { limit: 5, windowMs: 60 * 60_000 },
  passwordReset: { limit: 5, windowMs: 60 * 60_000 },
  passkeyOptions: { limit: 60, windowMs: 60_000 },
  corrections: { limit: 10, windowMs: 15 * 60_000 },
  reports: { limit: 10, windowMs: 15 * 60_000 },
  api: { limit: 600, windowMs: 60_000 },
  signIn: { accountFailures: 5, addressFailures: 20, firstLockMs: 30_000, maxLockMs: 15 * 60_000, failureWindowMs: 60 * 60_000 },
};

export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts. Please wait a little and try again.') =>
  tooManyRequests(retryAfterSeconds, message);

/**
 * The limits, over one store. Keys are HMACs of the handle or address under the installation's secret (kept in the
 * database, so every instance sharing a Redis computes the same keys), so the store never holds either in clear.
 */
export class RateLimits {
  private salt: Promise<string> | undefined;

  /**
   * `salt` may be a function, read at the first limited request: an instance started without migrating (a
   * read-only replica, `/readyz` reporting pending migrations) must start before the table holding it exists.
   */
  constructor(
    readonly store: RateLimitStore,
    readonly settings: RateLimitSettings,
    private readonly saltSource: string | (() => Promise<string>) = randomBytes(16).toString('hex'),
  ) {}

  private async key(kind: string, value: string): Promise<string> {
    if (!this.salt) {
      const source = this.saltSource;
      this.salt = typeof source === 'string' ? Promise.resolve(source) : source();
      // A failed read is tried again by the next request rather than remembered.
      this.salt.catch(() => (this.salt = undefined));
    }
    const salt = await this.salt;
    return `${kind}:${createHmac('sha256', salt).update(value).digest('base64url').slice(0, 22)}`;
  }

  /** Counts one request against a window limit; throws `rate_limited` over it. */
  async take(kind: string, value: string, limit: WindowLimit): Promise<void> {
    if (limit.limit <= 0) return;
    const { count, resetMs } = await this.store.hit(await this.key(kind, value), limit.windowMs);
    if (count > limit.limit) throw rateLimited(resetMs / 1000);
  }

  /**
   * Before checking a password: refuses while the handle or the address is locked out. The lock is checked before
   * the password, so during a lock-out even the right password waits.
   */
  async checkSignIn(handleKey: string, address: string): Promise<void> {
    const [forAccount, forAddress] = await Promise.all([
      this.store.remaining(await this.key('lock:acct', handleKey)),
      this.store.remaining(await this.key('lock:addr', address)),
    ]);
    const wait = Math.max(forAccount, forAddress);
    if (wait > 0) throw rateLimited(wait / 1000, 'Too many sign-in attempts. Please wait and try again.');
  }

  /** After a wrong password (or an unknown handle, counted alike): locks with a back-off that doubles each time. */
  async failedSignIn(handleKey: string, address: string): Promise<void> {
    const s = this.settings.signIn;
    const [acct, addr] = await Promise.all([
      this.store.hit(await this.key('fail:acct', handleKey), s.failureWindowMs),
      this.store.hit(await this.key('fail:addr', address), s.failureWindowMs),
    ]);
    const lockFor = (count: number, threshold: number) => Math.min(s.maxLockMs, s.firstLockMs * 2 ** (count - threshold));
    const locks: Promise<void>[] = [];
    if (acct.count >= s.accountFailures)
      locks.push(this.store.lock(await this.key('lock:acct', handleKey), lockFor(acct.count, s.accountFailures)));
    if (addr.count >= s.addressFailures)
      locks.push(this.store.lock(await this.key('lock:addr', address), lockFor(addr.count, s.addressFailures)));
    await Promise.all(locks);
  }

  /** A correct sign-in forgets the handle's failures (the address's stay: it may be guessing other handles). */
  async succeededSignIn(handleKey: string): Promise<void> {
    await this.store.clear(await this.key('fail:acct', handleKey));
  }
}
