import {
  CHAT_LIMITS,
  CLOSE_CODES,
  serverFrameSchema,
  type ClientFrame,
  type ServerFrame,
} from '../../../../shared/chat-protocol.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

/**
 * The browser's end of `/ws` (docs/groups.md "Real-time protocol"), with no framework in it: the page's hook
 * (`use-room.ts`) and the node tests drive the same code. It keeps the promise of issue 7, "must not lose a
 * message", from the client's side:
 *
 * - one socket, reconnected automatically with full-jitter back-off (reset after a stable connection), not while
 *   the device says it is offline, and never after the server closed it with 4001 (the session ended);
 * - per room the last sequence received: a reconnect resumes with `join {after}`; an event at or below it is a
 *   replay and is dropped; one past a gap is dropped and the room is joined again with `after`, so the server
 *   fills the gap in order;
 * - an outbox of sends not yet acknowledged, sent again with the same nonce after a reconnect (the server stores a
 *   repeated nonce once) and removed on `ack`;
 * - a watchdog: no frame for 2.5 heartbeats means the connection is dead, even if the socket has not noticed.
 *
 * Every frame from the server is parsed with the shared schema; one that does not parse is ignored.
 */

/** The parts of a WebSocket this client uses: the browser's `WebSocket` and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  // Handlers take `never` so that both constructors' own event types are accepted; ours declare what they read.
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'open' }
  /** Waiting `delayMs` before the next attempt, which starts at `at` (epoch ms). */
  | { status: 'reconnecting'; at: number; delayMs: number; attempt: number }
  | { status: 'offline' }
  /** The session ended (close code 4001): nothing more until the member signs in again. */
  | { status: 'ended' };

export interface PendingSend {
  room: number;
  nonce: string;
  body: string;
  /** Set when the server refused it (muted, slow mode, too long…); it then waits for "try again" or "discard". */
  failed?: { code: string; message: string; retryAfter?: number };
}

export type ChatEvent =
  | { type: 'connection'; state: ConnectionState }
  /** A frame from the server, after replays and out-of-order events were dropped. */
  | { type: 'frame'; frame: ServerFrame }
  | { type: 'outbox'; room: number; pending: PendingSend[] };

/** Whether the device is online (the browser's `navigator.onLine` and its events). */
export interface NetworkStatus {
  isOnline(): boolean;
  subscribe(onChange: () => void): () => void;
}

export interface ChatClientOptions {
  url: string;
  WebSocket: SocketConstructor;
  backoff?: BackoffOptions;
  /** No frame for this long drops the socket; default 2.5 heartbeats. */
  watchdogMs?: number;
  /** A connection open this long counts as stable, and the back-off starts again from its base. */
  stableMs?: number;
  random?: () => number;
  network?: NetworkStatus;
}

interface RoomTrack {
  /** The last sequence received; null before the first `joined`. */
  lastSeq: number | null;
  /** A join was sent on this socket and its `joined` has not come yet: gaps are being filled already. */
  awaiting: boolean;
  /** The socket generation the room was last joined on; sends go out only once it is this socket's. */
  joinedOn: number;
}

const OPEN = 1;
const NONCE_BYTES = 16;

