import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { logCollector } from '../../../../../test/helpers/app.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

describe.each(dialectCases())('sign-up, sign-in and sessions on $name', (kind) => {
  let t: AccountsApp;
  const logs = logCollector();
  beforeAll(async () => {
    t = await startAccountsApp(kind, { logLevel: 'info' }, { logStream: logs.stream });
  });
  afterAll(() => t.close());
  const client = () => new SessionClient(t.app);

  it('signs up with a handle and password only, with ten recovery codes and a locked-down cookie', async () => {
    const c = client();
    const res = await c.post('/api/auth/sign-up', { handle: 'Morning_Light', password: STRONG_PASSWORD });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ account: Record<string, unknown>; recovery_codes: string[]; csrf_token: string }>();
    expect(body.account).toMatchObject({ handle: 'Morning_Light', email: null, roles: [], recovery_codes_left: 10 });
    expect(body.recovery_codes).toHaveLength(10);
    expect(new Set(body.recovery_codes).size).toBe(10);
    expect(body.csrf_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(body)).not.toMatch(/argon2|password_hash/);
    const cookie = res.cookies.find((k) => k.name === 'kinship_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    const me = await c.get('/api/session');
    expect(me.json<{ account: { handle: string } }>().account.handle).toBe('Morning_Light');
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('refuses a taken handle whatever its case, reserved handles, short and guessable passwords, and unknown fields', async () => {
    await client().signUp('river-stone');
    const taken = await client().post('/api/auth/sign-up', { handle: 'RIVER-STONE', password: STRONG_PASSWORD });
    expect(taken.statusCode).toBe(409);
    const cases: [Record<string, unknown>, string][] = [
      [{ handle: 'admin', password: STRONG_PASSWORD }, 'body.handle'],
      [{ handle: 'ab', password: STRONG_PASSWORD }, 'body.handle'],
      [{ handle: 'has space', password: STRONG_PASSWORD }, 'body.handle'],
      [{ handle: 'Ｆullwidth', password: STRONG_PASSWORD }, 'body.handle'],
      [{ handle: 'fine-handle', password: 'short pass' }, 'body.password'],
      [{ handle: 'fine-handle', password: 'password1234' }, 'body.password'],
      [{ handle: 'fine-handle', password: 'fine-handle-2024' }, 'body.password'],
      [{ handle: 'fine-handle', password: STRONG_PASSWORD, real_name: 'Jo' }, 'body'],
      [{ handle: 'fine-handle', password: STRONG_PASSWORD, email: 'not-an-email' }, 'body.email'],
    ];
    // A guessable password comes with a stable reason key, for the page to word in its own language.
    const guessable = await client().post('/api/auth/sign-up', { handle: 'fine-handle', password: 'qwertyuiopasdfgh' });
    const detail = guessable.json<{ error: { details: { field: string; code?: string }[] } }>().error.details[0]!;
    expect(detail.field).toBe('body.password');
    expect(detail.code).toMatch(/^[A-Za-z]+$/);
    for (const [payload, field] of cases) {
      const res = await client().post('/api/auth/sign-up', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const details = res.json<ErrorBody>().error.details ?? [];
      expect(
        details.map((d) => d.field).some((f) => f.startsWith(field)),
        JSON.stringify(details),
      ).toBe(true);
    }
  });

  it('answers a wrong password and an unknown handle alike, and signs in with the right one (any case)', async () => {
    await client().signUp('quiet-harbour');
    const wrong = await client().signIn('quiet-harbour', 'not the password at all');
    const unknown = await client().signIn('nobody-here-at-all', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<ErrorBody>().error.message).toBe(unknown.json<ErrorBody>().error.message);
    const ok = await client().signIn('Quiet-Harbour');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ status: string; account: { handle: string } }>()).toMatchObject({
      status: 'signed_in',
      account: { handle: 'quiet-harbour' },
    });
  });

  it('replaces the session at sign-in (fixation), and a token is worthless after sign-out', async () => {
    await client().signUp('fixed-point');
    const victim = client();
    await victim.signIn('fixed-point');
    const planted = victim.cookie!;
    // The browser already holds a session (planted or old); signing in again must not keep it.
    await victim.signIn('fixed-point');
    expect(victim.cookie).not.toBe(planted);
    const attacker = new SessionClient(t.app);
    attacker.cookie = planted;
    expect((await attacker.get('/api/session')).json<{ account: unknown }>().account).toBeNull();

    const stolen = victim.cookie!;
    const out = await victim.post('/api/auth/sign-out');
    expect(out.statusCode).toBe(200);
    expect(victim.cookie).toBeUndefined();
    attacker.cookie = stolen;
    expect((await attacker.get('/api/session')).json<{ account: unknown }>().account).toBeNull();
    expect((await attacker.get('/api/account')).statusCode).toBe(401);
  });

  it('ends sessions after the idle limit and after the absolute limit, however busy', async () => {
    await client().signUp('clock-watcher');
    const c = client();
    await c.signIn('clock-watcher');
    t.clock.advance(7 * 24 * 3600_000 - 60_000);
    expect((await c.get('/api/account')).statusCode).toBe(200);
    t.clock.advance(7 * 24 * 3600_000 + 1000);
    expect((await c.get('/api/account')).statusCode).toBe(401);

    const busy = client();
    await busy.signIn('clock-watcher');
    for (let day = 0; day < 30; day++) {
      t.clock.advance(24 * 3600_000);
      const status = (await busy.get('/api/account')).statusCode;
      expect(status, `day ${day + 1}`).toBe(day + 1 < 30 ? 200 : 401);
    }
  });

  it('needs the CSRF token for state changes on a session, and refuses cross-site requests', async () => {
    await client().signUp('token-keeper');
    const c = client();
    await c.signIn('token-keeper');
    const noToken = await c.request({
      method: 'PATCH',
      url: '/api/account',
      payload: { discreet: true },
      headers: {},
      raw: false,
      ...{},
    });
    expect(noToken.statusCode).toBe(200); // the client sends its token
    const withoutHeader = await t.app.inject({
      method: 'PATCH',
      url: '/api/account',
      payload: { discreet: false },
      headers: { cookie: `kinship_session=${c.cookie!}` },
    });
    expect(withoutHeader.statusCode).toBe(403);
    expect(withoutHeader.json<ErrorBody>().error.code).toBe('csrf_failed');
    const wrongHeader = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: `kinship_session=${c.cookie!}`, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrongHeader.statusCode).toBe(403);
    const crossSite = await c.request({ method: 'POST', url: '/api/auth/sign-out', headers: { origin: 'https://evil.example' } });
    expect(crossSite.statusCode).toBe(403);
    const fetchMeta = await c.request({ method: 'POST', url: '/api/auth/sign-out', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.statusCode).toBe(403);
    // A cross-site sign-in (login CSRF) is refused too, before any password is checked.
    const loginCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'null' },
      payload: { handle: 'token-keeper', password: STRONG_PASSWORD },
    });
    expect(loginCsrf.statusCode).toBe(403);
    // `Origin: null` is what a same-site form post sends under no-referrer: let through only when Fetch Metadata
    // (which no page can set) says same-origin.
    const nullOrigin = (site: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { origin: 'null', 'sec-fetch-site': site },
        payload: { handle: 'nobody-here', password: STRONG_PASSWORD },
      });
    expect((await nullOrigin('same-origin')).statusCode).toBe(401);
    expect((await nullOrigin('none')).statusCode).toBe(403);
    // Same-origin requests go through.
    const same = await c.request({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(same.statusCode).toBe(200);
    expect((await c.get('/api/account')).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/account' })).json<{ account?: unknown }>()).not.toHaveProperty('account');
  });

  it('lists sessions, ends one, and signs out everywhere', async () => {
    await client().signUp('many-devices');
    const phone = client();
    const laptop = client();
    await phone.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { handle: 'many-devices', password: STRONG_PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36' },
    });
    await laptop.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { handle: 'many-devices', password: STRONG_PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' },
    });
    const list = (await phone.get('/api/account/sessions')).json<{
      sessions: { id: string; label: string; current: boolean }[];
    }>();
    // The sign-up's own session (no User-Agent) is the third.
    expect(list.sessions.map((s) => s.label).sort()).toEqual(['Chrome on Android', 'Firefox on Linux', 'Unknown device']);
    const laptopSession = list.sessions.find((s) => s.label === 'Firefox on Linux')!;
    expect(list.sessions.find((s) => s.current)!.label).toBe('Chrome on Android');
    expect((await phone.request({ method: 'DELETE', url: `/api/account/sessions/${laptopSession.id}` })).statusCode).toBe(200);
    expect((await laptop.get('/api/account')).statusCode).toBe(401);
    // Another member cannot end someone else's session.
    const other = client();
    await other.signUp('other-member');
    const phoneId = list.sessions.find((s) => s.current)!.id;
    expect((await other.request({ method: 'DELETE', url: `/api/account/sessions/${phoneId}` })).statusCode).toBe(404);
    expect((await phone.get('/api/account')).statusCode).toBe(200);

    const tablet = client();
    await tablet.signIn('many-devices');
    await phone.post('/api/auth/sign-out-everywhere');
    expect((await tablet.get('/api/account')).statusCode).toBe(401);
    expect(phone.cookie).toBeUndefined();
  });

  it('recovers an account with a recovery code once, ending every other session', async () => {
    const codes = await client().signUp('lost-key');
    const old = client();
    await old.signIn('lost-key');
    const newPassword = 'another fine harbour at dawn 9';
    const res = await client().post('/api/auth/recover', {
      handle: 'lost-key',
      recovery_code: codes[0]!.toUpperCase(),
      new_password: newPassword,
    });
    expect(res.statusCode).toBe(200);
    expect((await old.get('/api/account')).statusCode).toBe(401);
    expect((await client().signIn('lost-key')).statusCode).toBe(401);
    expect((await client().signIn('lost-key', newPassword)).statusCode).toBe(200);
    const again = await client().post('/api/auth/recover', {
      handle: 'lost-key',
      recovery_code: codes[0],
      new_password: STRONG_PASSWORD,
    });
    expect(again.statusCode).toBe(401);
  });

  it('changes the password: the current one is checked, other sessions end, this one continues', async () => {
    await client().signUp('changing-tides');
    const here = client();
    await here.signIn('changing-tides');
    const there = client();
    await there.signIn('changing-tides');
    const wrong = await here.post('/api/account/password', {
      current_password: 'wrong wrong wrong',
      new_password: 'bright meadow under slate 12',
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await here.post('/api/account/password', {
      current_password: STRONG_PASSWORD,
      new_password: 'bright meadow under slate 12',
    });
    expect(ok.statusCode).toBe(200);
    expect((await here.get('/api/account')).statusCode).toBe(200);
    expect((await there.get('/api/account')).statusCode).toBe(401);
  });

  it('keeps settings: e-mail, language, time zone, discreet mode, guidelines', async () => {
    const c = client();
    await c.signUp('settings-person', STRONG_PASSWORD, { accept_guidelines: true, language: 'es' });
    const res = await c.request({
      method: 'PATCH',
      url: '/api/account',
      payload: { email: 'me@example.org', time_zone: 'America/Bogota', discreet: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      email: 'me@example.org',
      language: 'es',
      time_zone: 'America/Bogota',
      discreet: true,
      guidelines: { version: expect.any(String) as string },
    });
    const bad = await c.request({ method: 'PATCH', url: '/api/account', payload: { time_zone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(400);
  });

  it('writes no handle, password, e-mail, address or cookie to the logs', () => {
    const text = logs.lines.join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of ['Morning_Light', STRONG_PASSWORD, 'me@example.org', 'kinship_session', '127.0.0.1', 'lost-key'])
      expect(text).not.toContain(secret);
  });
});
