import type { WebSocket } from 'ws';
import type { MemberActor } from '../../../security/actor.js';
import { CHAT_LIMITS, type ClientFrame } from '../../../../shared/chat-protocol.js';
import type { SeatRole } from './chat-service.js';
import type { LoggedEvent } from './room-log.js';

/**
 * One socket's state, kept small (issue 7's benchmark: at most 10 KB per idle connection, socket included): plain
 * numbers for the token buckets, no timers of its own (one heartbeat serves every socket), maps made on first use.
 */
export interface Conn {
  ws: WebSocket;
  actor: MemberActor;
  handle: string;
  /** Holds a privileged role, so its session follows the tighter limits (sessions-service.ts). */
  privilegedSession: boolean;
  /** Answered the last ping (or sent anything) since the heartbeat's previous visit. */
  alive: boolean;
  /** A frame was sent to it since the heartbeat's previous visit (else the visit sends `hb`). */
  sent: boolean;
  /** Its place on the heartbeat's wheel (slot-wheel.ts). */
  slot: number;
  closed: boolean;
  /** Rooms this socket is in. */
  seats: Map<number, Seat> | null;
  /** Accounts this member blocked; their events reach this socket as `skip`. */
  blocked: Set<number> | null;
  frameTokens: number;
  sendTokens: number;
  tokensAt: number;
  /** Frames refused since the last heartbeat; too many closes the socket (4008). */
  strikes: number;
  /** Frames waiting their turn: one socket's frames are handled one after another, in order. */
  inbox: ClientFrame[] | null;
  /** Frames sent this round are held in the socket and written together at its end (`sendRaw`). */
  corked: boolean;
}

/** A socket's place in one room. `queue` holds what arrives while the join is being answered. */
export interface Seat {
  /** The last sequence this socket got: events at or below it are not sent again. */
  last: number;
  queue: (LoggedEvent | string)[] | null;
  role: SeatRole;
  /** May facilitate here: sees hidden messages' bodies. */
  privileged: boolean;
}

export function newConn(ws: WebSocket, actor: MemberActor, handle: string, privilegedSession: boolean, now: number): Conn {
  return {
    ws,
    actor,
    handle,
    privilegedSession,
    alive: true,
    sent: false,
    slot: -1,
    closed: false,
    seats: null,
    blocked: null,
    frameTokens: CHAT_LIMITS.framesBurst,
    sendTokens: CHAT_LIMITS.sendsBurst,
    tokensAt: now,
    strikes: 0,
    inbox: null,
    corked: false,
  };
}

/**
 * Takes a token from one of the socket's buckets (every frame pays a `frame` token; a message pays a `send` token
 * too), both refilled continuously. @returns 0 when allowed, else the seconds to wait.
 */
export function takeToken(conn: Conn, now: number, bucket: 'frame' | 'send'): number {
  const elapsed = Math.max(0, now - conn.tokensAt) / 1000;
  conn.tokensAt = now;
  conn.frameTokens = Math.min(CHAT_LIMITS.framesBurst, conn.frameTokens + elapsed * CHAT_LIMITS.framesPerSecond);
  conn.sendTokens = Math.min(CHAT_LIMITS.sendsBurst, conn.sendTokens + elapsed * CHAT_LIMITS.sendsPerSecond);
  const [tokens, rate] =
    bucket === 'frame' ? [conn.frameTokens, CHAT_LIMITS.framesPerSecond] : [conn.sendTokens, CHAT_LIMITS.sendsPerSecond];
  if (tokens < 1) return Math.ceil((1 - tokens) / rate);
  if (bucket === 'frame') conn.frameTokens -= 1;
  else conn.sendTokens -= 1;
  return 0;
}

/** A slow reader holding more than this unsent is dropped; it reconnects and resumes from its last sequence. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Sockets holding frames until the end of this round of I/O. */
let corked: Conn[] = [];

function uncorkAll(): void {
  const list = corked;
  corked = [];
  for (const conn of list) {
    conn.corked = false;
    socketOf(conn)?.uncork();
  }
}

/** ws keeps the TCP socket in `_socket`; it has no cork of its own. */
const socketOf = (conn: Conn) => (conn.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;

/**
 * Sends an already-serialised frame, unless the socket is gone or hopelessly behind. The socket is corked until the
 * end of the current round of I/O, so the events of one group commit (or one Redis read) reach each socket in one
 * system call instead of one each: at 50 readers a message, the writes are most of the work.
 */
export function sendRaw(conn: Conn, frame: string): void {
  if (conn.closed) return;
  if (conn.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    conn.ws.terminate();
    return;
  }
  cork(conn);
  conn.sent = true;
  conn.ws.send(frame);
}

/** Holds the socket's writes until the end of this round of I/O (a ping and a frame then go in one write). */
export function cork(conn: Conn): void {
  if (conn.corked) return;
  const socket = socketOf(conn);
  if (!socket) return;
  socket.cork();
  conn.corked = true;
  if (corked.push(conn) === 1) setImmediate(uncorkAll);
}
