/**
 * What `bench/chat.ts` and its client worker processes (`chat-worker.ts`) say to each other over the IPC channel.
 * The controller sends a command with an id; the worker answers with the same id. Rooms are whole within one worker,
 * so a message's send time and its receipt by the room's other members are read on the same process's clock.
 */

/** One room as the worker sees it: the room id to join and one session token per member (null: no cookie). */
export interface WorkerRoom {
  room: number;
  tokens: (string | null)[];
}

/** Which set of clients a command is about: the warm-up room, or the measured rooms. */
export type Tag = 'warm' | 'main';

export type WorkerCommand =
  | { cmd: 'setup'; url: string; origin: string; cookieName: string; rooms: WorkerRoom[]; tag: Tag }
  | { cmd: 'connect'; tag: Tag; concurrency: number }
  /** Closed loop: each room keeps `window` sends awaiting their ack, from its members in turn. */
  | { cmd: 'start'; tag: Tag; mode: 'closed'; window: number }
  /** Open loop: `rate` messages per second from this worker, spread over its rooms and their members in turn. */
  | { cmd: 'start'; tag: Tag; mode: 'paced'; rate: number; sample: boolean; track: boolean }
  /** Counters now; latency samples start afresh. */
  | { cmd: 'mark' }
  | { cmd: 'stop' }
  /** Waits until every send is acknowledged and every member has every event up to its room's last sequence. */
  | { cmd: 'drain'; timeoutMs: number }
  | { cmd: 'status' }
  /** Destroys every client's socket (no close handshake): each reconnects on its own, as after a network loss. */
  | { cmd: 'drop' }
  | { cmd: 'verify' }
  | { cmd: 'reset' };

export interface Counters {
  /** `event` frames received (deliveries), the sender's own copy included. */
  events: number;
  sends: number;
  /** Sends repeated after a reconnect (same nonce). */
  resends: number;
  acks: number;
  /** `error` frames, by code (rate limits, slow mode, …). */
  errors: Record<string, number>;
  /** Sockets that closed without being asked to, and reconnections that completed (joined again). */
  unexpectedCloses: number;
  rejoins: number;
  /** Event sequences received twice, or skipped, by one member (in order delivery is part of the contract). */
  seqDuplicates: number;
  seqGaps: number;
}

export interface MarkResult {
  counters: Counters;
  /** End-to-end milliseconds since the previous mark, send → receipt by each other member. */
  samples: Float64Array;
}

export interface ConnectResult {
  opened: number;
  failed: number;
  ms: number;
  firstError?: string;
}

export interface StatusResult {
  clients: number;
  joined: number;
  unacked: number;
}

export interface DrainResult {
  settled: boolean;
  ms: number;
  unacked: number;
  /** Members still short of their room's last sequence when the wait ended. */
  behind: number;
}

export interface VerifyResult {
  /** Messages sent in the tracked phase. */
  messages: number;
  /** (message, member) pairs checked. */
  checks: number;
  /** Pairs never received, and receipts beyond the first. */
  lost: number;
  duplicated: number;
  /** Nonces that ended with more than one sequence (stored twice). */
  storedTwice: number;
  /** Sends never acknowledged. */
  unacked: number;
}

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
