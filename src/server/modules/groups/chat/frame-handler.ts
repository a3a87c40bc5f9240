import type { FastifyBaseLogger } from 'fastify';
import type { RawData } from 'ws';
import { CHAT_LIMITS, CLOSE_CODES, clientFrameSchema, type ClientFrame } from '../../../../shared/chat-protocol.js';
import { ChatError, toChatError } from './chat-errors.js';
import { changeOwnMessage, joinRoom, readMissed, sendMessage, setHand } from './chat-service.js';
import { sendRaw, takeToken, type Conn, type Seat } from './conn.js';
import { facilitate } from './facilitate-service.js';
import { eventFrame, frame, visibleMessage, blockedFor, variantsOf } from './frames.js';
import type { ChatHub } from './hub.js';

/** Refused frames within one heartbeat after which the socket is closed (4008) rather than answered. */
const MAX_STRIKES = 20;
/** Frames one socket may have waiting; a client that pipelines more is over its rate anyway. */
const MAX_INBOX = 64;

/**
 * Turns a socket's frames into service calls, one frame at a time per socket (so a re-join and the re-sends that
 * follow it are handled in order), and answers with `joined`, `ack` or `error`.
 */
export class FrameHandler {
  private busy = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly hub: ChatHub,
    private readonly log: FastifyBaseLogger,
  ) {}

  received(conn: Conn, data: RawData, isBinary: boolean): void {
    let parsed: ClientFrame | undefined;
    const wait = takeToken(conn, Date.now(), 'frame');
    if (wait > 0) return this.refuse(conn, new ChatError('rate_limited', 'Too many frames; slow down.', wait));
    if (!isBinary) {
      try {
        const result = clientFrameSchema.safeParse(JSON.parse(rawText(data)));
        if (result.success) parsed = result.data;
      } catch {
        // not JSON: refused below
      }
    }
    if (!parsed) return this.refuse(conn, new ChatError('bad_frame', 'That frame is not part of the protocol.'));
    if (parsed.t === 'send') {
      const sendWait = takeToken(conn, Date.now(), 'send');
      if (sendWait > 0)
        return this.refuse(conn, new ChatError('rate_limited', 'You are sending too fast.', sendWait), parsed.room, parsed.nonce);
    }
    if (conn.inbox) {
      if (conn.inbox.length >= MAX_INBOX) return this.refuse(conn, new ChatError('rate_limited', 'Too many frames waiting.', 1));
      conn.inbox.push(parsed);
      return;
    }
    conn.inbox = [parsed];
    void this.drain(conn);
  }

  private refuse(conn: Conn, err: ChatError, room?: number, nonce?: string): void {
    if (++conn.strikes >= MAX_STRIKES) {
      conn.ws.close(CLOSE_CODES.tooFast, 'too many frames');
      return;
    }
    this.sendError(conn, err, room, nonce);
  }

  private sendError(conn: Conn, err: ChatError, room?: number, nonce?: string): void {
    sendRaw(
      conn,
      frame({
        t: 'error',
        code: err.code,
        message: err.message,
        ...(room !== undefined ? { room } : {}),
        ...(nonce !== undefined ? { nonce } : {}),
        ...(err.retryAfter !== undefined ? { retry_after: err.retryAfter } : {}),
      }),
    );
  }

  private async drain(conn: Conn): Promise<void> {
    this.busy++;
    try {
      for (let f = conn.inbox?.shift(); f && !conn.closed; f = conn.inbox?.shift()) {
        try {
          await this.handle(conn, f);
        } catch (err) {
          const chatError = toChatError(err);
          if (chatError.code === 'internal') this.log.error({ err, frame: f.t }, 'chat frame failed');
          this.sendError(conn, chatError, f.room, f.t === 'send' ? f.nonce : undefined);
        }
      }
    } finally {
      conn.inbox = null;
      if (--this.busy === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Resolves when no frame is being handled (the hub closes after this). */
  idle(): Promise<void> {
    return this.busy === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  private seat(conn: Conn, room: number): Seat {
    const seat = conn.seats?.get(room);
    if (!seat || seat.queue) throw new ChatError('not_joined', 'Join the room first.');
    return seat;
  }

  private async handle(conn: Conn, f: ClientFrame): Promise<void> {
    const deps = this.hub.deps;
    switch (f.t) {
      case 'join':
        return this.join(conn, f.room, f.after);
      case 'leave':
        return this.hub.leave(conn, f.room);
      case 'send': {
        this.seat(conn, f.room);
        const seq = await sendMessage(deps, conn.actor, conn.handle, f.room, f.nonce, f.body);
        return sendRaw(conn, frame({ t: 'ack', room: f.room, nonce: f.nonce, seq }));
      }
      case 'edit':
      case 'delete':
        this.seat(conn, f.room);
        return changeOwnMessage(
          deps,
          conn.actor,
          f.room,
          f.message,
          f.t === 'edit' ? { kind: 'edit', body: f.body } : { kind: 'delete' },
        );
      case 'hand':
        this.seat(conn, f.room);
        return setHand(deps, conn.actor, f.room, f.raised);
      case 'facilitate':
        this.seat(conn, f.room);
        return facilitate(deps, conn.actor, f.room, {
          action: f.action,
          ...(f.target !== undefined ? { target: f.target } : {}),
          ...(f.value !== undefined ? { value: f.value } : {}),
        });
    }
  }

  /**
   * Joins (or re-joins) a room. The socket takes its seat before the database is read, with a queue: whatever the
   * room's feed delivers meanwhile waits there, and after the answer only what is newer than it is sent. So nothing
   * between the read and the first live event is lost or sent twice.
   */
  private async join(conn: Conn, roomId: number, after: number | undefined): Promise<void> {
    if (conn.seats?.has(roomId)) this.hub.leave(conn, roomId);
    if ((conn.seats?.size ?? 0) >= CHAT_LIMITS.roomsPerSocket)
      throw new ChatError('too_many_rooms', `A connection follows at most ${CHAT_LIMITS.roomsPerSocket} rooms.`);
    const feed = this.hub.follow(roomId);
    const recent = (from: number, upTo: number, limit: number) => feed.recentAfter(from, upTo, limit);
    const seat: Seat = { last: 0, queue: [], role: 'member', privileged: false };
    feed.seats.set(conn, seat);
    (conn.seats ??= new Map()).set(roomId, seat);
    let result;
    try {
      await feed.ready;
      [result] = await Promise.all([joinRoom(this.hub.deps, conn.actor, roomId, after, recent), this.hub.refreshBlocks(conn)]);
    } catch (err) {
      this.hub.leave(conn, roomId);
      throw err;
    }
    if (conn.closed || conn.seats?.get(roomId) !== seat) return;
    Object.assign(seat, { role: result.role, privileged: result.privileged, last: result.seq });
    const history = (result.history ?? [])
      .filter((h) => !blockedFor(conn, h.author_id))
      .map((h) => visibleMessage(h.message, result.privileged));
    sendRaw(
      conn,
      frame({
        t: 'joined',
        room: roomId,
        seq: result.seq,
        state: result.state,
        history,
        you: { handle: conn.handle, role: result.role, muted: result.muted },
      }),
    );
    // A resume: what was missed, page by page (a long absence may be thousands of events), then what queued up.
    for (let page = result.events ?? []; page.length > 0;) {
      for (const e of page) sendRaw(conn, eventFrame(roomId, e, conn, seat.privileged, variantsOf(e)));
      const last = page[page.length - 1]!.seq;
      page = last < result.seq ? await readMissed(this.hub.deps, roomId, last, result.seq, recent) : [];
      if (conn.closed || conn.seats?.get(roomId) !== seat) return;
    }
    const queued = seat.queue ?? [];
    seat.queue = null;
    for (const item of queued) {
      if (typeof item === 'string') sendRaw(conn, item);
      else if (item.seq > seat.last) {
        seat.last = item.seq;
        sendRaw(conn, eventFrame(roomId, item, conn, seat.privileged, variantsOf(item)));
      }
    }
    feed.welcome(conn);
  }
}

/** A text frame's bytes as a string (ws hands over a Buffer, or fragments as a list of them). */
function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
