import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../../../test/helpers/accounts-app.js';
import { makeActor, TEST_ADMIN_TOKEN, type ActorClient } from '../../../../../../test/helpers/actors.js';
import { addToGroup, seedGroup, seedLiveRoom, type SeededGroup } from '../../../../../../test/helpers/live-groups.js';
import { checkPdfStructure } from '../../../../../../test/helpers/pdf-structure.js';

interface Verification {
  status: string;
  valid: boolean;
  message: string;
  statement: Record<string, unknown> | null;
  statement_text: string | null;
  signature: string | null;
  verify_url: string;
}

describe.each(dialectCases())('attendance and proofs on $name', (kind) => {
  let t: AccountsApp;
  let group: SeededGroup;
  let facilitator: ActorClient;
  let member: ActorClient;
  let observer: ActorClient;
  let outsider: ActorClient;
  let otherFacilitator: ActorClient;
  let moderator: ActorClient;
  let room: { roomId: number; occurrenceAt: string };

  beforeAll(async () => {
    t = await startAccountsApp(kind, { adminToken: TEST_ADMIN_TOKEN, publicUrl: 'http://kinship.test' });
    group = await seedGroup(t.database.db, { name: 'Night Owls', timeZone: 'America/Los_Angeles' });
    facilitator = await makeActor(t, 'facilitator');
    member = await makeActor(t, 'member', `rio-azul-${kind.name}`);
    observer = await makeActor(t, 'member');
    outsider = await makeActor(t, 'member');
    otherFacilitator = await makeActor(t, 'facilitator');
    moderator = await makeActor(t, 'moderator');
    await addToGroup(t.database.db, group.id, facilitator.accountId!, 'facilitator');
    await addToGroup(t.database.db, group.id, member.accountId!, 'member');
    await addToGroup(t.database.db, group.id, observer.accountId!, 'observer');
    const elsewhere = await seedGroup(t.database.db);
    await addToGroup(t.database.db, elsewhere.id, otherFacilitator.accountId!, 'facilitator');
    // 03:00Z on 5 June is 20:00 on 4 June in Los Angeles: the proof states the group's local date.
    room = await seedLiveRoom(t.database.db, group.id, { occurrenceAt: '2025-06-05T03:00:00.000Z', title: 'Late share ☾' });
    t.clock.now = new Date('2025-06-05T03:20:00.000Z');
  }, 60_000);
  afterAll(() => t.close());

  const put = (who: ActorClient, roomId = room.roomId) => who.request({ method: 'PUT', url: `/api/rooms/${roomId}/attendance` });
  const ask = (who: ActorClient, roomId = room.roomId) =>
    who.request({ method: 'POST', url: `/api/rooms/${roomId}/proof-request` });
  const issue = (who: ActorClient, id: string) => who.request({ method: 'POST', url: `/api/proofs/${id}/issue` });
  const check = async (id: string) => t.app.inject({ method: 'GET', url: `/api/proofs/${id}` });

  it('shows the room with no attendance until the member records it, and never records without asking', async () => {
    const info = await member.request({ method: 'GET', url: `/api/rooms/${room.roomId}` });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      id: room.roomId,
      kind: 'live',
      status: 'open',
      group: { slug: group.slug, name: 'Night Owls' },
      meeting_title: 'Late share ☾',
      occurrence_at: room.occurrenceAt,
      closes_at: '2025-06-05T04:00:00.000Z',
      retention: { delete_at_end: true, days: null },
      attendance: { recorded: false, proof: null },
    });
    expect((await moderator.request({ method: 'GET', url: `/api/rooms/${room.roomId}` })).json()).toMatchObject({
      attendance: null,
    });
    expect((await outsider.request({ method: 'GET', url: `/api/rooms/${room.roomId}` })).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('attendance').select('id').execute()).toEqual([]);
  });

  it('refuses a proof without recorded attendance', async () => {
    const res = await ask(member);
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/record your attendance/);
  });

  it('records attendance for members and observers of the group only, once', async () => {
    expect((await put(outsider)).statusCode).toBe(403);
    expect((await put(moderator)).statusCode).toBe(403);
    expect((await put(observer)).statusCode).toBe(200);
    const first = await put(member);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      recorded: true,
      attendance: { group_name: 'Night Owls', meeting_title: 'Late share ☾' },
    });
    expect((await put(member)).json()).toEqual(first.json());
    const mine = (await member.request({ method: 'GET', url: '/api/account/attendance' })).json<{ attendance: unknown[] }>();
    expect(mine.attendance).toHaveLength(1);
    // The always-open room has no attendance.
    expect((await put(member, group.openRoomId)).statusCode).toBe(409);
  });

  it('issues a signed proof that anyone can verify with the public key; the PDF says it', async () => {
    const asked = await ask(member);
    expect(asked.statusCode).toBe(201);
    const { id } = asked.json<{ id: string; status: string }>();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect((await ask(member)).json()).toEqual({ id, status: 'requested' });
    // Public view before issue: nothing stated.
    expect((await check(id)).json()).toMatchObject({ status: 'requested', valid: false, statement: null });

    const pending = await facilitator.request({ method: 'GET', url: `/api/groups/${group.slug}/proof-requests` });
    expect(pending.json()).toEqual({
      requests: [
        {
          id,
          pseudonym: member.handle,
          meeting_title: 'Late share ☾',
          date: '2025-06-04',
          occurrence_at: room.occurrenceAt,
          requested_at: expect.any(String) as string,
        },
      ],
    });
    expect((await member.request({ method: 'GET', url: `/api/groups/${group.slug}/proof-requests` })).statusCode).toBe(403);

    // A facilitator of another group cannot issue it; the member cannot issue their own.
    expect((await issue(otherFacilitator, id)).statusCode).toBe(403);
    expect((await issue(member, id)).statusCode).toBe(403);
    const issued = await issue(facilitator, id);
    expect(issued.statusCode, issued.body).toBe(200);
    expect((await issue(facilitator, id)).statusCode).toBe(409);

    const v = (await check(id)).json<Verification>();
    expect(v).toMatchObject({ status: 'issued', valid: true, verify_url: `http://kinship.test/proofs/${id}` });
    expect(v.statement).toEqual({
      v: 1,
      id,
      site: 'http://kinship.test',
      group: 'Night Owls',
      meeting: 'Late share ☾',
      date: '2025-06-04',
      pseudonym: member.handle,
      issued_at: '2025-06-05T03:20:00.000Z',
    });
    // Anyone: the published key and the statement's exact bytes.
    const key = (await t.app.inject({ method: 'GET', url: '/api/proofs/key' })).json<{ pem: string; jwk: { x: string } }>();
    const publicKey = createPublicKey(key.pem);
    expect(verify(null, Buffer.from(v.statement_text!, 'utf8'), publicKey, Buffer.from(v.signature!, 'base64url'))).toBe(true);
    const fromJwk = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.jwk.x }, format: 'jwk' });
    expect(verify(null, Buffer.from(v.statement_text!, 'utf8'), fromJwk, Buffer.from(v.signature!, 'base64url'))).toBe(true);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/proofs/${id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    checkPdfStructure(pdf.rawPayload);
    const text = pdf.rawPayload.toString('latin1');
    expect(text).toContain(member.handle!);
    // Helvetica cannot draw the crescent: it is written as its code point, and the file stays valid.
    expect(text).toContain('Late share [U+263E]');
    expect(text).toContain(`http://kinship.test/proofs/${id}`);
    expect(text).toContain(v.signature!.slice(0, 40));

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'proof.issued')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(facilitator.accountId);
    expect(audit.detail).not.toContain(member.handle!);

    const mine = (await member.request({ method: 'GET', url: '/api/account/proofs' })).json<{
      proofs: { id: string; status: string }[];
    }>();
    expect(mine.proofs).toEqual([expect.objectContaining({ id, status: 'issued', meeting_title: 'Late share ☾' })]);
    const info = (await member.request({ method: 'GET', url: `/api/rooms/${room.roomId}` })).json<{ attendance: unknown }>();
    expect(info.attendance).toEqual({ recorded: true, proof: { id, status: 'issued' } });
  });

  it('lets nobody issue a proof about themselves, facilitator or not', async () => {
    expect((await put(facilitator)).statusCode).toBe(200);
    const { id } = (await ask(facilitator)).json<{ id: string }>();
    expect((await issue(facilitator, id)).statusCode).toBe(403);
    expect((await check(id)).json()).toMatchObject({ status: 'requested' });
  });

  it('says a tampered statement or signature is not valid', async () => {
    const { id } = (await ask(observer)).json<{ id: string }>();
    expect((await issue(facilitator, id)).statusCode).toBe(200);
    const row = await t.database.db.selectFrom('attendance_proofs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const forged = row.statement.replace('2025-06-04', '2025-06-03');
    await t.database.db.updateTable('attendance_proofs').set({ statement: forged }).where('id', '=', id).execute();
    expect((await check(id)).json()).toMatchObject({ valid: false, message: expect.stringMatching(/altered/) as string });
    const sig = Buffer.from(row.signature!, 'base64url');
    sig[10] = sig[10]! ^ 0xff;
    await t.database.db
      .updateTable('attendance_proofs')
      .set({ statement: row.statement, signature: sig.toString('base64url') })
      .where('id', '=', id)
      .execute();
    expect((await check(id)).json()).toMatchObject({ status: 'issued', valid: false });
    await t.database.db.updateTable('attendance_proofs').set({ signature: row.signature }).where('id', '=', id).execute();
    expect((await check(id)).json()).toMatchObject({ valid: true });
  });

  it('lets the member or the group’s facilitator revoke a proof, and says so publicly', async () => {
    const mine = (await member.request({ method: 'GET', url: '/api/account/proofs' })).json<{ proofs: { id: string }[] }>();
    const id = mine.proofs[0]!.id;
    expect((await outsider.request({ method: 'DELETE', url: `/api/proofs/${id}` })).statusCode).toBe(403);
    expect((await otherFacilitator.request({ method: 'DELETE', url: `/api/proofs/${id}` })).statusCode).toBe(403);
    const revoked = await member.request({ method: 'DELETE', url: `/api/proofs/${id}` });
    expect(revoked.json()).toEqual({ id, status: 'revoked' });
    const v = (await check(id)).json<Verification>();
    expect(v).toMatchObject({ status: 'revoked', valid: false, statement: null, signature: null });
    expect(v.message).toMatch(/revoked/);
    expect((await t.app.inject({ method: 'GET', url: `/api/proofs/${id}/pdf` })).statusCode).toBe(404);
    const unknown = await check('0'.repeat(32));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/proof was not found/);
    // Not a proof id at all.
    expect((await check('nope')).statusCode).toBe(400);
  });

  it('withdraws attendance with its pending proof request; too late a day after the meeting', async () => {
    const later = await seedLiveRoom(t.database.db, group.id, { occurrenceAt: '2025-06-05T03:30:00.000Z' });
    expect((await put(member, later.roomId)).statusCode).toBe(200);
    const { id } = (await ask(member, later.roomId)).json<{ id: string }>();
    const withdrawn = await member.request({ method: 'DELETE', url: `/api/rooms/${later.roomId}/attendance` });
    expect(withdrawn.json()).toEqual({ recorded: false, attendance: null });
    expect(await t.database.db.selectFrom('attendance_proofs').select('id').where('id', '=', id).execute()).toEqual([]);
    expect((await check(id)).statusCode).toBe(404);

    await t.database.db
      .updateTable('rooms')
      .set({ status: 'closed', closed_at: '2025-06-05T04:30:00.000Z' })
      .where('id', '=', later.roomId)
      .execute();
    t.clock.now = new Date('2025-06-06T04:29:00.000Z');
    expect((await put(member, later.roomId)).statusCode).toBe(200);
    await member.request({ method: 'DELETE', url: `/api/rooms/${later.roomId}/attendance` });
    t.clock.now = new Date('2025-06-06T04:31:00.000Z');
    const late = await put(member, later.roomId);
    expect(late.statusCode).toBe(409);
    expect(late.json<{ error: { message: string } }>().error.message).toMatch(/24 hours/);
  });

  it('lists the group’s rooms for its people: the open room, live ones now, recently closed ones', async () => {
    const res = await member.request({ method: 'GET', url: `/api/groups/${group.slug}/rooms` });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ open_room: { id: number }; live_now: { id: number }[]; recently_closed: { id: number }[] }>();
    expect(body.open_room.id).toBe(group.openRoomId);
    expect(body.live_now.map((r) => r.id)).toContain(room.roomId);
    expect(body.recently_closed.length).toBeGreaterThanOrEqual(1);
    expect((await outsider.request({ method: 'GET', url: `/api/groups/${group.slug}/rooms` })).statusCode).toBe(403);
  });
});
