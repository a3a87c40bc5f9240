import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Counters, Tag } from './chat-ipc.js';

/**
 * The client side of `bench:chat`: many real `ws` clients in one process, each a member of one room, speaking the
 * /ws protocol (src/shared/chat-protocol.ts) as the web client does: join (with `after` when resuming), send with a
 * nonce, keep the unacknowledged sends and repeat them after a reconnect, keep the last sequence. Kept cheap: while
 * the closed-loop saturation runs, deliveries are counted without parsing them (see `Clients.onFrame`).
 */

export interface Room {
  id: number;
  tag: Tag;
  members: Client[];
  /** The next member to send, in turn, so no one socket's rate limit is what is measured. */
  turn: number;
  /** Closed loop: sends awaiting their ack. */
  inFlight: number;
  /** The highest sequence seen in the room (acks and events). */
  maxSeq: number;
  /** The reconnect phase's messages (nonces), and the sequences each got: exactly once means one each. */
  tracked: Set<string> | null;
  seqsOf: Map<string, Set<number>> | null;
}

export interface Client {
  /** Unique within this process; the first part of every nonce this client makes. */
  idx: number;
  room: Room;
  token: string | null;
  ws: WebSocket | null;
  joined: boolean;
  everJoined: boolean;
  lastSeq: number;
  attempt: number;
  sent: number;
  /** Unacknowledged sends, nonce → frame, in the order they were made. */
  unacked: Map<string, string>;
  /** Tracked phase: receipts per nonce. */
  receipts: Map<string, number> | null;
  /** Resolves the initial connect: joined (true) or failed (false). */
  settle: ((ok: boolean, error?: string) => void) | null;
  lastError: string | undefined;
}

const EVENT_TAG = Buffer.from('"t":"event"');
// A typical chat line; with the nonce and the send time in front the body is about 120 characters.
const FILLER = 'Day 30 today. Thank you all for being here every evening, it really helps me keep going.';

export const newCounters = (): Counters => ({
  events: 0,
  sends: 0,
  resends: 0,
  acks: 0,
  errors: {},
  unexpectedCloses: 0,
  rejoins: 0,
  seqDuplicates: 0,
  seqGaps: 0,
});

interface EventFrame {
  seq: number;
  kind: string;
  message?: { seq: number; body: string | null };
}

export class Clients {
  url = '';
  origin = '';
  cookieName = '';
  counters = newCounters();
  samples: number[] = [];
  sampling = false;
  /** Closed loop: deliveries are only counted, not parsed. */
  countOnly = false;
  resetting = false;
  private nextIdx = 0;

  add(room: Room, token: string | null): Client {
    const c: Client = {
      idx: ++this.nextIdx,
      room,
      token,
      ws: null,
      joined: false,
      everJoined: false,
      lastSeq: 0,
      attempt: 0,
      sent: 0,
      unacked: new Map(),
      receipts: null,
      settle: null,
      lastError: undefined,
    };
    room.members.push(c);
    return c;
  }

  open(c: Client): void {
    const headers: Record<string, string> = { origin: this.origin };
    if (c.token) headers.cookie = `${this.cookieName}=${c.token}`;
    const ws = new WebSocket(this.url, { headers, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: 15_000 });
    c.ws = ws;
    ws.on('open', () => {
      const join = c.everJoined ? { t: 'join', room: c.room.id, after: c.lastSeq } : { t: 'join', room: c.room.id };
      ws.send(JSON.stringify(join));
    });
    ws.on('message', (data: Buffer) => this.onFrame(c, data));
    ws.on('error', (err) => (c.lastError = err.message));
    ws.on('close', (code) => {
      if (c.ws !== ws) return;
      c.ws = null;
      c.joined = false;
      if (c.settle) {
        c.settle(false, c.lastError ?? `closed with ${code}`);
        c.settle = null;
      } else if (!this.resetting) {
        this.counters.unexpectedCloses++;
        this.reconnectLater(c);
      }
    });
  }

  /** Jittered exponential back-off (docs/groups.md), capped low so the phase stays short. */
  private reconnectLater(c: Client): void {
    const delay = Math.min(2000, 100 * 2 ** c.attempt) * (0.5 + Math.random() / 2);
    c.attempt++;
    setTimeout(() => {
      if (!this.resetting && !c.ws) this.open(c);
    }, delay);
  }