/** A random nonce (32 hex characters; `crypto.randomUUID` needs a secure context, getRandomValues does not). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ChatClient {
  private socket: SocketLike | null = null;
  private generation = 0;
  private attempt = 0;
  private openedAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private current: ConnectionState = { status: 'connecting' };
  private readonly rooms = new Map<number, RoomTrack>();
  private readonly outbox: (PendingSend & { sentOn: number })[] = [];
  private readonly listeners = new Set<(event: ChatEvent) => void>();
  private readonly unsubscribeNetwork: () => void;
  private readonly watchdogMs: number;

  constructor(private readonly options: ChatClientOptions) {
    this.watchdogMs = options.watchdogMs ?? 2.5 * CHAT_LIMITS.heartbeatSeconds * 1000;
    this.unsubscribeNetwork = options.network?.subscribe(() => this.networkChanged()) ?? (() => undefined);
  }

  /** Opens the connection; call after subscribing, so the first state change is heard. */
  start(): void {
    if (this.generation === 0 && !this.stopped) this.connect();
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Listens to connection changes, frames and the outbox; returns the way to stop. */
  subscribe(listener: (event: ChatEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Enters a room (again after every reconnect, resuming after its last sequence). */
  join(room: number): void {
    if (!this.rooms.has(room)) this.rooms.set(room, { lastSeq: null, awaiting: false, joinedOn: -1 });
    if (this.isOpen()) this.sendJoin(room);
  }

  leave(room: number): void {
    this.rooms.delete(room);
    this.removeSends((p) => p.room === room);
    this.write({ t: 'leave', room });
  }

  /** The last sequence received in `room`, or null before it was joined. */
  lastSeq(room: number): number | null {
    return this.rooms.get(room)?.lastSeq ?? null;
  }

  /** Queues a message; it goes now if the room is joined on an open socket, else after the next `joined`. */
  send(room: number, body: string): string {
    const nonce = newNonce();
    this.outbox.push({ room, nonce, body, sentOn: -1 });
    this.flush(room);
    this.emitOutbox(room);
    return nonce;
  }

  /** Sends a refused message again (same nonce: the server stores it at most once). */
  retry(nonce: string): void {
    const item = this.outbox.find((p) => p.nonce === nonce);
    if (!item) return;
    delete item.failed;
    item.sentOn = -1;
    this.flush(item.room);
    this.emitOutbox(item.room);
  }

  discard(nonce: string): void {
    this.removeSends((p) => p.nonce === nonce);
  }

  pending(room: number): PendingSend[] {
    return this.outbox.filter((p) => p.room === room).map(({ sentOn: _sentOn, ...p }) => p);
  }

  /** Edit, delete, hand and facilitator frames: sent only while connected (they are not queued); false if not. */
  command(frame: Exclude<ClientFrame, { t: 'join' | 'leave' | 'send' }>): boolean {
    return this.write(frame);
  }

  /** Tries at once instead of waiting out the back-off ("Reconnect now"). */
  reconnectNow(): void {
    if (this.current.status === 'reconnecting') {
      this.attempt = 0;
      this.connect();
    }
  }

  /** Closes for good (the page was left). */
  close(): void {
    this.stopped = true;
    this.unsubscribeNetwork();
    this.clearTimers();
    this.dropSocket();
    this.listeners.clear();
  }

  // ---- connection ----

  private connect() {
    this.clearTimers();
    if (this.stopped || this.current.status === 'ended') return;
    if (this.options.network && !this.options.network.isOnline()) return this.setState({ status: 'offline' });
    const generation = ++this.generation;
    this.setState({ status: 'connecting' });
    let socket: SocketLike;
    try {
      socket = new this.options.WebSocket(this.options.url);
    } catch {
      return this.scheduleReconnect();
    }
    this.socket = socket;
    const mine = () => this.socket === socket && this.generation === generation;
    socket.onopen = () => {
      if (!mine()) return;
      this.openedAt = Date.now();
      this.setState({ status: 'open' });
      this.armWatchdog();
      for (const room of this.rooms.keys()) this.sendJoin(room);
    };
    socket.onmessage = (event: { data: unknown }) => {
      if (!mine()) return;
      this.armWatchdog();
      this.receive(event.data);
    };
    socket.onclose = (event: { code?: number }) => {
      if (!mine()) return;
      this.socket = null;
      if (event.code === CLOSE_CODES.sessionEnded) {
        this.clearTimers();
        return this.setState({ status: 'ended' });
      }
      this.scheduleReconnect();
    };
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => undefined;
    // Also bounds a handshake that never completes.
    this.armWatchdog();
  }

  private scheduleReconnect() {
    this.clearTimers();
    this.dropSocket();
    if (this.stopped || this.current.status === 'ended') return;
    if (this.options.network && !this.options.network.isOnline()) return this.setState({ status: 'offline' });
    const stable = this.openedAt !== null && Date.now() - this.openedAt >= (this.options.stableMs ?? 10_000);
    this.openedAt = null;
    if (stable) this.attempt = 0;
    const attempt = this.attempt++;
    const delayMs = backoffDelay(attempt, this.options.random, this.options.backoff ?? DEFAULT_BACKOFF);
    this.setState({ status: 'reconnecting', at: Date.now() + delayMs, delayMs, attempt });
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }

  private networkChanged() {
    if (this.stopped || this.current.status === 'ended') return;
    if (!this.options.network!.isOnline()) {
      // A socket may linger half-open after the network went; drop it and wait for the network.
      this.clearTimers();
      this.dropSocket();
      this.openedAt = null;
      return this.setState({ status: 'offline' });
    }
    if (this.current.status === 'offline' || this.current.status === 'reconnecting') {
      this.attempt = 0;
      this.connect();
    }
  }

  private armWatchdog() {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.scheduleReconnect(), this.watchdogMs);
  }

  private clearTimers() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.retryTimer = this.watchdog = null;
  }

  /** Forgets the socket at once; a dead peer would make a polite close wait, so `ws` sockets are terminated. */
  private dropSocket() {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    // Kept, not cleared: `ws` raises an error when a socket is dropped mid-handshake, and one with no listener throws.
    socket.onerror = () => undefined;
    try {
      const terminate = (socket as { terminate?: () => void }).terminate;
      if (terminate) terminate.call(socket);
      else socket.close();
    } catch {
      // Already closed.
    }
  }

  private isOpen() {
    return this.socket !== null && this.socket.readyState === OPEN && this.current.status === 'open';
  }

  private write(frame: ClientFrame): boolean {
    if (!this.isOpen()) return false;
    try {
      this.socket!.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  private setState(state: ConnectionState) {
    this.current = state;
    this.emit({ type: 'connection', state });
  }

  private emit(event: ChatEvent) {
    for (const listener of [...this.listeners]) listener(event);
  }

  // ---- rooms, sequences and the outbox ----

  private sendJoin(room: number) {
    const track = this.rooms.get(room)!;
    const frame: ClientFrame = track.lastSeq === null ? { t: 'join', room } : { t: 'join', room, after: track.lastSeq };
    if (this.write(frame)) track.awaiting = true;
  }

  private receive(data: unknown) {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = serverFrameSchema.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    switch (frame.t) {
      case 'joined':
        return this.joined(frame);
      case 'event':
        return this.event(frame);
      case 'ack':
        this.removeSends((p) => p.nonce === frame.nonce);
        break;
      case 'error':
        this.refused(frame);
        break;
      case 'closed':
        // The meeting ended or the member was removed: never rejoin this room.
        this.rooms.delete(frame.room);
        this.removeSends((p) => p.room === frame.room);
        break;
      case 'hb':
        return;
    }
    this.emit({ type: 'frame', frame });
  }

  private joined(frame: Extract<ServerFrame, { t: 'joined' }>) {
    const track = this.rooms.get(frame.room);
    if (!track) return;
    // A fresh join starts at the room's sequence now (its history comes with it); a resume keeps its own last
    // sequence and advances as the missed events arrive. A server behind us (restored from a backup) restarts us.
    if (track.lastSeq === null || frame.seq < track.lastSeq) track.lastSeq = frame.seq;
    track.awaiting = false;
    track.joinedOn = this.generation;
    this.emit({ type: 'frame', frame });
    this.flush(frame.room);
  }

  private event(frame: Extract<ServerFrame, { t: 'event' }>) {
    const track = this.rooms.get(frame.room);
    if (!track || track.lastSeq === null) return;
    if (frame.seq <= track.lastSeq) return; // a replay: already applied
    if (frame.seq > track.lastSeq + 1) {
      // A gap: drop this one and ask for everything after what we have, once; the answer brings it in order.
      if (!track.awaiting) this.sendJoin(frame.room);
      return;
    }
    track.lastSeq = frame.seq;
    this.emit({ type: 'frame', frame });
  }

  private refused(frame: Extract<ServerFrame, { t: 'error' }>) {
    const item = frame.nonce ? this.outbox.find((p) => p.nonce === frame.nonce) : undefined;
    if (!item) return;
    item.failed = {
      code: frame.code,
      message: frame.message,
      ...(frame.retry_after !== undefined ? { retryAfter: frame.retry_after } : {}),
    };
    this.emitOutbox(item.room);
  }

  /** Sends the room's unsent (or sent on an earlier socket) messages, once it is joined on this socket. */
  private flush(room: number) {
    const track = this.rooms.get(room);
    if (!track || track.joinedOn !== this.generation || !this.isOpen()) return;
    for (const item of this.outbox) {
      if (item.room !== room || item.failed || item.sentOn === this.generation) continue;
      if (this.write({ t: 'send', room, nonce: item.nonce, body: item.body })) item.sentOn = this.generation;
    }
  }

  private removeSends(match: (p: PendingSend) => boolean) {
    const rooms = new Set<number>();
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const item = this.outbox[i]!;
      if (!match(item)) continue;
      rooms.add(item.room);
      this.outbox.splice(i, 1);
    }
    rooms.forEach((room) => this.emitOutbox(room));
  }

  private emitOutbox(room: number) {
    this.emit({ type: 'outbox', room, pending: this.pending(room) });
  }
}
