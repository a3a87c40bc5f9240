import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type {} from '../../../../../test/setup/provided-context.js';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { buildTestApp } from '../../../../../test/helpers/app.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { testConfig } from '../../../config.js';
import { DEFAULT_RATE_LIMITS } from '../../../security/rate-limits.js';

const WRONG = 'definitely not my password';

describe.each(dialectCases())('brute force and rate limits on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind, { rateLimits: { ...DEFAULT_RATE_LIMITS, api: { limit: 0, windowMs: 60_000 } } });
  });
  afterAll(() => t.close());
  const client = () => new SessionClient(t.app);
  const signInFrom = (address: string, handle: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: address, payload: { handle, password } });

  it('throttles the 6th rapid wrong password; the right one during the lock-out still waits; the wait grows', async () => {
    await client().signUp('target-one');
    for (let i = 0; i < 5; i++) expect((await signInFrom('10.0.0.1', 'target-one', WRONG)).statusCode).toBe(401);
    const sixth = await signInFrom('10.0.0.1', 'target-one', WRONG);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBe(30);
    // From another address too: the lock is on the handle.
    const right = await signInFrom('10.0.0.2', 'target-one', STRONG_PASSWORD);
    expect(right.statusCode).toBe(429);
    t.clock.advance(31_000);
    // The next failure doubles the wait.
    expect((await signInFrom('10.0.0.1', 'target-one', WRONG)).statusCode).toBe(401);
    expect(Number((await signInFrom('10.0.0.1', 'target-one', STRONG_PASSWORD)).headers['retry-after'])).toBe(60);
    t.clock.advance(61_000);
    expect((await signInFrom('10.0.0.2', 'target-one', STRONG_PASSWORD)).statusCode).toBe(200);
    // Success forgets the handle's failures.
    for (let i = 0; i < 4; i++) expect((await signInFrom('10.0.0.3', 'target-one', WRONG)).statusCode).toBe(401);
    expect((await signInFrom('10.0.0.3', 'target-one', STRONG_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an unknown handle exactly like a real one, so the limit reveals nothing', async () => {
    for (let i = 0; i < 5; i++) expect((await signInFrom('10.0.1.1', 'no-such-person', WRONG)).statusCode).toBe(401);
    const sixth = await signInFrom('10.0.1.1', 'no-such-person', WRONG);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers['retry-after']).toBe('30');
  });

  it('locks an address that tries many handles', async () => {
    for (let i = 0; i < 20; i++) expect((await signInFrom('10.0.2.1', `sprayed-${i}`, WRONG)).statusCode).toBe(401);
    expect((await signInFrom('10.0.2.1', 'sprayed-new', WRONG)).statusCode).toBe(429);
    expect((await signInFrom('10.0.2.2', 'sprayed-new', WRONG)).statusCode).toBe(401);
  });

  it('limits sign-ups per address', async () => {
    const signUp = (i: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-up',
        remoteAddress: '10.0.3.1',
        payload: { handle: `burst-${i}`, password: STRONG_PASSWORD },
      });
    for (let i = 0; i < 5; i++) expect((await signUp(i)).statusCode).toBe(201);
    const sixth = await signUp(5);
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('guessing second-factor codes meets the same lock-out', async () => {
    const c = client();
    await c.signUp('guessed-codes');
    const setup = (await c.post('/api/account/totp/setup')).json<{ challenge: string; secret: string }>();
    const { codeAt } = await import('../../../../../test/helpers/totp.js');
    await c.post('/api/account/totp/enable', { challenge: setup.challenge, code: codeAt(setup.secret, t.clock.now) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const step = await signInFrom('10.0.4.1', 'guessed-codes', STRONG_PASSWORD);
      if (step.statusCode !== 200) {
        statuses.push(step.statusCode);
        continue;
      }
      const { challenge } = step.json<{ challenge: string }>();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/second-factor',
        remoteAddress: '10.0.4.1',
        payload: { challenge, code: String(100000 + i) },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('the general API limit', () => {
  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const [kind] = dialectCases();
    const t = await startAccountsApp(kind!, { rateLimits: { ...DEFAULT_RATE_LIMITS, api: { limit: 3, windowMs: 60_000 } } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await t.app.inject({ url: '/api/meta', remoteAddress: '10.9.0.1' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const other = await t.app.inject({ url: '/api/meta', remoteAddress: '10.9.0.2' });
      expect(other.statusCode).toBe(200);
      // Health checks are outside the API and never limited.
      expect((await t.app.inject({ url: '/healthz', remoteAddress: '10.9.0.1' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe.runIf(inject('redisUrl'))('limits shared across instances through Redis', () => {
  it('counts failures on two instances of one installation together', async () => {
    const [kind] = dialectCases()
      .filter((k) => k.name === 'postgres')
      .concat(dialectCases());
    const a = await startAccountsApp(kind!, { redisUrl: inject('redisUrl')! });
    const b = await buildTestApp({ ...testConfig(), databaseUrl: a.url, redisUrl: inject('redisUrl')! });
    try {
      await new SessionClient(a.app).signUp('shared-target');
      const attempt = (app: typeof a.app) =>
        app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { handle: 'shared-target', password: WRONG } });
      const statuses = [];
      for (const app of [a.app, b, a.app, b, a.app, b]) statuses.push((await attempt(app)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const right = await b.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { handle: 'shared-target', password: STRONG_PASSWORD },
      });
      expect(right.statusCode).toBe(429);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
