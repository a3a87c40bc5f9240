import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { logCollector } from '../../../../../test/helpers/app.js';
import { startMailCatcher, type CaughtMail } from '../../../../../test/helpers/mail-catcher.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { codeAt } from '../../../../../test/helpers/totp.js';
import { findAccountsByEmail } from '../repository/accounts.js';

const NEW_PASSWORD = 'copper kettle wanders 91 hills';

interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(dialectCases())('password reset by e-mail on $name', (kind) => {
  let t: AccountsApp;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  const logs = logCollector();
  let address = 0;
  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await startAccountsApp(
      kind,
      { logLevel: 'info', mail: { smtpUrl: mail.url, from: 'Kinship <no-reply@kinship.test>' } },
      {
        logStream: logs.stream,
      },
    );
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });
  const client = () => new SessionClient(t.app);

  /** Asks for a reset (from a fresh client address unless given) and waits until the mail, if any, has gone. */
  async function requestReset(email: string, from = `10.20.${Math.floor(address / 250)}.${(address++ % 250) + 1}`) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/reset-request', remoteAddress: from, payload: { email } });
    await t.app.background.idle();
    return res;
  }

  function tokenOf(m: CaughtMail | undefined): string {
    const link = /http:\/\/localhost\/reset\?token=([A-Za-z0-9_-]{43})/.exec(m?.text ?? '');
    if (!link) throw new Error(`no reset link in: ${m?.text}`);
    return link[1]!;
  }

  const mailsTo = (email: string) => mail.mails.filter((m) => m.to.includes(email));

  it('says e-mail reset is on in /api/meta', async () => {
    expect((await t.app.inject('/api/meta')).json()).toMatchObject({ accounts: { email_reset: true } });
  });

  it('mails a working link (any case of the address); the link works once and ends every other session', async () => {
    const other = client();
    await other.signUp('mailed-member', STRONG_PASSWORD, { email: 'Mailed.Member@example.org' });
    const res = await requestReset('mailed.member@EXAMPLE.org');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    const [sent] = mailsTo('Mailed.Member@example.org');
    expect(sent).toBeDefined();
    expect(sent!.subject).toBe('Reset your Kinship password');
    expect(sent!.text).toContain('"mailed-member"');
    expect(sent!.raw).toMatch(/^From: Kinship <no-reply@kinship\.test>/im);
    const token = tokenOf(sent);
    // Only its hash is stored.
    const stored = await t.database.db.selectFrom('password_resets').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const c = client();
    const done = await c.post('/api/auth/reset', { token, new_password: NEW_PASSWORD });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'signed_in', second_factor: false, account: { handle: 'mailed-member' } });
    expect(c.cookie).toBeDefined();
    expect((await c.get('/api/account')).statusCode).toBe(200);
    expect((await other.get('/api/account')).statusCode).toBe(401);

    const again = await client().post('/api/auth/reset', { token, new_password: NEW_PASSWORD });
    expect(again.statusCode).toBe(400);
    expect(again.json<ErrorBody>().error.code).toBe('reset_token_invalid');
    expect((await client().signIn('mailed-member', STRONG_PASSWORD)).statusCode).toBe(401);
    expect((await client().signIn('mailed-member', NEW_PASSWORD)).json()).toMatchObject({ status: 'signed_in' });
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'password.reset').execute();
    expect(audit).toHaveLength(1);
  });

  it('answers an unknown address exactly alike and sends nothing', async () => {
    const before = mail.mails.length;
    const res = await requestReset('nobody-at-all@example.org');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    expect(mail.mails.length).toBe(before);
  });

  it('refuses an expired link, an unknown one, and an older link once a newer was sent', async () => {
    await client().signUp('slow-reader', STRONG_PASSWORD, { email: 'slow@example.org' });
    await requestReset('slow@example.org');
    const first = tokenOf(mailsTo('slow@example.org')[0]);
    await requestReset('slow@example.org');
    const second = tokenOf(mailsTo('slow@example.org')[1]);
    expect(second).not.toBe(first);
    const old = await client().post('/api/auth/reset', { token: first, new_password: NEW_PASSWORD });
    expect(old.json<ErrorBody>().error.code).toBe('reset_token_invalid');
    const unknown = await client().post('/api/auth/reset', { token: 'x'.repeat(43), new_password: NEW_PASSWORD });
    expect(unknown.json<ErrorBody>().error.code).toBe('reset_token_invalid');
    t.clock.advance(30 * 60_000 + 1000);
    const late = await client().post('/api/auth/reset', { token: second, new_password: NEW_PASSWORD });
    expect(late.statusCode).toBe(400);
    expect(late.json<ErrorBody>().error.code).toBe('reset_token_invalid');
  });

  it('refuses a guessable new password without spending the link', async () => {
    await client().signUp('weak-choice', STRONG_PASSWORD, { email: 'weak@example.org' });
    await requestReset('weak@example.org');
    const token = tokenOf(mailsTo('weak@example.org')[0]);
    const weak = await client().post('/api/auth/reset', { token, new_password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<ErrorBody>().error.code).toBe('validation_failed');
    expect((await client().post('/api/auth/reset', { token, new_password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('still asks for the second factor after a reset', async () => {
    const c = client();
    await c.signUp('two-factor-reset', STRONG_PASSWORD, { email: 'tfr@example.org' });
    const setup = (await c.post('/api/account/totp/setup')).json<{ challenge: string; secret: string }>();
    await c.post('/api/account/totp/enable', { challenge: setup.challenge, code: codeAt(setup.secret, t.clock.now) });
    await requestReset('tfr@example.org');
    const token = tokenOf(mailsTo('tfr@example.org')[0]);
    const r = client();
    const res = await r.post('/api/auth/reset', { token, new_password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ status: string; challenge: string; methods: string[] }>();
    expect(body).toMatchObject({ status: 'second_factor', methods: ['totp', 'recovery_code'] });
    expect(r.cookie).toBeUndefined();
    expect((await c.get('/api/account')).statusCode).toBe(401);
    t.clock.advance(30_000);
    const done = await r.post('/api/auth/sign-in/second-factor', {
      challenge: body.challenge,
      code: codeAt(setup.secret, t.clock.now),
    });
    expect(done.json()).toMatchObject({ second_factor: true, account: { handle: 'two-factor-reset' } });
  });

  it('writes the mail in the account’s language', async () => {
    await client().signUp('en-espanol', STRONG_PASSWORD, { email: 'es@example.org', language: 'es' });
    await requestReset('es@example.org');
    const [sent] = mailsTo('es@example.org');
    expect(sent!.subject).toBe('Restablece tu contraseña de Kinship');
    expect(sent!.text).toContain('abre este enlace');
    expect(tokenOf(sent)).toHaveLength(43);
  });

  it('limits requests per client address (429) and mails per address (silently)', async () => {
    for (let i = 0; i < 5; i++) expect((await requestReset(`spray-${i}@example.org`, '10.30.0.1')).statusCode).toBe(202);
    const sixth = await requestReset('spray-6@example.org', '10.30.0.1');
    expect(sixth.statusCode).toBe(429);

    await client().signUp('popular-inbox', STRONG_PASSWORD, { email: 'popular@example.org' });
    for (let i = 0; i < 7; i++) expect((await requestReset('popular@example.org')).statusCode).toBe(202);
    expect(mailsTo('popular@example.org')).toHaveLength(5);
  });

  it('forgets unsent links when the e-mail address changes', async () => {
    const c = client();
    await c.signUp('moving-inbox', STRONG_PASSWORD, { email: 'old-inbox@example.org' });
    await requestReset('old-inbox@example.org');
    const token = tokenOf(mailsTo('old-inbox@example.org')[0]);
    expect(
      (await c.request({ method: 'PATCH', url: '/api/account', payload: { email: 'new-inbox@example.org' } })).statusCode,
    ).toBe(200);
    const res = await client().post('/api/auth/reset', { token, new_password: NEW_PASSWORD });
    expect(res.json<ErrorBody>().error.code).toBe('reset_token_invalid');
  });

  it('looks addresses up through the lower(email) index on this database', async () => {
    const plan = await t.database.db.transaction().execute(async (tx) => {
      if (kind.name === 'postgres') {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        return sql<Record<string, string>>`EXPLAIN SELECT * FROM accounts WHERE lower(email) = lower(${'x@example.org'})`.execute(
          tx,
        );
      }
      return sql<
        Record<string, string>
      >`EXPLAIN QUERY PLAN SELECT * FROM accounts WHERE lower(email) = lower(${'x@example.org'})`.execute(tx);
    });
    expect(JSON.stringify(plan.rows)).toContain('accounts_email_lower_idx');
    expect((await findAccountsByEmail(t.database.db, 'MAILED.member@example.ORG', 5)).map((a) => a.handle)).toEqual([
      'mailed-member',
    ]);
  });

  it('writes no e-mail address, token or handle to the logs', () => {
    const text = logs.lines.join('\n');
    expect(text).toContain('/api/auth/reset-request');
    for (const secret of ['example.org', 'EXAMPLE', 'mailed-member', 'token=', NEW_PASSWORD]) expect(text).not.toContain(secret);
  });
});

describe.each(dialectCases())('password reset without mail on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind);
  });
  afterAll(() => t.close());

  it('is off when SMTP_URL is not set, and says so', async () => {
    expect((await t.app.inject('/api/meta')).json()).toMatchObject({ accounts: { email_reset: false } });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/reset-request', payload: { email: 'a@example.org' } });
    expect(res.statusCode).toBe(400);
  });
});

describe.each(dialectCases())('password reset when the mail server is down on $name', (kind) => {
  let t: AccountsApp;
  const logs = logCollector();
  beforeAll(async () => {
    const gone = await startMailCatcher();
    const url = gone.url;
    await gone.close();
    t = await startAccountsApp(
      kind,
      { logLevel: 'info', mail: { smtpUrl: url, from: 'Kinship <no-reply@localhost>' } },
      {
        logStream: logs.stream,
      },
    );
  });
  afterAll(() => t.close());

  it('still answers 202, and logs the failure without the address', async () => {
    await new SessionClient(t.app).signUp('unlucky-mail', STRONG_PASSWORD, { email: 'unlucky@example.org' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/reset-request', payload: { email: 'unlucky@example.org' } });
    expect(res.statusCode).toBe(202);
    await t.app.background.idle();
    const text = logs.lines.join('\n');
    expect(text).toContain('password reset mail not sent');
    expect(text).not.toContain('unlucky');
  });
});
