import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../../test/helpers/databases.js';
import { ChatClient, TEST_ORIGIN } from '../../../../../../test/helpers/chat-client.js';
import { groupWith, startChatApp, TEST_HEARTBEAT_MS, type ChatApp } from '../../../../../../test/helpers/chat-app.js';
import type { Person } from '../../../../../../test/helpers/seeded-groups.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The heartbeat, presence and resumes as the hub spreads and caches them (issue 7's benchmark; docs/groups.md
 * "Heartbeat and sessions", "Presence"), on SQLite and PostgreSQL: what a member would notice if the savings broke
 * something. A dead socket is still dropped, an idle one still hears from the server, presence still reaches everyone
 * who joins (a second tab too) without being re-sent when nothing changed, and a resume shows messages as they are now.
 */
describe.each(dialectCases())('chat heartbeat, presence and resumes on $name', (kind) => {
  let c: ChatApp;
  const open: ChatClient[] = [];
  const connect = async (p: Person) => {
    const client = await ChatClient.open(c.baseUrl, p.cookie);
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

  it('drops a socket that stops answering pings; an idle one hears `hb` each heartbeat and no repeated presence', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const idle = await connect(people[0]!);
    await idle.join(room);
    await idle.next('presence');
    // A peer that went away without closing: its TCP socket is open but nothing answers the server's pings.
    const dead = new WebSocket(`${c.baseUrl.replace(/^http/, 'ws')}/ws`, {
      headers: { cookie: `kinship_session=${people[1]!.cookie}` },
      origin: TEST_ORIGIN,
      autoPong: false,
    });
    const closed = new Promise<number>((resolve) => dead.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => (dead.once('open', resolve), dead.once('error', reject)));
    const started = Date.now();
    // Each socket is visited once per heartbeat: pinged at the first visit, dropped at the next.
    expect(await closed).toBe(1006);
    expect(Date.now() - started).toBeLessThan(TEST_HEARTBEAT_MS * 3);
    await sleep(TEST_HEARTBEAT_MS * 3);
    expect(idle.ws.readyState).toBe(WebSocket.OPEN);
    expect(idle.of('hb').length).toBeGreaterThanOrEqual(2);
    // The other member connected and left without joining: presence never changed, so it came once.
    expect(idle.of('presence')).toHaveLength(1);
  });

  it('a socket kept busy by events gets no `hb` on top (any frame tells the client the server is there)', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const [talker, reader] = [await connect(people[0]!), await connect(people[1]!)];
    await talker.join(room);
    await reader.join(room);
    const from = reader.frames.length;
    // A message every third of a heartbeat for three heartbeats (within the send rate limit).
    for (let i = 0; i < 9; i++) {
      talker.send({ t: 'send', room, nonce: `busy-${i}`, body: `message ${i}` });
      await sleep(TEST_HEARTBEAT_MS / 3);
    }
    await reader.until((fs) => fs.slice(from).filter((f) => f.t === 'event').length === 9);
    expect(reader.frames.slice(from).filter((f) => f.t === 'hb').length).toBeLessThanOrEqual(1);
  });

  it("a second tab of someone already here gets the room's presence though nothing changed; the first hears nothing new", async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member']);
    const first = await connect(people[0]!);
    await first.join(room);
    const p = await first.next('presence');
    expect(p.people).toEqual([{ handle: people[0]!.handle, role: 'member' }]);
    const second = await connect(people[0]!);
    await second.join(room);
    expect(await second.next('presence')).toEqual(p);
    await sleep(TEST_HEARTBEAT_MS * 2);
    expect(first.of('presence')).toHaveLength(1);
  });

  it('a burst of joins makes a few presence frames, and everyone ends up seeing everyone', async () => {
    const { openRoomId: room, people } = await groupWith(c, Array<'member'>(8).fill('member'));
    const clients = await Promise.all(people.map((p) => connect(p)));
    await Promise.all(clients.map((cl) => cl.join(room)));
    const everyone = people.map((p) => p.handle).sort((a, b) => a.localeCompare(b));
    for (const cl of clients)
      await cl.until(
        (fs) => fs.some((f) => f.t === 'presence' && f.people.map((x) => x.handle).join() === everyone.join()),
        3000,
        'presence with everyone',
      );
    // Eight joins, one frame per join to each of eight sockets would be 64; coalesced it is a couple each.
    const frames = clients.reduce((n, cl) => n + cl.of('presence').length, 0);
    expect(frames).toBeLessThanOrEqual(3 * clients.length);
    // Someone leaving is still heard.
    clients[7]!.close();
    await clients[0]!.until((fs) => fs.some((f) => f.t === 'presence' && f.people.length === 7), 3000, 'presence after a leave');
  });

  it('a resume shows missed messages as they are now: hidden ones without their words, edited ones edited', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['facilitator', 'member', 'member']);
    const [fp, author, reader] = people as [Person, Person, Person];
    const [f, a] = [await connect(fp), await connect(author)];
    await f.join(room);
    await a.join(room);
    const r = await connect(reader);
    await r.join(room);
    r.close();
    // While the reader is away: a message later hidden, and one later edited.
    await a.post(room, 'words a facilitator hides');
    const hiddenId = (await f.next('event', (e) => e.seq === 1)).message!.id;
    expect(await f.act({ t: 'facilitate', room, action: 'hide', target: hiddenId })).toBeUndefined();
    await a.post(room, 'frist');
    const editedId = (await f.next('event', (e) => e.seq === 3)).message!.id;
    expect(await a.act({ t: 'edit', room, message: editedId, body: 'first' })).toBeUndefined();
    await f.next('event', (e) => e.seq === 4);
    const expectResume = async (who: Person, sees: string | null) => {
      const back = await connect(who);
      const joined = await back.join(room, 0);
      expect(joined.seq).toBe(4);
      await back.until((fs) => fs.filter((x) => x.t === 'event').length === 4);
      const events = back.events(room);
      expect(events.map((e) => [e.seq, e.kind])).toEqual([
        [1, 'message'],
        [2, 'hide'],
        [3, 'message'],
        [4, 'edit'],
      ]);
      expect(events[0]!.message).toMatchObject({ hidden: true, body: sees });
      expect(events[2]!.message).toMatchObject({ body: 'first', edited_at: expect.any(String) as string });
      back.close();
    };
    // Served from the room's recent events while others keep the room followed…
    await expectResume(reader, null);
    await expectResume(fp, 'words a facilitator hides');
    // …and from those read afresh when the room is followed again (as after a restart).
    for (const cl of [f, a]) cl.close();
    await sleep(100);
    await expectResume(reader, null);
  });
});
