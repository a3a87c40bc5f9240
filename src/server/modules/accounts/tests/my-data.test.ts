import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../test/helpers/accounts-app.js';
import { enableTotp, makeActor, seedDirectory, TEST_ADMIN_TOKEN } from '../../../../../test/helpers/actors.js';
import { SessionClient, STRONG_PASSWORD } from '../../../../../test/helpers/session-client.js';
import { insertGrant } from '../repository/accounts.js';
import { EXPORT_SECTIONS } from '../my-data-service.js';
import { groupBody, joinGroup } from '../../../../../test/helpers/groups.js';
import { storeMessages } from '../../../../../test/helpers/group-chat.js';
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
    const liveGroup = await seedGroup(t.database.db);
    await addToGroup(t.database.db, liveGroup.id, id, 'member');
    const { roomId } = await seedLiveRoom(t.database.db, liveGroup.id);
    expect((await again.request({ method: 'PUT', url: `/api/rooms/${roomId}/attendance` })).statusCode).toBe(200);
    const proof = (await again.post(`/api/rooms/${roomId}/proof-request`)).json<{ id: string }>();
    const issuer = await makeActor(t, 'moderator');
    expect((await issuer.request({ method: 'POST', url: `/api/proofs/${proof.id}/issue` })).statusCode).toBe(200);
    const group = await groupLife(again, id);
    return { client: again, id, email: `${handle}@example.org`, group };
  }

  /**
   * The member's life in an online group (issue 7), as its creator: a buddy's thread and the member's reply to it,
   * reactions both ways, open-room messages both ways, blocks both ways, a report each way (the buddy's copies the
   * member's words and handle), and a mute of the member in the open room.
   */
  async function groupLife(client: SessionClient, id: number) {
    const made = await client.request({
      method: 'POST',
      url: '/api/groups',
      payload: groupBody({ name: `Lantern group ${id}` }),
    });
    expect(made.statusCode, made.body).toBe(201);
    const { slug, open_room_id: roomId } = made.json<{ slug: string; open_room_id: number }>();
    const buddy = await makeActor(t, 'member');
    await joinGroup(buddy, slug);
    const ask = (
      who: { request: SessionClient['request'] },
      method: 'POST' | 'PUT',
      url: string,
      payload?: Record<string, unknown>,
    ) => who.request({ method, url, ...(payload ? { payload } : {}) });
    const thread = (await ask(buddy, 'POST', `/api/groups/${slug}/threads`, { title: 'Buddy asks', body: 'Buddy words' })).json<{
      post: { id: number };
    }>().post;
    const reply = await ask(client, 'POST', `/api/threads/${thread.id}/replies`, { body: 'Member private words' });
    expect(reply.statusCode, reply.body).toBe(201);
    const replyId = reply.json<{ id: number }>().id;
    expect((await ask(client, 'PUT', `/api/posts/${thread.id}/reactions/heart`)).statusCode).toBe(200);
    expect((await ask(buddy, 'PUT', `/api/posts/${replyId}/reactions/strength`)).statusCode).toBe(200);
    const [messageId] = await storeMessages(
      t.database,
      roomId,
      [
        { authorId: id, body: 'Member chat words' },
        { authorId: buddy.accountId!, body: 'Buddy chat words' },
      ],
      t.clock.now,
    );
    expect((await ask(client, 'PUT', `/api/account/blocks/${buddy.handle}`)).statusCode).toBe(200);
    expect(
      (await ask(buddy, 'PUT', `/api/account/blocks/${(await client.get('/api/account')).json<{ handle: string }>().handle}`))
        .statusCode,
    ).toBe(200);
    const sent = await ask(client, 'POST', '/api/reports', { post_id: thread.id, reason: 'spam', note: 'Member note' });
    expect(sent.statusCode).toBe(201);
    expect((await ask(buddy, 'POST', '/api/reports', { message_id: messageId, reason: 'harassment' })).statusCode).toBe(201);
    await t.database.db
      .insertInto('room_restrictions')
      .values({ room_id: roomId, account_id: id, kind: 'mute', created_by: null, created_at: t.clock.now.toISOString() })
      .execute();
    return { slug, roomId, replyId, threadId: thread.id, messageId: messageId!, reportId: sent.json<{ id: number }>().id };
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
    expect(data.sections.group_memberships).toEqual([
      expect.objectContaining({ role: 'member', status: 'active' }), // the live meeting's group
      expect.objectContaining({ role: 'facilitator', status: 'active' }), // the group they started
    ]);
    expect(data.sections.group_posts!.map((p) => p.body)).toEqual(['Member private words']);
    expect(data.sections.group_reactions!.map((r) => r.kind)).toEqual(['heart']);
    expect(data.sections.room_messages!.map((m) => m.body)).toEqual(['Member chat words']);
    expect(data.sections.reports_sent).toEqual([expect.objectContaining({ reason: 'spam', note: 'Member note' })]);
    expect(data.sections.blocks).toHaveLength(1);
    expect(data.sections.room_restrictions!.map((r) => r.kind)).toEqual(['mute']);
    // Others' words are not the member's data: not the buddy's post, message or report.
    expect(JSON.stringify(data.sections)).not.toMatch(/Buddy words|Buddy chat words|harassment/);
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
      const { client, id, email, group } = await fullMember(handle);
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
      // What they wrote in the group: erased (`delete`) or kept under "former member" (`keep`); others' words stay.
      const db = t.database.db;
      const reply = await db.selectFrom('thread_posts').selectAll().where('id', '=', group.replyId).executeTakeFirstOrThrow();
      const message = await db
        .selectFrom('room_messages')
        .selectAll()
        .where('id', '=', group.messageId)
        .executeTakeFirstOrThrow();
      expect([reply.author_id, message.author_id]).toEqual([null, null]);
      if (posts === 'delete') {
        expect([reply.body, reply.deleted_at !== null, message.body, message.deleted_at !== null]).toEqual([
          null,
          true,
          null,
          true,
        ]);
      } else {
        expect([reply.body, reply.deleted_at, message.body]).toEqual(['Member private words', null, 'Member chat words']);
      }
      expect(await db.selectFrom('thread_posts').select('body').where('id', '=', group.threadId).executeTakeFirst()).toEqual({
        body: 'Buddy words',
      });
      // The buddy's report keeps the reported words for the moderators, by a former member.
      const reports = await db
        .selectFrom('reports')
        .select(['snapshot', 'note', 'reporter_id'])
        .where('message_id', '=', group.messageId)
        .execute();
      expect(reports).toHaveLength(1);
      expect((JSON.parse(reports[0]!.snapshot) as { item: unknown }).item).toMatchObject({
        handle: null,
        body: 'Member chat words',
      });
      const sent = await db
        .selectFrom('reports')
        .select(['note', 'reporter_id'])
        .where('id', '=', group.reportId)
        .executeTakeFirst();
      expect(sent).toEqual({ reporter_id: null, note: posts === 'delete' ? null : 'Member note' });
      // The group goes on without its creator.
      expect((await t.app.inject(`/api/groups/${group.slug}`)).statusCode).toBe(200);
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
