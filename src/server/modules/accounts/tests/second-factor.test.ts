import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { codeAt } from '../../../../../test/helpers/totp.js';
import { createSiteAdmin } from '../admin-service.js';

interface Setup {
  challenge: string;
  secret: string;
  uri: string;
  qr: { size: number; rows: string[] };
}

describe.each(dialectCases())('two-step sign-in, roles and the audit log on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind);
  });
  afterAll(() => t.close());
  const client = () => new SessionClient(t.app);

  /** Signs up and turns on TOTP; returns the client (now second-factor signed in), secret and recovery codes. */
  async function withTotp(handle: string) {
    const c = client();
    const codes = await c.signUp(handle);
    const setup = (await c.post('/api/account/totp/setup')).json<Setup>();
    const enable = await c.post('/api/account/totp/enable', {
      challenge: setup.challenge,
      code: codeAt(setup.secret, t.clock.now),
    });
    expect(enable.statusCode).toBe(200);
    return { c, secret: setup.secret, codes };
  }

  it('sets up TOTP with a QR code drawn from our own data, and rotates the session', async () => {
    const c = client();
    await c.signUp('two-step');
    const before = c.cookie;
    const setup = (await c.post('/api/account/totp/setup')).json<Setup>();
    expect(setup.uri).toContain('otpauth://totp/Kinship%3Atwo-step?secret=');
    expect(setup.qr.rows).toHaveLength(setup.qr.size);
    expect(setup.qr.rows.every((r) => /^[01]+$/.test(r) && r.length === setup.qr.size)).toBe(true);
    const wrong = await c.post('/api/account/totp/enable', { challenge: setup.challenge, code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const ok = await c.post('/api/account/totp/enable', { challenge: setup.challenge, code: codeAt(setup.secret, t.clock.now) });
    expect(ok.json()).toMatchObject({ second_factor: true, account: { two_factor: { totp: true } } });
    expect(c.cookie).not.toBe(before);
  });

  it('asks for the second factor after the password; a code works once; a recovery code works once', async () => {
    const { secret, codes } = await withTotp('asks-twice');
    const step1 = await client().signIn('asks-twice');
    const first = step1.json<{ status: string; challenge: string; methods: string[] }>();
    expect(first).toMatchObject({ status: 'second_factor', methods: ['totp', 'recovery_code'] });
    expect(step1.cookies.find((k) => k.name === 'kinship_session')).toBeUndefined();

    t.clock.advance(30_000); // the enrolment used this step's code
    const code = codeAt(secret, t.clock.now);
    const c = client();
    const done = await c.post('/api/auth/sign-in/second-factor', { challenge: first.challenge, code });
    expect(done.json()).toMatchObject({ second_factor: true, account: { handle: 'asks-twice' } });
    // The challenge was spent, and the same code is refused on a new sign-in (replay).
    expect((await client().post('/api/auth/sign-in/second-factor', { challenge: first.challenge, code })).statusCode).toBe(401);
    const again = (await client().signIn('asks-twice')).json<{ challenge: string }>();
    expect((await client().post('/api/auth/sign-in/second-factor', { challenge: again.challenge, code })).statusCode).toBe(401);
    // A recovery code instead, once.
    const byCode = await client().post('/api/auth/sign-in/second-factor', { challenge: again.challenge, code: codes[3]! });
    expect(byCode.statusCode).toBe(200);
    const third = (await client().signIn('asks-twice')).json<{ challenge: string }>();
    expect(
      (await client().post('/api/auth/sign-in/second-factor', { challenge: third.challenge, code: codes[3]! })).statusCode,
    ).toBe(401);
    // The step expires.
    const late = (await client().signIn('asks-twice')).json<{ challenge: string }>();
    t.clock.advance(6 * 60_000);
    expect(
      (await client().post('/api/auth/sign-in/second-factor', { challenge: late.challenge, code: codes[4]! })).statusCode,
    ).toBe(401);
  });

  it('privileged roles need a second factor: an admin without one is refused, with one is let in, and every change is audited', async () => {
    const { recoveryCodes } = await createSiteAdmin(t.database, { handle: 'site-keeper', password: STRONG_PASSWORD });
    expect(recoveryCodes).toHaveLength(10);
    const admin = client();
    await admin.signIn('site-keeper');
    const refused = await admin.get('/api/admin/accounts');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('second_factor_required');
    const setup = (await admin.post('/api/account/totp/setup')).json<Setup>();
    await admin.post('/api/account/totp/enable', { challenge: setup.challenge, code: codeAt(setup.secret, t.clock.now) });
    const listed = await admin.get('/api/admin/accounts?prefix=site');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({
      accounts: [{ handle: 'site-keeper', two_factor: true, roles: [{ role: 'site_admin' }] }],
    });
    expect(JSON.stringify(listed.json())).not.toContain('@');

    // A member gets a role: their sessions end, and the role counts only once they have a second factor.
    const { c: member } = await withTotp('future-mod');
    const memberId = (await member.get('/api/account')).json<{ id: number }>().id;
    const granted = await admin.request({ method: 'PUT', url: `/api/admin/accounts/${memberId}/roles/moderator`, payload: {} });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ roles: [{ role: 'moderator' }] });
    expect((await member.get('/api/account')).statusCode).toBe(401);
    const needsScope = await admin.request({
      method: 'PUT',
      url: `/api/admin/accounts/${memberId}/roles/facilitator`,
      payload: {},
    });
    expect(needsScope.statusCode).toBe(409);
    const scoped = await admin.request({
      method: 'PUT',
      url: `/api/admin/accounts/${memberId}/roles/facilitator`,
      payload: { scope: 'group-12' },
    });
    expect(scoped.json()).toMatchObject({ roles: [{ role: 'moderator' }, { role: 'facilitator', scope: 'group-12' }] });
    const revoked = await admin.request({
      method: 'DELETE',
      url: `/api/admin/accounts/${memberId}/roles/moderator`,
      payload: {},
    });
    expect(revoked.json()).toMatchObject({ roles: [{ role: 'facilitator', scope: 'group-12' }] });
    // Members and non-admins cannot grant anything.
    const plain = client();
    await plain.signUp('plain-member');
    expect(
      (await plain.request({ method: 'PUT', url: `/api/admin/accounts/${memberId}/roles/site_admin`, payload: {} })).statusCode,
    ).toBe(403);
    expect((await plain.get('/api/admin/audit')).statusCode).toBe(403);
    expect((await client().get('/api/admin/audit')).statusCode).toBe(401);

    const audit = (await admin.get('/api/admin/audit')).json<{
      entries: { action: string; actor: string | null; target_account: string | null; detail: Record<string, unknown> }[];
    }>();
    expect(audit.entries.slice(0, 3).map((e) => [e.action, e.actor, e.target_account, e.detail.role])).toEqual([
      ['role.revoked', 'site-keeper', 'future-mod', 'moderator'],
      ['role.granted', 'site-keeper', 'future-mod', 'facilitator'],
      ['role.granted', 'site-keeper', 'future-mod', 'moderator'],
    ]);
    expect(
      audit.entries.some((e) => e.action === 'role.granted' && e.detail.via === 'cli' && e.target_account === 'site-keeper'),
    ).toBe(true);
  });

  it('keeps the audit log append-only even against direct SQL', async () => {
    const db = t.database.db;
    const row = await db.selectFrom('audit_log').select('id').executeTakeFirstOrThrow();
    await expect(db.updateTable('audit_log').set({ action: 'forged' }).where('id', '=', row.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('audit_log').set({ actor_id: 999_999 }).where('id', '=', row.id).execute()).rejects.toThrow();
  });

  it('will not turn off the last second factor of someone holding a privileged role', async () => {
    const { c } = await withTotp('holds-role');
    const id = (await c.get('/api/account')).json<{ id: number }>().id;
    await t.database.db
      .insertInto('role_grants')
      .values({ account_id: id, role: 'moderator', scope: '', created_at: new Date().toISOString() })
      .execute();
    const res = await c.post('/api/account/totp/disable', { password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(409);
    const { c: free } = await withTotp('no-role');
    const off = await free.post('/api/account/totp/disable', { password: STRONG_PASSWORD });
    expect(off.json()).toMatchObject({ two_factor: { totp: false } });
  });
});
