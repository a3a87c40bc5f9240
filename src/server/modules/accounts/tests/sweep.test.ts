import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { SessionClient } from '../../../../../test/helpers/session-client.js';
import { sweepExpired } from '../sweep.js';

const HOUR = 60 * 60_000;

describe.each(dialectCases())('sweeping expired sessions and tokens on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind);
  });
  afterAll(() => t.close());

  it('deletes expired and idle sessions, challenges and reset tokens, and keeps live ones', async () => {
    const db = t.database.db;
    const stale = new SessionClient(t.app);
    await stale.signUp('swept-away');
    const accountId = (await stale.get('/api/account')).json<{ id: number }>().id;
    const at = (ms: number) => new Date(t.clock.now.getTime() + ms).toISOString();
    await db
      .insertInto('auth_challenges')
      .values([
        { id: 'a'.repeat(64), kind: 'passkey_auth', account_id: null, data: '{}', expires_at: at(5 * 60_000) },
        { id: 'b'.repeat(64), kind: 'second_factor', account_id: accountId, data: '{}', expires_at: at(3 * HOUR) },
      ])
      .execute();
    await db
      .insertInto('password_resets')
      .values([
        { account_id: accountId, token_hash: 'c'.repeat(64), created_at: at(0), expires_at: at(30 * 60_000) },
        { account_id: accountId, token_hash: 'd'.repeat(64), created_at: at(0), expires_at: at(3 * HOUR) },
      ])
      .execute();

    // Two hours on, a member session created now is still within its idle limit (a week by default).
    t.clock.advance(2 * HOUR);
    const fresh = new SessionClient(t.app);
    await fresh.signUp('still-here');
    const first = await sweepExpired(db, t.clock.now, { idleMs: 7 * 24 * HOUR, absoluteMs: 30 * 24 * HOUR });
    expect(first).toEqual({ sessions: 0, challenges: 1, resets: 1 });

    // With a one-hour idle limit, the session unused for two hours goes; the one just made stays.
    const second = await sweepExpired(db, t.clock.now, { idleMs: HOUR, absoluteMs: 30 * 24 * HOUR });
    expect(second.sessions).toBe(1);
    expect((await fresh.get('/api/account')).statusCode).toBe(200);
    const left = await db.selectFrom('auth_challenges').select('id').execute();
    expect(left.map((r) => r.id)).toEqual(['b'.repeat(64)]);
    expect((await db.selectFrom('password_resets').select('token_hash').execute()).map((r) => r.token_hash)).toEqual([
      'd'.repeat(64),
    ]);
  });
});
