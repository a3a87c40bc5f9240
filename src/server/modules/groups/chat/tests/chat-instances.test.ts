import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../../../test/helpers/databases.js';
import { ChatClient } from '../../../../../../test/helpers/chat-client.js';
import { groupWith, startChatApp, TEST_HEARTBEAT_MS, type ChatApp } from '../../../../../../test/helpers/chat-app.js';
import { withQuickWriteTransaction } from '../../../../db/quick-transaction.js';
import { publishToRoom } from '../room-channel.js';
import { appendMessage } from '../room-log.js';
import { CHAT_LIMITS } from '../../../../../shared/chat-protocol.js';
import { addMember, seedGroup } from '../../../../../../test/helpers/seeded-groups.js';

/**
 * What the hub does for other instances and the bus (docs/groups.md "Durable before delivered", presence, blocks),
 * driven through the app's bus on SQLite and PostgreSQL: an event whose publisher died before publishing still
 * arrives, in order; another instance's people are in presence until its roster goes silent; a new block applies
 * at once.
 */
describe.each(dialectCases())('chat hub and the bus on $name', (kind) => {
  let c: ChatApp;
  const open: ChatClient[] = [];
  const connect = async (cookie: string) => {
    const client = await ChatClient.open(c.baseUrl, cookie);
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

  it('reads from the log an event that was stored but never published (its instance died), in order', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const [a, b] = [await connect(people[0]!.cookie), await connect(people[1]!.cookie)];
    await a.join(room);
    await b.join(room);
    // Another instance stored this and died before publishing it.
    await withQuickWriteTransaction(c.t.database, (tx) =>
      appendMessage(tx, {
        roomId: room,
        authorId: people[0]!.accountId,
        authorHandle: people[0]!.handle,
        nonce: 'lost-publish',
        body: 'stored, never published',
        now: new Date().toISOString(),
      }),
    );
    await a.post(room, 'published');
    for (const cl of [a, b]) {
      await cl.until((fs) => fs.filter((f) => f.t === 'event').length === 2, 3000);
      expect(cl.events(room).map((e) => [e.seq, e.message?.body])).toEqual([
        [1, 'stored, never published'],
        [2, 'published'],
      ]);
    }
    // Even when nothing follows it, the heartbeat's look at the room's last sequence brings it.
    await withQuickWriteTransaction(c.t.database, (tx) =>
      appendMessage(tx, {
        roomId: room,
        authorId: people[1]!.accountId,
        authorHandle: people[1]!.handle,
        nonce: 'last-one',
        body: 'the last word',
        now: new Date().toISOString(),
      }),
    );
    await a.next('event', (e) => e.seq === 3, 0);
  });

  it("names another instance's people until its roster goes unrenewed for three heartbeats", async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member']);
    const m = await connect(people[0]!.cookie);
    await m.join(room);
    await publishToRoom(c.lifecycle.bus, room, {
      k: 'presence',
      instance: 'elsewhere',
      people: [
        { account_id: 999_001, handle: 'far-away', role: 'facilitator' },
        { account_id: 999_002, handle: 'quiet-one', role: 'observer' },
      ],
    });
    const seen = await m.next('presence', (p) => p.people.some((x) => x.handle === 'far-away'));
    expect(seen.observers).toBe(1);
    expect(JSON.stringify(seen)).not.toContain('quiet-one');
    const from = m.frames.length;
    const gone = await m.next('presence', (p) => !p.people.some((x) => x.handle === 'far-away'), from);
    expect(gone).toEqual({ t: 'presence', room, people: [{ handle: people[0]!.handle, role: 'member' }], observers: 0 });
    expect(TEST_HEARTBEAT_MS * 3).toBeLessThan(5000);
  });

  it('a block made while in the room (PUT /api/account/blocks) applies to the next message', async () => {
    const { openRoomId: room, people } = await groupWith(c, ['member', 'member']);
    const [blocker, other] = [await connect(people[0]!.cookie), await connect(people[1]!.cookie)];
    await blocker.join(room);
    await other.join(room);
    await other.post(room, 'before the block');
    await blocker.next('event', (e) => e.seq === 1);
    // Through the REST route a member uses, which tells the hubs after its commit.
    const res = await people[0]!.client.request({ method: 'PUT', url: `/api/account/blocks/${people[1]!.handle}` });
    expect(res.statusCode, res.body).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    await other.post(room, 'after the block');
    expect(await blocker.next('event', (e) => e.seq === 2)).toEqual({ t: 'event', room, seq: 2, kind: 'skip' });
  });

  it('a socket follows at most CHAT_LIMITS.roomsPerSocket rooms', async () => {
    const { people } = await groupWith(c, ['member']);
    const m = await connect(people[0]!.cookie);
    for (let i = 0; i <= CHAT_LIMITS.roomsPerSocket; i++) {
      const g = await seedGroup(c.t.database.db);
      await addMember(c.t.database.db, g.groupId, people[0]!, 'member');
      if (i < CHAT_LIMITS.roomsPerSocket) await m.join(g.openRoomId);
      else await expect(m.join(g.openRoomId)).rejects.toThrow('too_many_rooms');
    }
  });

  it('closes its sockets with 1001 when the app shuts down, so clients reconnect elsewhere', async () => {
    const other = await startChatApp(kind);
    try {
      const { openRoomId: room, people } = await groupWith(other, ['member']);
      const m = await ChatClient.open(other.baseUrl, people[0]!.cookie);
      await m.join(room);
      const closing = other.t.app.close();
      expect(await m.closed).toBe(1001);
      await closing;
    } finally {
      await other.close();
    }
  });
});
