import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { DatabaseHandle } from '../../../db/index.js';
import type { Bus, Unsubscribe } from '../../../bus/index.js';
import type { MemberActor } from '../../../security/actor.js';
import { endedSessions, type SessionPolicy } from '../../accounts/sessions-service.js';
import { CHAT_LIMITS, CLOSE_CODES } from '../../../../shared/chat-protocol.js';
import { blockedBy } from './chat-repository.js';
import { cork, newConn, sendRaw, type Conn } from './conn.js';
import { frame, HEARTBEAT_FRAME } from './frames.js';
import { FrameHandler } from './frame-handler.js';
import { MessageWriter } from './message-writer.js';
import { RoomFeed, type FeedHost } from './room-feed.js';
import { lastSeqs, readAfter } from './room-log.js';
import type { RoomBusMessage } from './room-channel.js';
import type { ChatDeps } from './chat-service.js';
import { SlotWheel } from './slot-wheel.js';

export interface HubOptions {
  database: DatabaseHandle;
  bus: Bus;
  now: () => Date;
  log: FastifyBaseLogger;
  sessions: SessionPolicy;
  /** Milliseconds between heartbeats; CHAT_LIMITS.heartbeatSeconds unless a test wants them faster. */
  heartbeatMs?: number;
}

/** The bus channel saying a member's blocks changed: their sockets re-read them (`publishBlocksChanged`). */
export const BLOCKS_CHANNEL = 'chat.blocks';

/** Tells every instance's hub that `blockerId` blocked or unblocked someone; call after the commit. */
export async function publishBlocksChanged(bus: Bus, blockerId: number): Promise<void> {
  await bus.publish(BLOCKS_CHANNEL, { blocker_id: blockerId });
}

/** The heartbeat's timer ticks about this often, each tick doing its share of the sockets and rooms. */
const HEARTBEAT_TICK_MS = 100;

const kConn = Symbol('chat-conn');
type TaggedSocket = WebSocket & { [kConn]?: Conn };

/**
 * This instance's chat hub (issue 7 "Real-time chat"): its sockets, the rooms they are in (one RoomFeed per room,
 * following the room's bus channel while a local socket is in it), one heartbeat for all sockets and rooms, spread
 * over its interval, and the batched re-check of their sessions.
 */
export class ChatHub {
  readonly instance = randomUUID();
  readonly heartbeatMs: number;
  readonly deps: ChatDeps;
  /** Every socket, on the heartbeat's wheel. */
  private readonly conns: SlotWheel<Conn>;
  private readonly feeds = new Map<number, RoomFeed>();
  /** Every room followed, on a wheel of its own (each is renewed and checked once per heartbeat). */
  private readonly feedWheel: SlotWheel<RoomFeed>;
  private readonly frames: FrameHandler;
  private readonly feedHost: FeedHost;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private blocksOff: Unsubscribe | null = null;
  private closing = false;

  constructor(private readonly o: HubOptions) {
    this.heartbeatMs = o.heartbeatMs ?? CHAT_LIMITS.heartbeatSeconds * 1000;
    const slots = Math.max(1, Math.round(this.heartbeatMs / HEARTBEAT_TICK_MS));
    this.conns = new SlotWheel(slots);
    this.feedWheel = new SlotWheel(slots);
    this.deps = { database: o.database, bus: o.bus, now: o.now, writer: new MessageWriter(o.database) };
    this.frames = new FrameHandler(this, o.log);
    const db = o.database.db;
    this.feedHost = {
      instance: this.instance,
      bus: o.bus,
      heartbeatMs: this.heartbeatMs,
      lastSeq: async (roomId) => (await lastSeqs(db, [roomId])).get(roomId) ?? 0,
      readAfter: (roomId, after, limit) => readAfter(db, roomId, after, limit),
      onRestrict: (feed, m) => this.onRestrict(feed, m),
      onClosed: (feed) => this.onRoomClosed(feed),
      warn: (err, message) => o.log.warn({ err }, message),
    };
  }

  async start(): Promise<void> {
    this.blocksOff = await this.o.bus.subscribe(BLOCKS_CHANNEL, (p) => {
      const id = (p as { blocker_id?: unknown }).blocker_id;
      for (const conn of this.conns) if (conn.actor.accountId === id) void this.refreshBlocks(conn);
    });
    this.heartbeatTimer = setInterval(() => this.heartbeatTick(), this.heartbeatMs / this.conns.slots);
    this.heartbeatTimer.unref();
  }

  get socketCount(): number {
    return this.conns.size;
  }

  /** Takes an upgraded socket of a signed-in member. */
  accept(ws: WebSocket, actor: MemberActor, handle: string, privilegedSession: boolean): void {
    const conn = newConn(ws, actor, handle, privilegedSession, Date.now());
    if (this.closing) {
      ws.close(CLOSE_CODES.goingAway, 'restarting');
      return;
    }
    (ws as TaggedSocket)[kConn] = conn;
    // Shared listeners (no closures per socket): the socket carries its state.
    ws.on('message', onMessage);
    ws.on('pong', onPong);
    ws.on('close', onClose);
    this.conns.add(conn);
    hubs.set(ws, this);
  }

  /** A frame arrived (called by the shared listener). */
  received(conn: Conn, data: RawData, isBinary: boolean): void {
    conn.alive = true;
    this.frames.received(conn, data, isBinary);
  }

  disconnected(conn: Conn): void {
    conn.closed = true;
    this.conns.delete(conn);
    if (conn.seats) for (const roomId of [...conn.seats.keys()]) this.leave(conn, roomId);
  }

