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
  /** Answered the last ping (or sent anything) since the previous heartbeat. */
  alive: boolean;
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
    closed: false,
    seats: null,
    blocked: null,
    frameTokens: CHAT_LIMITS.framesBurst,
    sendTokens: CHAT_LIMITS.sendsBurst,
    tokensAt: now,
    strikes: 0,
    inbox: null,
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
  const [tokens, rate] = bucket === 'frame' ? [conn.frameTokens, CHAT_LIMITS.framesPerSecond] : [conn.sendTokens, CHAT_LIMITS.sendsPerSecond];
  if (tokens < 1) return Math.ceil((1 - tokens) / rate);
  if (bucket === 'frame') conn.frameTokens -= 1;
  else conn.sendTokens -= 1;
  return 0;
}

/** A slow reader holding more than this unsent is dropped; it reconnects and resumes from its last sequence. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Sends an already-serialised frame, unless the socket is gone or hopelessly behind. */
export function sendRaw(conn: Conn, frame: string): void {
  if (conn.closed) return;
  if (conn.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    conn.ws.terminate();
    return;
  }
  conn.ws.send(frame);
}