  /** Makes a message and sends it now, or on rejoin when the socket is down. */
  send(c: Client): void {
    const nonce = `${c.idx}-${++c.sent}`;
    const body = `${nonce} ${performance.now().toFixed(3)} ${FILLER}`;
    const frame = JSON.stringify({ t: 'send', room: c.room.id, nonce, body });
    c.unacked.set(nonce, frame);
    c.room.tracked?.add(nonce);
    this.counters.sends++;
    if (c.joined) c.ws!.send(frame);
  }

  private onFrame(c: Client, data: Buffer): void {
    if (this.countOnly && data.includes(EVENT_TAG)) {
      this.counters.events++;
      return;
    }
    const f = JSON.parse(data.toString()) as { t: string } & Record<string, unknown>;
    if (f.t === 'event') this.onEvent(c, f as unknown as EventFrame);
    else if (f.t === 'ack') this.onAck(c, f.nonce as string, f.seq as number);
    else if (f.t === 'joined') this.onJoined(c, f.seq as number, f.history as EventFrame['message'][]);
    else if (f.t === 'error') this.onError(c, f.code as string, f.nonce as string | undefined);
  }

  private onEvent(c: Client, f: EventFrame): void {
    this.counters.events++;
    if (f.seq <= c.lastSeq) this.counters.seqDuplicates++;
    else if (f.seq > c.lastSeq + 1) this.counters.seqGaps++;
    c.lastSeq = Math.max(c.lastSeq, f.seq);
    const room = c.room;
    if (f.seq > room.maxSeq) room.maxSeq = f.seq;
    const body = f.kind === 'message' ? f.message?.body : null;
    if (!body) return;
    const space = body.indexOf(' ');
    const nonce = body.slice(0, space);
    if (this.sampling && !nonce.startsWith(`${c.idx}-`)) {
      this.samples.push(performance.now() - Number.parseFloat(body.slice(space + 1, body.indexOf(' ', space + 1))));
    }
    if (c.receipts) c.receipts.set(nonce, (c.receipts.get(nonce) ?? 0) + 1);
    if (room.seqsOf && room.tracked?.has(nonce)) {
      const seqs = room.seqsOf.get(nonce) ?? new Set<number>();
      seqs.add(f.seq);
      room.seqsOf.set(nonce, seqs);
    }
  }

  private onAck(c: Client, nonce: string, seq: number): void {
    this.counters.acks++;
    if (!c.unacked.delete(nonce)) return; // the first ack already came (a resent message is acked again)
    const room = c.room;
    if (seq > room.maxSeq) room.maxSeq = seq;
    if (room.inFlight > 0) room.inFlight--;
    this.afterAck?.(room);
  }

  /** Called when a closed-loop slot frees up. */
  afterAck: ((room: Room) => void) | null = null;

  private onJoined(c: Client, seq: number, history: EventFrame['message'][] | undefined): void {
    const resume = c.everJoined;
    c.joined = true;
    c.everJoined = true;
    c.attempt = 0;
    if (resume) {
      this.counters.rejoins++;
      // A resume may bring what was missed as history, or as events after `joined`: both count as deliveries.
      for (const m of history ?? []) {
        if (m && m.seq > c.lastSeq) this.onEvent(c, { seq: m.seq, kind: 'message', message: m });
      }
    } else {
      c.lastSeq = seq; // a fresh join's history is the past, not a delivery
    }
    if (seq > c.room.maxSeq) c.room.maxSeq = seq;
    for (const frame of c.unacked.values()) {
      c.ws!.send(frame);
      this.counters.resends++;
    }
    c.settle?.(true);
    c.settle = null;
  }

  private onError(c: Client, code: string, nonce: string | undefined): void {
    this.counters.errors[code] = (this.counters.errors[code] ?? 0) + 1;
    // A refused send is not stored: it is no longer awaited, nor expected by the exactly-once check.
    if (nonce && c.unacked.delete(nonce)) {
      c.room.tracked?.delete(nonce);
      if (c.room.inFlight > 0) c.room.inFlight--;
      const room = c.room;
      setTimeout(() => this.afterAck?.(room), 100);
    }
  }
}
