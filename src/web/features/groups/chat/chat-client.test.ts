import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE_CODES, type ServerFrame } from '../../../../shared/chat-protocol.js';
import { backoffCeiling, backoffDelay } from './backoff.js';
import { ChatClient, type ChatClientOptions, type ConnectionState, type NetworkStatus } from './chat-client.js';
import { FakeChatServer } from './fake-chat-server.js';

const ROOM = 7;
let server: FakeChatServer;
let client: ChatClient | undefined;

beforeEach(async () => {
  server = await FakeChatServer.start();
});
afterEach(async () => {
  client?.close();
  client = undefined;
  await server.stop();
});

/** A client with fast back-off for the test, recording what a page would see. */
function connect(options: Partial<ChatClientOptions> = {}) {
  const seen = { seqs: [] as number[], states: [] as ConnectionState[], history: [] as number[], frames: [] as ServerFrame[] };
  client = new ChatClient({ url: server.url, WebSocket, backoff: { baseMs: 20, capMs: 200 }, ...options });
  seen.states.push(client.state);
  client.subscribe((e) => {
    if (e.type === 'connection') seen.states.push(e.state);
    if (e.type !== 'frame') return;
    seen.frames.push(e.frame);
    if (e.frame.t === 'event') seen.seqs.push(e.frame.seq);
    if (e.frame.t === 'joined') seen.history.push(...e.frame.history.map((m) => m.seq));
  });
  client.join(ROOM);
  client.start();
  return seen;
}

