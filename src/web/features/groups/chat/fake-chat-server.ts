import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  clientFrameSchema,
  type ClientFrame,
  type MessageView,
  type RoomState,
  type ServerFrame,
} from '../../../../shared/chat-protocol.js';

/**
 * A small peer for the chat client's tests: a real `ws` server on a loopback port that speaks the /ws protocol
 * (join with history or resume, send with nonce de-duplication, ack, events in order) with a few levers to
 * misbehave like a real network does: drop every socket, swallow acks, skip events, go silent, close with a code.
 * It stands in for the network peer only; the client is what the tests exercise.
 */
export class FakeChatServer {
  readonly received: ClientFrame[] = [];
  connections = 0;
  /** Heartbeats are not sent and nothing is answered: a dead peer whose TCP connection still looks alive. */
  silent = false;
  /** The next sends are stored but the socket is dropped before the ack goes out. */
  dropBeforeAck = false;
  /** Refuse every upgrade (the server is down). */
  refuse = false;
  /** Sends are refused with this error (slow mode, muted…) and not stored. */
  refuseSends: { code: string; retry_after?: number } | null = null;
  /** On a resume, also replay this many events the client already has. */
  overlapOnResume = 0;
  private readonly log = new Map<number, { seq: number; message: MessageView }[]>();
  private readonly nonces = new Map<string, number>();
  private readonly members = new Map<WebSocket, Set<number>>();
  private constructor(private readonly wss: WebSocketServer) {}

  static async start(): Promise<FakeChatServer> {
    const holder: { server?: FakeChatServer } = {};
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info, done) => done(!holder.server?.refuse, 503),
    });
    const server = (holder.server = new FakeChatServer(wss));
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    wss.on('connection', (socket) => server.accept(socket));
    return server;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/ws`;
  }

  /** The room's last sequence. */
  seq(room: number): number {
    return this.log.get(room)?.length ?? 0;
  }

  /** Stores a message from `author`; `broadcast: false` keeps it from live sockets (they will see a gap). */
  post(room: number, author: string | null, body: string, { broadcast = true } = {}): number {
    const events = this.log.get(room) ?? [];
    this.log.set(room, events);
    const seq = events.length + 1;
    const message: MessageView = {
      id: seq,
      seq,
      author,
      body,
      created_at: new Date().toISOString(),
      edited_at: null,
      deleted: false,
      hidden: false,
      pinned: false,
    };
    events.push({ seq, message });
    if (broadcast)
      for (const [socket, rooms] of this.members) if (rooms.has(room)) this.sendTo(socket, eventOf(room, events[seq - 1]!));
    return seq;
  }

  /** Sends any text to every socket (invalid frames, replays). */
  raw(text: string): void {
    for (const socket of this.members.keys()) socket.send(text);
  }

  /** Drops every connection without a close handshake, as a dying instance or a lost network does. */
  dropAll(): void {
    for (const socket of this.members.keys()) socket.terminate();
  }

  closeAll(code: number): void {
    for (const socket of this.members.keys()) socket.close(code, 'test');
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket) {
    this.connections++;
    this.members.set(socket, new Set());
    socket.on('close', () => this.members.delete(socket));
    socket.on('message', (data: Buffer) => {
      if (this.silent) return;
      const parsed = clientFrameSchema.safeParse(JSON.parse(data.toString('utf8')));
      if (!parsed.success) return;
      this.received.push(parsed.data);
      this.handle(socket, parsed.data);
    });
  }

  private handle(socket: WebSocket, frame: ClientFrame) {
    if (frame.t === 'join') {
      this.members.get(socket)?.add(frame.room);
      const events = this.log.get(frame.room) ?? [];
      const resume = frame.after !== undefined;
      this.sendTo(socket, {
        t: 'joined',
        room: frame.room,
        seq: events.length,
        state: stateOf(frame.room),
        history: resume ? [] : events.map((e) => e.message),
        you: { handle: 'tester', role: 'member', muted: false },
      });
      if (resume) {
        const from = Math.max(0, frame.after! - this.overlapOnResume);
        for (const e of events.slice(from)) this.sendTo(socket, eventOf(frame.room, e));
      }
    } else if (frame.t === 'send') {
      if (this.refuseSends) {
        const { code, retry_after } = this.refuseSends;
        return this.sendTo(socket, {
          t: 'error',
          code,
          message: code,
          room: frame.room,
          nonce: frame.nonce,
          ...(retry_after ? { retry_after } : {}),
        });
      }
      const first = this.nonces.get(frame.nonce);
      if (first !== undefined) return this.sendTo(socket, { t: 'ack', room: frame.room, nonce: frame.nonce, seq: first });
      const seq = this.post(frame.room, 'tester', frame.body);
      this.nonces.set(frame.nonce, seq);
      if (this.dropBeforeAck) return socket.terminate();
      this.sendTo(socket, { t: 'ack', room: frame.room, nonce: frame.nonce, seq });
    }
  }

  private sendTo(socket: WebSocket, frame: ServerFrame) {
    socket.send(JSON.stringify(frame));
  }
}

function eventOf(room: number, e: { seq: number; message: MessageView }): ServerFrame {
  return { t: 'event', room, seq: e.seq, kind: 'message', message: e.message };
}

function stateOf(room: number): RoomState {
  return {
    room,
    kind: 'open',
    status: 'open',
    locked: false,
    slow_mode_seconds: 0,
    cross_talk: true,
    format: [],
    section: 0,
    section_started_at: null,
    share_minutes: 0,
    queue: [],
    sharer: null,
    share_started_at: null,
    closes_at: null,
  };
}
