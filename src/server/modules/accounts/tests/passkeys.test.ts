import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { SoftAuthenticator, type AuthenticationJSON } from '../../../../../test/helpers/soft-authenticator.js';
import { createSiteAdmin } from '../admin-service.js';
import { logCollector } from '../../../../../test/helpers/app.js';

interface ErrorBody {
  error: { code: string; message: string };
}
interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string };
  excludeCredentials?: { id: string }[];
  authenticatorSelection?: { residentKey?: string; userVerification?: string };
}
interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
  userVerification?: string;
}
interface PasskeyBody {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

describe.each(dialectCases())('passkeys on $name', (kind) => {
  let t: AccountsApp;
  const logs = logCollector();
  const credentialIds: string[] = [];
  beforeAll(async () => {
    t = await startAccountsApp(kind, { logLevel: 'info' }, { logStream: logs.stream });
  });
  afterAll(() => t.close());
  const client = () => new SessionClient(t.app);

  async function creationOptions(c: SessionClient, password = STRONG_PASSWORD) {
    const res = await c.post('/api/account/passkeys/options', { password });
    return { res, options: res.statusCode === 200 ? res.json<{ options: CreationOptions }>().options : undefined };
  }

  /** Signs up and adds a passkey made by `authn`; returns the client and the passkey. */
  async function withPasskey(handle: string, authn = new SoftAuthenticator()) {
    const c = client();
    await c.signUp(handle);
    const { options } = await creationOptions(c);
    const res = await c.post('/api/account/passkeys', { name: '  blue key ', response: authn.create(options!) });
    expect(res.statusCode, res.body).toBe(200);
    credentialIds.push(authn.credentials[0]!.id.toString('base64url'));
    return { c, authn, passkey: res.json<{ passkey: PasskeyBody }>().passkey };
  }

  async function requestOptions(challenge?: string) {
    const res = await client().post('/api/auth/passkey/options', challenge ? { challenge } : {});
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ options: RequestOptions }>().options;
  }

  it('adds a passkey only with the current password, lists it, and audits it', async () => {
    const c = client();
    await c.signUp('key-holder');
    const wrong = await creationOptions(c, 'not my password at all');
    expect(wrong.res.statusCode).toBe(401);
    expect(wrong.res.json<ErrorBody>().error.code).toBe('unauthorized');

    const { options } = await creationOptions(c);
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Kinship' },
      user: { name: 'key-holder' },
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      excludeCredentials: [],
    });
    const me = (await c.get('/api/account')).json<{ id: number }>();
    // The user handle is random bytes, not the account's number.
    expect(Buffer.from(options!.user.id, 'base64url').length).toBe(32);
    expect(options!.user.id).not.toBe(Buffer.from(String(me.id)).toString('base64url'));

    const authn = new SoftAuthenticator();
    const added = await c.post('/api/account/passkeys', { name: '  blue key ', response: authn.create(options!) });
    expect(added.statusCode, added.body).toBe(200);
    const passkey = added.json<{ passkey: PasskeyBody }>().passkey;
    expect(passkey).toMatchObject({ name: 'blue key', last_used_at: null });

    const list = await c.get('/api/account/passkeys');
    expect(list.json()).toEqual({ passkeys: [passkey] });
    expect(list.headers['cache-control']).toBe('no-store');
    expect((await c.get('/api/account')).json()).toMatchObject({ two_factor: { passkeys: 1 } });

    // A second enrolment excludes the passkey already there, and keeps the same user handle.
    const again = await creationOptions(c);
    expect(again.options!.excludeCredentials!.map((d) => d.id)).toEqual([authn.credentials[0]!.id.toString('base64url')]);
    expect(again.options!.user.id).toBe(options!.user.id);

    const exported = (await c.get('/api/account/export')).json<{ sections: Record<string, Record<string, unknown>[]> }>();
    expect(exported.sections.passkeys).toEqual([{ name: 'blue key', created_at: passkey.created_at, last_used_at: null }]);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'passkey.added').execute();
    expect(audit.some((a) => a.actor_id === me.id && a.target_id === String(passkey.id))).toBe(true);
  });

  it('refuses a registration from another origin, a reused challenge, an expired one, and a stolen session without CSRF', async () => {
    const c = client();
    await c.signUp('careful-adder');
    const authn = new SoftAuthenticator();
    const first = (await creationOptions(c)).options!;
    const foreign = await c.post('/api/account/passkeys', {
      name: 'phone',
      response: authn.create(first, { origin: 'https://evil.example' }),
    });
    expect(foreign.statusCode).toBe(400);
    // The challenge was used up by that attempt.
    const reused = await c.post('/api/account/passkeys', { name: 'phone', response: authn.create(first) });
    expect(reused.statusCode).toBe(400);
    const late = (await creationOptions(c)).options!;
    t.clock.advance(5 * 60_000 + 1000);
    expect((await c.post('/api/account/passkeys', { name: 'phone', response: authn.create(late) })).statusCode).toBe(400);
    const noCsrf = await c.request({
      method: 'POST',
      url: '/api/account/passkeys/options',
      payload: { password: STRONG_PASSWORD },
      headers: { cookie: `kinship_session=${c.cookie}` },
      raw: true,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await c.get('/api/account/passkeys')).json()).toEqual({ passkeys: [] });
  });

  it('accepts an authenticator that sends an attestation certificate, without looking at the certificate', async () => {
    const c = client();
    await c.signUp('packed-sender');
    const options = (await creationOptions(c)).options!;
    const response = new SoftAuthenticator().create(options, { attestation: 'packed-with-certificate' });
    const res = await c.post('/api/account/passkeys', { name: 'old key', response });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('bounds the size of what an authenticator may send', async () => {
    const c = client();
    await c.signUp('big-sender');
    const options = (await creationOptions(c)).options!;
    const response = new SoftAuthenticator().create(options);
    response.response.attestationObject = 'A'.repeat(70_000);
    expect((await c.post('/api/account/passkeys', { name: 'x', response })).statusCode).toBe(400);
    expect((await c.post('/api/account/passkeys', { name: ' ', response })).statusCode).toBe(400);
    expect((await c.post('/api/account/passkeys', { name: 'n'.repeat(61), response })).statusCode).toBe(400);
  });

  it('finishes a password sign-in with a passkey as the second factor, with a new session', async () => {
    const { authn } = await withPasskey('two-step-key');
    const step = (await client().signIn('two-step-key')).json<{ status: string; challenge: string; methods: string[] }>();
    expect(step).toMatchObject({ status: 'second_factor', methods: ['passkey', 'recovery_code'] });
    const options = await requestOptions(step.challenge);
    expect(options.allowCredentials!.map((d) => d.id)).toEqual([authn.credentials[0]!.id.toString('base64url')]);
    expect(options.rpId).toBe('localhost');

    const c = client();
    await c.signUp('someone-else-here'); // holds a session, which the sign-in must replace
    const before = c.cookie;
    const res = await c.post('/api/auth/passkey', { challenge: step.challenge, response: authn.get(options) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'signed_in', second_factor: true, account: { handle: 'two-step-key' } });
    expect(res.json<{ csrf_token: string }>().csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.cookie).toBeDefined();
    expect(c.cookie).not.toBe(before);
    expect((await c.get('/api/session')).json()).toMatchObject({ account: { handle: 'two-step-key' }, second_factor: true });
    const [listed] = (await c.get('/api/account/passkeys')).json<{ passkeys: PasskeyBody[] }>().passkeys;
    expect(listed!.last_used_at).toBe(t.clock.now.toISOString());
    // The second-factor step was spent.
    const replay = await client().post('/api/auth/passkey', {
      challenge: step.challenge,
      response: authn.get(await requestOptions()),
    });
    expect(replay.statusCode).toBe(401);
  });

  it('signs in with a passkey alone (discoverable), which must verify the person', async () => {
    const { authn } = await withPasskey('no-password-needed');
    const options = await requestOptions();
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe('required');
    const c = client();
    const res = await c.post('/api/auth/passkey', { response: authn.get(options) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'signed_in', second_factor: true, account: { handle: 'no-password-needed' } });
    expect((await c.get('/api/account')).statusCode).toBe(200);

    const withoutUv = await client().post('/api/auth/passkey', {
      response: authn.get(await requestOptions(), { userVerified: false }),
    });
    expect(withoutUv.statusCode).toBe(401);
  });

  it('refuses a counter that does not move forward, another origin, a reused challenge and an expired one', async () => {
    const { authn } = await withPasskey('counted-key');
    const ok = await client().post('/api/auth/passkey', { response: authn.get(await requestOptions()) });
    expect(ok.statusCode).toBe(200);
    const cloned = await client().post('/api/auth/passkey', { response: authn.get(await requestOptions(), { counter: 1 }) });
    expect(cloned.statusCode).toBe(401);
    expect(cloned.json<ErrorBody>().error.code).toBe('unauthorized');

    const foreign = await client().post('/api/auth/passkey', {
      response: authn.get(await requestOptions(), { origin: 'https://evil.example' }),
    });
    expect(foreign.statusCode).toBe(401);

    const options = await requestOptions();
    const signed: AuthenticationJSON = authn.get(options);
    expect((await client().post('/api/auth/passkey', { response: signed })).statusCode).toBe(200);
    expect((await client().post('/api/auth/passkey', { response: signed })).statusCode).toBe(401);
    const reusedChallenge = await client().post('/api/auth/passkey', { response: authn.get(options) });
    expect(reusedChallenge.statusCode).toBe(401);

    const late = await requestOptions();
    t.clock.advance(5 * 60_000 + 1000);
    expect((await client().post('/api/auth/passkey', { response: authn.get(late) })).statusCode).toBe(401);
    // An unknown credential is refused alike.
    const stranger = new SoftAuthenticator();
    stranger.create({ challenge: 'x', rp: { id: 'localhost', name: 'x' }, user: { id: 'dXNlcg' } });
    expect((await client().post('/api/auth/passkey', { response: stranger.get(await requestOptions()) })).statusCode).toBe(401);
  });

  it('counts failed passkey sign-ins towards the same lock-out as wrong passwords', async () => {
    const { authn } = await withPasskey('locked-by-key');
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/passkey',
        remoteAddress: '10.9.0.1',
        payload: { response: authn.get(await requestOptions(), { origin: 'https://evil.example' }) },
      });
      expect(res.statusCode).toBe(401);
    }
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '10.9.0.2',
      payload: { handle: 'locked-by-key', password: STRONG_PASSWORD },
    });
    expect(password.statusCode).toBe(429);
    t.clock.advance(31_000);
  });

  it('removes only my own passkey; another member gets 404 as for one that does not exist', async () => {
    const { c, passkey } = await withPasskey('owner-of-key');
    const other = client();
    await other.signUp('not-the-owner');
    const theirs = await other.request({ method: 'DELETE', url: `/api/account/passkeys/${passkey.id}` });
    expect(theirs.statusCode).toBe(404);
    const missing = await other.request({ method: 'DELETE', url: '/api/account/passkeys/999999' });
    expect(missing.statusCode).toBe(404);
    expect(theirs.json<ErrorBody>().error.code).toBe(missing.json<ErrorBody>().error.code);
    const mine = await c.request({ method: 'DELETE', url: `/api/account/passkeys/${passkey.id}` });
    expect(mine.json()).toEqual({ ok: true });
    expect((await c.get('/api/account/passkeys')).json()).toEqual({ passkeys: [] });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'passkey.removed').execute();
    expect(audit.some((a) => a.target_id === String(passkey.id))).toBe(true);
    // Without passkeys the password alone signs in again.
    expect((await client().signIn('owner-of-key')).json()).toMatchObject({ status: 'signed_in' });
  });

  it('lets a passkey satisfy a privileged role, and keeps the last one while the role needs it', async () => {
    await createSiteAdmin(t.database, { handle: 'key-admin', password: STRONG_PASSWORD });
    const admin = client();
    await admin.signIn('key-admin');
    expect((await admin.get('/api/admin/accounts')).json<ErrorBody>().error.code).toBe('second_factor_required');
    const authn = new SoftAuthenticator();
    const options = (await creationOptions(admin)).options!;
    const added = await admin.post('/api/account/passkeys', { name: 'admin key', response: authn.create(options) });
    expect(added.statusCode).toBe(200);

    const step = (await client().signIn('key-admin')).json<{ challenge: string; methods: string[] }>();
    expect(step.methods).toContain('passkey');
    const c = client();
    await c.post('/api/auth/passkey', { challenge: step.challenge, response: authn.get(await requestOptions(step.challenge)) });
    const listed = await c.get('/api/admin/accounts?prefix=key-admin');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ accounts: [{ handle: 'key-admin', two_factor: true }] });

    const id = added.json<{ passkey: PasskeyBody }>().passkey.id;
    expect((await c.request({ method: 'DELETE', url: `/api/account/passkeys/${id}` })).statusCode).toBe(409);
  });

  it('deletes passkeys with the account', async () => {
    const { c } = await withPasskey('leaving-with-key');
    const id = (await c.get('/api/account')).json<{ id: number }>().id;
    const res = await c.post('/api/account/delete', { password: STRONG_PASSWORD, posts: 'delete' });
    expect(res.statusCode).toBe(200);
    expect(await t.database.db.selectFrom('passkeys').selectAll().where('account_id', '=', id).execute()).toEqual([]);
  });

  it('limits passkey sign-in options per client address (each stores a challenge)', async () => {
    const ask = () => t.app.inject({ method: 'POST', url: '/api/auth/passkey/options', remoteAddress: '10.9.9.9', payload: {} });
    for (let i = 0; i < 60; i++) expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(429);
  });

  it('writes no handle, passkey name or credential id to the logs', () => {
    const text = logs.lines.join('\n');
    expect(text).toContain('/api/auth/passkey');
    expect(credentialIds.length).toBeGreaterThan(3);
    for (const secret of ['key-holder', 'no-password-needed', 'blue key', ...credentialIds]) expect(text).not.toContain(secret);
  });

  it('takes the relying party from a loopback Host only, when PUBLIC_URL is not set', async () => {
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { host: 'kinship.example.org' },
      payload: {},
    });
    expect(foreign.statusCode).toBe(400);
    const local = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { host: '127.0.0.1:3000' },
      payload: {},
    });
    expect(local.json<{ options: RequestOptions }>().options.rpId).toBe('127.0.0.1');
  });
});

describe.each(dialectCases())('passkeys with PUBLIC_URL on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind, { publicUrl: 'https://kinship.example.org', publicUrlConfigured: true });
  });
  afterAll(() => t.close());

  it('uses the configured host and origin, whatever the request says', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/passkey/options',
      headers: { host: 'localhost:3000' },
      payload: {},
    });
    expect(res.json<{ options: RequestOptions }>().options.rpId).toBe('kinship.example.org');
  });
});
