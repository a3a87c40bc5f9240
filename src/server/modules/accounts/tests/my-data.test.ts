import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { enableTotp, makeActor, seedDirectory, TEST_ADMIN_TOKEN } from '../../../../../test/helpers/actors.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { insertGrant } from '../repository/accounts.js';
import { EXPORT_SECTIONS } from '../my-data-service.js';
import { addToGroup, seedGroup, seedLiveRoom } from '../../../../../test/helpers/live-groups.js';

interface ExportBody {
  format: string;
  account: { handle: string; email: string | null; roles: { role: string }[] };
  sections: Record<string, Record<string, unknown>[]>;
}

/** Columns that name an account, in any table: after a deletion none may hold the deleted account's id. */
const ACCOUNT_COLUMNS = /(^|_)account_id$|^actor_id$/;

/** Every row of every table, as text per table, for scanning. */
async function everyRow(t: AccountsApp): Promise<Map<string, Record<string, unknown>[]>> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const table of await t.database.db.introspection.getTables()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(t.database.db);
    out.set(table.name, rows.rows);
  }
  return out;
}

describe.each(dialectCases())('my data: export and deletion on $name', (kind) => {
  let t: AccountsApp;
  beforeAll(async () => {
    t = await startAccountsApp(kind, { adminToken: TEST_ADMIN_TOKEN });
    await seedDirectory(t);
  }, 60_000);
  afterAll(() => t.close());

  /**
   * A member with something in every feature there is: e-mail, time zone, guidelines, two sessions (one named by a
   * hostile user agent), TOTP, used and unused recovery codes, roles granted by an admin, listing edits of their own
   * as a site admin (audited), and an export (audited).
   */
  async function fullMember(handle: string) {
    const c = new SessionClient(t.app);
    const codes = await c.signUp(handle, STRONG_PASSWORD, { email: `${handle}@example.org`, accept_guidelines: true });
    await c.request({ method: 'PATCH', url: '/api/account', payload: { time_zone: 'Europe/Madrid', discreet: true } });
    const id = (await c.get('/api/account')).json<{ id: number }>().id;
    // A second device whose user agent tries a spreadsheet formula.
    const device = new SessionClient(t.app);
    await device.request({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'user-agent': '=HYPERLINK("http://evil.example","x")' },
      payload: { handle, password: STRONG_PASSWORD },
    });
    // Roles from a site admin (audited with this member as the target), then a listing edit by the member.
    const admin = await makeActor(t, 'site_admin');
    expect(
      (await admin.request({ method: 'PUT', url: `/api/admin/accounts/${id}/roles/moderator`, payload: {} })).statusCode,
    ).toBe(200);
    await insertGrant(t.database.db, id, 'site_admin', '', t.clock.now.toISOString());
    const again = new SessionClient(t.app);
    await again.signIn(handle);
    t.clock.advance(31_000);
    await enableTotp(again, t);
    const made = await again.post('/api/admin/sources', { name: `harbour listings ${id}`, format: 'meeting-guide' });
    expect(made.statusCode).toBe(201);
    // One recovery code spent.
    const fresh = new SessionClient(t.app);
    const step = (await fresh.signIn(handle)).json<{ challenge: string }>();
    expect((await fresh.post('/api/auth/sign-in/second-factor', { challenge: step.challenge, code: codes[0] })).statusCode).toBe(
      200,
    );
    // A live meeting they recorded attending, with a proof a facilitator issued (issue 7).
    const group = await seedGroup(t.database.db);
    await addToGroup(t.database.db, group.id, id, 'member');
    const { roomId } = await seedLiveRoom(t.database.db, group.id);
    expect((await again.request({ method: 'PUT', url: `/api/rooms/${roomId}/attendance` })).statusCode).toBe(200);
    const proof = (await again.post(`/api/rooms/${roomId}/proof-request`)).json<{ id: string }>();
    const issuer = await makeActor(t, 'moderator');
    expect((await issuer.request({ method: 'POST', url: `/api/proofs/${proof.id}/issue` })).statusCode).toBe(200);
    return { client: again, id, email: `${handle}@example.org` };
  }

  it('exports everything as JSON and each table as CSV, guarded against formulas, and records the export', async () => {
    const { client, id } = await fullMember('full-export');
    const res = await client.get('/api/account/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json<ExportBody>();
    expect(data.format).toBe('kinship-account-export');
    expect(data.account).toMatchObject({ handle: 'full-export', email: 'full-export@example.org' });
    expect(Object.keys(data.sections).sort()).toEqual([...EXPORT_SECTIONS].sort());
    // The role change ended the sessions before it; the two since are listed.
    expect(data.sections.sessions!.length).toBeGreaterThanOrEqual(2);
    expect(data.sections.recovery_codes).toHaveLength(10);
    expect(data.sections.recovery_codes!.filter((r) => r.used_at !== null)).toHaveLength(1);
    expect(data.sections.roles!.map((r) => r.role).sort()).toEqual(['moderator', 'site_admin']);
    expect(data.sections.attendance).toHaveLength(1);
    expect(data.sections.attendance_proofs).toEqual([expect.objectContaining({ status: 'issued' })]);
    expect(data.sections.audit_log!.map((r) => r.action)).toEqual(
      expect.arrayContaining(['role.granted', 'source.created', 'account.exported']),
    );
    // Secrets never leave: no password hash, TOTP secret, session token or recovery code.
    expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash|totp_secret|csrf|token/i);

    for (const section of EXPORT_SECTIONS) {
      const csv = await client.get(`/api/account/export/${section}.csv`);
      expect(csv.statusCode, section).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.split('\r\n').slice(0, -1);
      expect(lines.length - 1, section).toBe(data.sections[section]!.length);
    }
    const sessionsCsv = (await client.get('/api/account/export/sessions.csv')).body;
    expect(sessionsCsv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect((await client.get('/api/account/export/nothing.csv')).statusCode).toBe(400);
    // The audit log records the exports (no content).
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('actor_id', '=', id)
      .where('action', '=', 'account.exported')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses deletion with a wrong password and keeps everything', async () => {
    const { client, id } = await fullMember('keeps-all');
    const before = await everyRow(t);
    const res = await client.post('/api/account/delete', { password: 'not the password at all', posts: 'delete' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { field: string }[] } }>().error.details[0]!.field).toBe('body.password');
    expect(await t.database.db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
    const after = await everyRow(t);
    for (const [table, rows] of before) if (table !== 'audit_log') expect(after.get(table)?.length, table).toBe(rows.length);
  });

  it.each(['delete', 'keep'] as const)(
    'deletes the account for real (posts: %s): no table keeps its handle, e-mail or id',
    async (posts) => {
      const handle = `leaving-${posts}`;
      const { client, id, email } = await fullMember(handle);
      const res = await client.post('/api/account/delete', { password: STRONG_PASSWORD, posts });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'kinship_session')?.value).toBe('');

      const tables = await everyRow(t);
      expect(tables.size).toBeGreaterThan(15);
      for (const [table, rows] of tables) {
        for (const row of rows) {
          const text = JSON.stringify(row).toLowerCase();
          expect(text.includes(handle), `${table} keeps the handle: ${text.slice(0, 200)}`).toBe(false);
          expect(text.includes(email), `${table} keeps the e-mail`).toBe(false);
          for (const [column, value] of Object.entries(row))
            if (ACCOUNT_COLUMNS.test(column)) expect(Number(value), `${table}.${column}`).not.toBe(id);
          if (table === 'accounts') expect(Number(row.id)).not.toBe(id);
          if (table === 'audit_log' && row.target_kind === 'account')
            expect(String(row.target_id), 'audit target').not.toBe(String(id));
        }
      }
      // The deletion is on record, with the member's choice and nothing about them.
      const deleted = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_id', 'target_account_id', 'detail'])
        .where('action', '=', 'account.deleted')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(deleted).toMatchObject({ actor_id: null, target_account_id: null });
      expect(JSON.parse(deleted.detail)).toEqual({ posts });
      // The old password and sessions open nothing; the handle can be taken again.
      expect((await new SessionClient(t.app).signIn(handle)).statusCode).toBe(401);
      expect((await client.get('/api/account')).statusCode).toBe(401);
      await new SessionClient(t.app).signUp(handle);
    },
  );
});
