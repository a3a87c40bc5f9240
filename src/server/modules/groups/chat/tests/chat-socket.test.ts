import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../../test/helpers/databases.js';
import { ChatClient, settle, TEST_ORIGIN, UpgradeRefused } from '../../../../../../test/helpers/chat-client.js';
import { groupWith, startChatApp, TEST_HEARTBEAT_MS, type ChatApp } from '../../../../../../test/helpers/chat-app.js';
import { CHAT_LIMITS } from '../../../../../../src/shared/chat-protocol.js';

/**
 * The chat socket end to end (issue 7 "Real-time chat"): real `ws` clients on a listening app, on SQLite and
 * PostgreSQL. Upgrade checks, history, ordered delivery, resume, nonce de-duplication, limits, blocks, presence,
 * sessions.
 */
describe.each(dialectCases())('chat socket on $name', (kind) => {
  let c: ChatApp;
  const open: ChatClient[] = [];
  const connect = async (cookie: string | undefined, origin?: string) => {
    const client = await ChatClient.open(c.baseUrl, cookie, origin);
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    c = await startChatApp(kind);
  }, 60_000);
  afterAll(async () => {
    for (const o of open) o.ws.terminate();
    await c.close();
  });

  it('refuses the upgrade before the handshake: no session 401, a foreign or missing Origin 403; a plain GET 426', async () => {
    const { people } = await groupWith(c, ['member']);
    const refusal = async (cookie: string | undefined, origin: string | null) => {
      const err = await ChatClient.open(c.baseUrl, cookie, origin).then(
        (cl) => (cl.ws.terminate(), undefined),
        (e: unknown) => e,
      );
      return err instanceof UpgradeRefused ? err.status : err;
    };
    expect(await refusal(undefined, TEST_ORIGIN)).toBe(401);
    expect(await refusal('A'.repeat(43), TEST_ORIGIN)).toBe(401);
    expect(await refusal(people[0]!.cookie, 'https://evil.example')).toBe(403);
    expect(await refusal(people[0]!.cookie, null)).toBe(403);
    const plain = await people[0]!.client.request({ method: 'GET', url: '/ws', headers: { origin: TEST_ORIGIN } });
    expect(plain.statusCode).toBe(426);
    const ok = await connect(people[0]!.cookie);
    expect(ok.ws.readyState).toBe(ok.ws.OPEN);
  });

  it('a fresh join gets the recent history; sends are acked and reach everyone in sequence order', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const [a, b] = [await connect(people[0]!.cookie), await connect(people[1]!.cookie)];
    await a.join(room);
    for (const body of ['one', 'two']) expect(await a.post(room, body)).toMatchObject({ t: 'ack', seq: expect.any(Number) });
    const joined = await b.join(room);
    expect(joined.history.map((m) => m.body)).toEqual(['one', 'two']);
    expect(joined.history.map((m) => m.author)).toEqual([people[0]!.handle, people[0]!.handle]);
    expect(joined.you).toMatchObject({ handle: people[1]!.handle, role: 'member', muted: false });
    expect(joined.seq).toBe(2);
    // A burst from both at once: every reader gets every event, in sequence order, once.
    for (let i = 0; i < 5; i++) {
      a.send({ t: 'send', room, nonce: `a${i}`, body: `a${i}` });
      b.send({ t: 'send', room, nonce: `b${i}`, body: `b${i}` });
    }
    for (const cl of [a, b]) await cl.until((fs) => fs.filter((f) => f.t === 'event' && f.room === room).length >= (cl === a ? 12 : 10));
    await settle();
    const seqsA = a.events(room).map((e) => e.seq);
    const seqsB = b.events(room).map((e) => e.seq);
    expect(seqsA).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(seqsB).toEqual(Array.from({ length: 10 }, (_, i) => i + 3));
    expect(a.events(room).slice(2).map((e) => e.message?.body)).toEqual(b.events(room).map((e) => e.message?.body));
    expect(a.of('ack').map((x) => x.nonce)).toEqual(['a', 'a', 'a0', 'a1', 'a2', 'a3', 'a4'].map((n, i) => (i < 2 ? expect.any(String) : n)));
  });

  it('a resume with `after` gets exactly the missed events, once, then live ones; a re-sent nonce is stored once', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const a = await connect(people[0]!.cookie);
    await a.join(room);
    let b = await connect(people[1]!.cookie);
    await b.join(room);
    await a.post(room, 'before');
    await b.next('event', (e) => e.seq === 1);
    b.close();
    await b.closed;
    for (const body of ['missed 1', 'missed 2', 'missed 3']) await a.post(room, body);
    // b sent a message whose ack it never saw: on reconnect it re-sends with the same nonce.
    const lost = await a.post(room, 'from b?');
    b = await connect(people[1]!.cookie);
    const joined = await b.join(room, 1);
    expect(joined.history).toEqual([]);
    await b.until((fs) => fs.filter((f) => f.t === 'event').length === 4);
    expect(b.events(room).map((e) => [e.seq, e.message?.body])).toEqual([
      [2, 'missed 1'],
      [3, 'missed 2'],
      [4, 'missed 3'],
      [5, 'from b?'],
    ]);
    expect(lost).toMatchObject({ t: 'ack', seq: 5 });
    const first = await b.post(room, 'hello again', 'nonce-1');
    const again = await b.post(room, 'hello again', 'nonce-1');
    expect(first).toMatchObject({ t: 'ack', seq: 6 });
    expect(again).toMatchObject({ t: 'ack', seq: 6 });
    await settle();
    expect(a.events(room).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = await c.t.database.db.selectFrom('room_messages').select('seq').where('room_id', '=', room).execute();
    expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('lets the author edit and delete within the window only; deleting erases the words', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const [a, b] = [await connect(people[0]!.cookie), await connect(people[1]!.cookie)];
    await a.join(room);
    await b.join(room);
    const sent = (await a.post(room, 'typo')) as { seq: number };
    await b.next('event', (e) => e.seq === sent.seq);
    const id = b.events(room)[0]!.message!.id;
    expect(await b.act({ t: 'edit', room, message: id, body: 'not mine' })).toMatchObject({ code: 'not_found' });
    expect(await a.act({ t: 'edit', room, message: id, body: 'fixed' })).toBeUndefined();
    expect(await b.next('event', (e) => e.kind === 'edit')).toMatchObject({ message: { body: 'fixed', edited_at: expect.any(String) } });
    c.t.clock.advance((CHAT_LIMITS.editWindowMinutes + 1) * 60_000);
    expect(await a.act({ t: 'edit', room, message: id, body: 'too late' })).toMatchObject({ code: 'edit_window' });
    const second = (await a.post(room, 'regret')) as { seq: number };
    await b.next('event', (e) => e.seq === second.seq);
    const id2 = b.events(room).find((e) => e.seq === second.seq)!.message!.id;
    expect(await a.act({ t: 'delete', room, message: id2 })).toBeUndefined();
    expect(await b.next('event', (e) => e.kind === 'delete')).toMatchObject({ message: { id: id2, body: null, deleted: true } });
    const row = await c.t.database.db.selectFrom('room_messages').select(['body', 'deleted_at']).where('id', '=', id2).executeTakeFirstOrThrow();
    expect(row.body).toBeNull();
    expect(row.deleted_at).not.toBeNull();
  });

  it('observers read but cannot post; a member who has not accepted the current code of conduct cannot post', async () => {
    const { openRoomId: room, groupId, people } = await groupWith(c, ['observer', 'member']);
    const [obs, m] = [await connect(people[0]!.cookie), await connect(people[1]!.cookie)];
    expect((await obs.join(room)).you.role).toBe('observer');
    expect(await obs.post(room, 'hi')).toMatchObject({ t: 'error', code: 'forbidden' });
    await m.join(room);
    await c.t.database.db.updateTable('support_groups').set({ conduct_version: 2 }).where('id', '=', groupId).execute();
    expect(await m.post(room, 'hi')).toMatchObject({ t: 'error', code: 'conduct_not_accepted' });
    const count = await c.t.database.db.selectFrom('room_messages').select('id').where('room_id', '=', room).execute();
    expect(count).toEqual([]);
  });

  it('someone outside the group cannot join; a socket in no room cannot send', async () => {
    const { openRoomId: room } = await groupWith(c, []);
    const { people } = await groupWith(c, ['member']);
    const outsider = await connect(people[0]!.cookie);
    await expect(outsider.join(room)).rejects.toThrow('forbidden');
    expect(await outsider.post(room, 'hi')).toMatchObject({ code: 'not_joined' });
  });

  it("sends `skip` for a blocked member's messages to the blocker only, and leaves them out of the blocker's history", async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member', 'member']);
    const [blocker, blocked, other] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    await c.t.database.db.insertInto('blocks').values({ blocker_id: blocker.accountId, blocked_id: blocked.accountId, created_at: new Date().toISOString() }).execute();
    const [x, y, z] = [await connect(blocked.cookie), await connect(other.cookie), await connect(blocker.cookie)];
    await x.join(room);
    await x.post(room, 'earlier words');
    await y.join(room);
    expect((await z.join(room)).history).toEqual([]);
    await x.post(room, 'unkind words');
    const forBlocker = await z.next('event', (e) => e.seq === 2);
    expect(forBlocker).toEqual({ t: 'event', room, seq: 2, kind: 'skip' });
    expect(await y.next('event', (e) => e.seq === 2)).toMatchObject({ kind: 'message', message: { body: 'unkind words' } });
    expect(JSON.stringify(z.frames)).not.toContain('unkind');
  });

  it('presence names members and facilitators, counts observers, and drops those who leave', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['facilitator', 'member', 'observer']);
    const clients = [];
    for (const p of people) {
      const cl = await connect(p.cookie);
      await cl.join(room);
      clients.push(cl);
    }
    const [f, m] = [people[0]!, people[1]!];
    const want = [
      { handle: f.handle, role: 'facilitator' },
      { handle: m.handle, role: 'member' },
    ].sort((p, q) => p.handle.localeCompare(q.handle));
    await clients[1]!.until((fs) => fs.some((x) => x.t === 'presence' && x.observers === 1 && x.people.length === 2), 3000, 'presence');
    const p = clients[1]!.of('presence').at(-1)!;
    expect(p).toEqual({ t: 'presence', room, people: want, observers: 1 });
    expect(JSON.stringify(clients[0]!.frames)).not.toContain(people[2]!.handle);
    clients[2]!.close();
    await clients[0]!.until((fs) => fs.some((x) => x.t === 'presence' && x.observers === 0 && x.people.length === 2), 3000, 'presence after leave');
  });

  it('closes a socket that sends a frame over the size limit (1009) and one that keeps flooding (4008)', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member']);
    const big = await connect(people[0]!.cookie);
    big.ws.send('x'.repeat(CHAT_LIMITS.frameMaxBytes + 1));
    expect(await big.closed).toBe(1009);
    const flood = await connect(people[0]!.cookie);
    await flood.join(room);
    for (let i = 0; i < 200; i++) flood.send({ t: 'leave', room: 999_999 });
    expect(await flood.closed).toBe(4008);
    const limited = flood.of('error').filter((e) => e.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.retry_after).toBeGreaterThanOrEqual(1);
  });

  it('answers a too-fast sender with rate_limited and retry_after, storing nothing extra', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member']);
    const s = await connect(people[0]!.cookie);
    await s.join(room);
    for (let i = 0; i < CHAT_LIMITS.sendsBurst + 3; i++) s.send({ t: 'send', room, nonce: `r${i}`, body: `m${i}` });
    await s.until((fs) => fs.filter((f) => f.t === 'ack' || f.t === 'error').length === CHAT_LIMITS.sendsBurst + 3);
    const errors = s.of('error');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors[0]).toMatchObject({ code: 'rate_limited', room, retry_after: expect.any(Number) });
    const stored = await c.t.database.db.selectFrom('room_messages').select('id').where('room_id', '=', room).execute();
    expect(stored.length).toBe(s.of('ack').length);
  });

  it('closes the socket with 4001 within a heartbeat of signing out', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member']);
    const s = await connect(people[0]!.cookie);
    await s.join(room);
    const out = await people[0]!.client.post('/api/auth/sign-out');
    expect(out.statusCode).toBeLessThan(300);
    const started = Date.now();
    expect(await s.closed).toBe(4001);
    expect(Date.now() - started).toBeLessThan(TEST_HEARTBEAT_MS * 3);
  });

  it('exposes the open sockets in /metrics', async () => {
    const res = await c.t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/^kinship_chat_sockets \d+$/m);
  });
});