  /** The room's feed, following its channel from now on. */
  follow(roomId: number): RoomFeed {
    let feed = this.feeds.get(roomId);
    if (!feed) {
      feed = new RoomFeed(roomId, this.feedHost);
      this.feeds.set(roomId, feed);
      this.feedWheel.add(feed);
      feed.ready.catch((err: unknown) => this.o.log.warn({ err }, 'following a room failed'));
    }
    return feed;
  }

  /** Takes the socket out of a room; the last local socket out stops the feed. */
  leave(conn: Conn, roomId: number): void {
    conn.seats?.delete(roomId);
    if (conn.seats?.size === 0) conn.seats = null;
    const feed = this.feeds.get(roomId);
    if (!feed) return;
    feed.seats.delete(conn);
    if (feed.seats.size === 0) {
      this.feeds.delete(roomId);
      this.feedWheel.delete(feed);
      void feed.close();
    } else feed.schedulePresence();
  }

  async refreshBlocks(conn: Conn): Promise<void> {
    const ids = await blockedBy(this.o.database.db, conn.actor.accountId);
    conn.blocked = ids.length > 0 ? new Set(ids) : null;
  }

  private onRestrict(feed: RoomFeed, m: Extract<RoomBusMessage, { k: 'restrict' }>): void {
    for (const conn of [...feed.seats.keys()]) {
      if (conn.actor.accountId !== m.account_id) continue;
      if (m.kind === 'remove') {
        sendRaw(conn, frame({ t: 'closed', room: feed.roomId, reason: 'removed' }));
        this.leave(conn, feed.roomId);
      } else sendRaw(conn, frame({ t: 'muted', room: feed.roomId, muted: m.kind === 'mute' }));
    }
  }

  private onRoomClosed(feed: RoomFeed): void {
    feed.broadcast(frame({ t: 'closed', room: feed.roomId, reason: 'ended' }));
    for (const conn of [...feed.seats.keys()]) this.leave(conn, feed.roomId);
  }

  /**
   * One tick of the heartbeat: its share of the sockets and rooms (each is visited once per interval, at the same
   * point of it), so 5,000 sockets cost 20 small visits every 100 ms rather than one long stall every 25 s.
   */
  private heartbeatTick(): void {
    const conns = this.conns.turn();
    for (const conn of conns) this.visit(conn);
    const feeds = this.feedWheel.turn();
    void this.checkSlot(conns, feeds);
  }

  /**
   * A socket that did not answer the ping of the last visit (nor sent anything since) is dropped. The others are
   * pinged (the server's check: browsers answer pings but cannot see them) and, when nothing else was sent to them
   * since the last visit, get `{t:'hb'}` (the client's check: any frame within 2.5 intervals). Both go in one write.
   */
  private visit(conn: Conn): void {
    conn.strikes = 0;
    if (!conn.alive) {
      conn.ws.terminate();
      return;
    }
    conn.alive = false;
    cork(conn);
    conn.ws.ping();
    if (!conn.sent) sendRaw(conn, HEARTBEAT_FRAME);
    conn.sent = false;
  }

  /**
   * The tick's sockets' sessions in one query (a signed-out member's socket closes with 4001); its rooms' rosters
   * renewed on the bus; their last sequences compared with what arrived (an event whose publisher died).
   */
  private async checkSlot(conns: Conn[], feeds: RoomFeed[]): Promise<void> {
    try {
      await this.recheckSessions(conns.filter((c) => !c.closed));
      if (feeds.length === 0) return;
      const now = Date.now();
      await Promise.all(feeds.map((f) => f.heartbeat(now)));
      const seqs = await lastSeqs(
        this.o.database.db,
        feeds.map((f) => f.roomId),
      );
      for (const [roomId, last] of seqs) {
        const feed = this.feeds.get(roomId);
        if (feed && last >= feed.expected && feed.expected > 0) await feed.fillGap(last);
      }
    } catch (err) {
      if (!this.closing) this.o.log.warn({ err }, 'chat heartbeat checks failed');
    }
  }

  private async recheckSessions(conns: Conn[]): Promise<void> {
    if (conns.length === 0) return;
    const ended = await endedSessions(
      this.o.database.db,
      conns.map((c) => ({ id: c.actor.sessionId, privileged: c.privilegedSession })),
      this.o.now(),
      this.o.sessions,
    );
    for (const conn of conns) if (ended.has(conn.actor.sessionId)) conn.ws.close(CLOSE_CODES.sessionEnded, 'session ended');
  }

  /**
   * Closes every socket with 1001 so clients reconnect (to another instance), waits briefly for them to go, and
   * stops following rooms. Runs before the bus and database close.
   */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    for (const conn of this.conns) conn.ws.close(CLOSE_CODES.goingAway, 'restarting');
    const deadline = Date.now() + 1000;
    while (this.conns.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const conn of this.conns) conn.ws.terminate();
    await Promise.all([...this.feeds.values()].map((f) => f.close()));
    this.feeds.clear();
    await this.blocksOff?.();
    await this.frames.idle();
  }
}

const hubs = new WeakMap<WebSocket, ChatHub>();

function onMessage(this: TaggedSocket, data: RawData, isBinary: boolean): void {
  const conn = this[kConn];
  if (conn) hubs.get(this)?.received(conn, data, isBinary);
}

function onPong(this: TaggedSocket): void {
  const conn = this[kConn];
  if (conn) conn.alive = true;
}

function onClose(this: TaggedSocket): void {
  const conn = this[kConn];
  if (conn) hubs.get(this)?.disconnected(conn);
}