async function until(check: () => boolean, what: string, ms = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const joins = () => server.received.filter((f) => f.t === 'join');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('chat client against a real ws server', () => {
  it('joins fresh with history, then follows live events', async () => {
    server.post(ROOM, 'sam', 'before');
    const seen = connect();
    await until(() => client!.lastSeq(ROOM) === 1, 'joined');
    expect(seen.history).toEqual([1]);
    expect(joins()[0]).toEqual({ t: 'join', room: ROOM });
    server.post(ROOM, 'sam', 'live');
    await until(() => seen.seqs.length === 1, 'live event');
    expect(seen.seqs).toEqual([2]);
  });

  it('reconnects after the server drops the socket and resumes with `after`: nothing lost, nothing twice', async () => {
    const seen = connect();
    await until(() => client!.state.status === 'open' && client!.lastSeq(ROOM) === 0, 'joined');
    for (let i = 0; i < 3; i++) server.post(ROOM, 'sam', `m${i}`);
    await until(() => seen.seqs.length === 3, 'first events');
    server.dropAll();
    // Said while the client was away.
    for (let i = 0; i < 4; i++) server.post(ROOM, 'alex', `missed ${i}`);
    await until(() => seen.seqs.length === 7, 'missed events');
    expect(server.connections).toBe(2);
    expect(joins()[1]).toEqual({ t: 'join', room: ROOM, after: 3 });
    expect(seen.seqs).toEqual(range(1, 7));
    expect(seen.states.map((s) => s.status)).toContain('reconnecting');
  });

  it('drops replayed events (a resume that overlaps, a repeated frame)', async () => {
    server.overlapOnResume = 2;
    const seen = connect();
    await until(() => client!.lastSeq(ROOM) === 0, 'joined');
    for (let i = 0; i < 4; i++) server.post(ROOM, 'sam', `m${i}`);
    await until(() => seen.seqs.length === 4, 'events');
    server.raw(JSON.stringify({ t: 'event', room: ROOM, seq: 2, kind: 'message' }));
    server.dropAll();
    server.post(ROOM, 'sam', 'after');
    await until(() => client!.lastSeq(ROOM) === 5, 'resume');
    // The server replayed 3 and 4 again on resume, and 2 by hand: none of them reached the page twice.
    expect(seen.seqs).toEqual(range(1, 5));
  });

  it('fills a gap by joining again with `after`, in order', async () => {
    const seen = connect();
    await until(() => client!.lastSeq(ROOM) === 0, 'joined');
    server.post(ROOM, 'sam', 'one');
    await until(() => seen.seqs.length === 1, 'first');
    server.post(ROOM, 'sam', 'lost 1', { broadcast: false });
    server.post(ROOM, 'sam', 'lost 2', { broadcast: false });
    server.post(ROOM, 'sam', 'four');
    await until(() => seen.seqs.length === 4, 'gap filled');
    expect(seen.seqs).toEqual([1, 2, 3, 4]);
    expect(joins().at(-1)).toEqual({ t: 'join', room: ROOM, after: 1 });
    expect(server.connections).toBe(1);
  });

  it('re-sends an unacknowledged message with the same nonce after a reconnect, and clears it on ack', async () => {
    const seen = connect();
    const outbox: number[] = [];
    client!.subscribe((e) => e.type === 'outbox' && outbox.push(e.pending.length));
    await until(() => client!.state.status === 'open' && client!.lastSeq(ROOM) === 0, 'joined');
    server.dropBeforeAck = true;
    const nonce = client!.send(ROOM, 'hello');
    expect(client!.pending(ROOM)).toEqual([{ room: ROOM, nonce, body: 'hello' }]);
    await until(() => server.connections === 2, 'reconnect');
    server.dropBeforeAck = false;
    await until(() => client!.pending(ROOM).length === 0, 'ack');
    const sends = server.received.filter((f) => f.t === 'send');
    expect(sends.map((s) => s.nonce)).toEqual([nonce, nonce]);
    // Stored once: the room holds one message, and the page saw it once.
    expect(server.seq(ROOM)).toBe(1);
    await until(() => seen.seqs.length === 1, 'the event');
    expect(seen.seqs).toEqual([1]);
    expect(outbox.at(-1)).toBe(0);
  });

  it('keeps a refused send, with the reason, until it is retried or discarded', async () => {
    connect();
    await until(() => client!.lastSeq(ROOM) === 0, 'joined');
    server.refuseSends = { code: 'slow_mode', retry_after: 9 };
    const nonce = client!.send(ROOM, 'too soon');
    await until(() => client!.pending(ROOM)[0]?.failed !== undefined, 'refusal');
    expect(client!.pending(ROOM)[0]!.failed).toEqual({ code: 'slow_mode', message: 'slow_mode', retryAfter: 9 });
    // Not sent again by itself, even across a reconnect.
    server.dropAll();
    await until(() => server.connections === 2 && client!.state.status === 'open', 'reconnect');
    expect(server.received.filter((f) => f.t === 'send')).toHaveLength(1);
    server.refuseSends = null;
    client!.retry(nonce);
    await until(() => client!.pending(ROOM).length === 0, 'ack after retry');
    expect(server.seq(ROOM)).toBe(1);
  });

  it('stops for good when the session ends (4001)', async () => {
    connect();
    await until(() => client!.state.status === 'open', 'open');
    server.closeAll(CLOSE_CODES.sessionEnded);
    await until(() => client!.state.status === 'ended', 'ended');
    // Many back-off ceilings (200 ms at most here) later, still one connection.
    await new Promise((r) => setTimeout(r, 600));
    expect(server.connections).toBe(1);
    expect(client!.state.status).toBe('ended');
  });

  it('backs off with full jitter within its bounds while the server is down, and starts again after a stable link', async () => {
    server.refuse = true;
    const seen = connect({ backoff: { baseMs: 10, capMs: 80 }, stableMs: 50 });
    await until(() => seen.states.filter((s) => s.status === 'reconnecting').length >= 6, 'retries');
    const waits = seen.states.flatMap((s) => (s.status === 'reconnecting' ? [s] : []));
    waits.forEach((w, i) => {
      expect(w.attempt).toBe(i);
      expect(w.delayMs).toBeGreaterThanOrEqual(0);
      expect(w.delayMs).toBeLessThan(backoffCeiling(i, { baseMs: 10, capMs: 80 }));
    });
    server.refuse = false;
    await until(() => client!.state.status === 'open', 'open');
    await new Promise((r) => setTimeout(r, 80));
    const before = seen.states.length;
    server.dropAll();
    await until(() => seen.states.slice(before).some((s) => s.status === 'reconnecting'), 'reconnecting');
    const next = seen.states.slice(before).find((s) => s.status === 'reconnecting');
    expect(next).toMatchObject({ attempt: 0 });
  });

  it('drops a silent connection after its heartbeat window, and keeps one that beats', async () => {
    const seen = connect({ watchdogMs: 150 });
    await until(() => client!.state.status === 'open', 'open');
    const beat = setInterval(() => server.raw('{"t":"hb"}'), 40);
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(beat);
    expect(server.connections).toBe(1);
    server.silent = true;
    await until(() => server.connections >= 2, 'reconnect after silence');
    expect(seen.states.map((s) => s.status)).toContain('reconnecting');
  });

  it('ignores frames that are not the protocol, and keeps working', async () => {
    const seen = connect();
    await until(() => client!.lastSeq(ROOM) === 0, 'joined');
    server.raw('not json');
    server.raw(JSON.stringify({ t: 'event', room: ROOM, seq: -1, kind: 'message' }));
    server.raw(JSON.stringify({ t: 'explode' }));
    server.raw(JSON.stringify({ t: 'event', room: ROOM, seq: 1, kind: 'nope' }));
    server.post(ROOM, 'sam', 'fine');
    await until(() => seen.seqs.length === 1, 'event');
    expect(seen.seqs).toEqual([1]);
    expect(server.connections).toBe(1);
  });

  it('waits while the device is offline and connects when it is back', async () => {
    let online = false;
    let notify = () => undefined as void;
    const network: NetworkStatus = {
      isOnline: () => online,
      subscribe: (cb) => {
        notify = cb;
        return () => undefined;
      },
    };
    connect({ network });
    expect(client!.state.status).toBe('offline');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections).toBe(0);
    online = true;
    notify();
    await until(() => client!.state.status === 'open', 'open');
    online = false;
    notify();
    expect(client!.state.status).toBe('offline');
  });
});

describe('back-off', () => {
  it('stays in [0, min(cap, base·2ⁿ)) for every attempt and random draw', () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(30_000, 500 * 2 ** attempt));
      }),
    );
    expect(backoffCeiling(0)).toBe(500);
    expect(backoffCeiling(20)).toBe(30_000);
  });
});
