/**
 * A `bench:chat` client worker: a process holding a few thousand `ws` clients (chat-client.ts), driven by the
 * controller over IPC (chat-ipc.ts). Forked by bench/lib/chat-workers.ts; exits when the controller goes.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clients, newCounters, type Client, type Room } from './chat-client.js';
import type {
  ConnectResult,
  DrainResult,
  MarkResult,
  StatusResult,
  Tag,
  VerifyResult,
  WorkerCommand,
  WorkerReply,
} from './chat-ipc.js';

const clients = new Clients();
let rooms: Room[] = [];
let sending: { mode: 'closed'; window: number; tag: Tag } | { mode: 'paced'; timer: NodeJS.Timeout } | null = null;
let lastMode: 'closed' | 'paced' = 'paced';

const roomsOf = (tag: Tag) => rooms.filter((r) => r.tag === tag);
const allClients = () => rooms.flatMap((r) => r.members);

async function connect(tag: Tag, concurrency: number): Promise<ConnectResult> {
  const started = performance.now();
  const queue = roomsOf(tag).flatMap((r) => r.members);
  let opened = 0;
  let failed = 0;
  let firstError: string | undefined;
  const one = (c: Client) =>
    new Promise<void>((resolve) => {
      c.settle = (ok, error) => {
        if (ok) opened++;
        else {
          failed++;
          firstError ??= error;
        }
        resolve();
      };
      clients.open(c);
    });
  const lanes = Array.from({ length: concurrency }, async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await one(c);
  });
  await Promise.all(lanes);
  return { opened, failed, ms: performance.now() - started, firstError };
}

/** Closed loop: fills a room's window with sends from its joined members in turn. */
function pump(room: Room): void {
  if (sending?.mode !== 'closed' || room.tag !== sending.tag) return;
  const n = room.members.length;
  while (room.inFlight < sending.window) {
    let c: Client | undefined;
    for (let i = 0; i < n && !c?.joined; i++) c = room.members[room.turn++ % n];
    if (!c?.joined) {
      setTimeout(() => pump(room), 50);
      return;
    }
    clients.send(c);
    room.inFlight++;
  }
}

function startPaced(tag: Tag, rate: number): NodeJS.Timeout {
  const mine = roomsOf(tag);
  const started = performance.now();
  let issued = 0;
  let next = 0;
  return setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; issued < due; issued++) {
      const room = mine[next++ % mine.length]!;
      clients.send(room.members[room.turn++ % room.members.length]!);
    }
  }, 5);
}

function mark(): MarkResult {
  const result = { counters: structuredClone(clients.counters), samples: Float64Array.from(clients.samples) };
  clients.samples = [];
  return result;
}

function stop(): void {
  if (sending?.mode === 'paced') clearInterval(sending.timer);
  sending = null;
}

async function drain(timeoutMs: number): Promise<DrainResult> {
  const started = performance.now();
  let lastEvents = -1;
  let quietSince = performance.now();
  for (;;) {
    const all = allClients();
    const unacked = all.reduce((n, c) => n + c.unacked.size, 0);
    // After the closed loop, deliveries were counted, not read: done once acks are in and the sockets are quiet.
    const behind = lastMode === 'closed' ? 0 : all.filter((c) => c.lastSeq < c.room.maxSeq).length;
    if (clients.counters.events !== lastEvents) {
      lastEvents = clients.counters.events;
      quietSince = performance.now();
    }
    const quiet = performance.now() - quietSince >= 300;
    const elapsed = performance.now() - started;
    if ((unacked === 0 && behind === 0 && quiet) || elapsed > timeoutMs) {
      if (lastMode === 'closed') for (const c of all) c.lastSeq = Math.max(c.lastSeq, c.room.maxSeq);
      clients.countOnly = false;
      return { settled: unacked === 0 && behind === 0, ms: elapsed, unacked, behind };
    }
    await sleep(50);
  }
}

function verify(): VerifyResult {
  const v: VerifyResult = { messages: 0, checks: 0, lost: 0, duplicated: 0, storedTwice: 0, unacked: 0 };
  for (const room of rooms) {
    if (!room.tracked) continue;
    v.messages += room.tracked.size;
    for (const nonce of room.tracked) {
      if ((room.seqsOf?.get(nonce)?.size ?? 0) > 1) v.storedTwice++;
      for (const m of room.members) {
        const got = m.receipts?.get(nonce) ?? 0;
        v.checks++;
        if (got === 0) v.lost++;
        else v.duplicated += got - 1;
      }
    }
    for (const m of room.members) {
      v.unacked += m.unacked.size;
      m.receipts = null;
    }
    room.tracked = null;
    room.seqsOf = null;
  }
  return v;
}

async function handle(c: WorkerCommand): Promise<unknown> {
  switch (c.cmd) {
    case 'setup':
      Object.assign(clients, { url: c.url, origin: c.origin, cookieName: c.cookieName });
      for (const r of c.rooms) {
        const room: Room = { id: r.room, tag: c.tag, members: [], turn: 0, inFlight: 0, maxSeq: 0, tracked: null, seqsOf: null };
        for (const token of r.tokens) clients.add(room, token);
        rooms.push(room);
      }
      return null;
    case 'connect':
      return connect(c.tag, c.concurrency);
    case 'start':
      stop();
      lastMode = c.mode;
      if (c.mode === 'closed') {
        clients.countOnly = true;
        sending = { mode: 'closed', window: c.window, tag: c.tag };
        for (const room of roomsOf(c.tag)) pump(room);
      } else {
        clients.sampling = c.sample;
        if (c.track) {
          for (const room of roomsOf(c.tag)) {
            room.tracked = new Set();
            room.seqsOf = new Map();
            for (const m of room.members) m.receipts = new Map();
          }
        }
        sending = { mode: 'paced', timer: startPaced(c.tag, c.rate) };
      }
      return null;
    case 'mark':
      return mark();
    case 'stop':
      stop();
      return null;
    case 'drain':
      return drain(c.timeoutMs);
    case 'status': {
      const all = allClients();
      const status: StatusResult = {
        clients: all.length,
        joined: all.filter((m) => m.joined).length,
        unacked: all.reduce((n, m) => n + m.unacked.size, 0),
      };
      return status;
    }
    case 'drop':
      for (const m of allClients()) m.ws?.terminate();
      return null;
    case 'verify':
      return verify();
    case 'reset':
      stop();
      clients.resetting = true;
      for (const m of allClients()) {
        const ws = m.ws;
        m.ws = null; // its close event then finds it no longer current and reconnects nothing
        ws?.terminate();
      }
      await sleep(200);
      rooms = [];
      clients.counters = newCounters();
      clients.samples = [];
      clients.sampling = false;
      clients.countOnly = false;
      clients.resetting = false;
      return null;
  }
}

clients.afterAck = pump;
process.on('message', (msg: { id: number } & WorkerCommand) => {
  handle(msg).then(
    (result) => process.send!({ id: msg.id, ok: true, result } satisfies WorkerReply),
    (err: unknown) =>
      process.send!({
        id: msg.id,
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));
