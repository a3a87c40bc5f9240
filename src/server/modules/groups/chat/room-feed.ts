import type { Bus, Unsubscribe } from '../../../bus/index.js';
import type { Presence } from '../../../../shared/chat-protocol.js';
import { sendRaw, type Conn, type Seat } from './conn.js';
import { eventFrame, frame, variantsOf } from './frames.js';
import { RECENT_EVENTS, RecentEvents } from './recent-events.js';
import { publishToRoom, roomChannel, type RoomBusMessage } from './room-channel.js';
import type { LoggedEvent } from './room-log.js';

type Person = Extract<RoomBusMessage, { k: 'presence' }>['people'][number];

/** What a feed needs from its hub. */
export interface FeedHost {
  instance: string;
  bus: Bus;
  heartbeatMs: number;
  lastSeq(roomId: number): Promise<number>;
  readAfter(roomId: number, afterSeq: number, limit: number): Promise<LoggedEvent[]>;
  onRestrict(feed: RoomFeed, message: Extract<RoomBusMessage, { k: 'restrict' }>): void;
  onClosed(feed: RoomFeed): void;
  warn(err: unknown, message: string): void;
}

/** An event ahead of the next expected sequence waits this long for the ones before it, then they are read. */
export const GAP_WAIT_MS = 200;
/** A roster change goes out after this pause, so a burst of joins makes one message. */
const PRESENCE_DEBOUNCE_MS = 100;
/**
 * At most one presence frame per room this often: each goes to everyone in the room, so a mass reconnect of a room
 * of 50 would otherwise cost a frame per join to each of them, O(n²) (issue 7's benchmark).
 */
export const PRESENCE_MIN_GAP_MS = 400;
/** …and, in a larger room, this much per person in it, up to PRESENCE_MAX_GAP_MS: a frame's cost grows with the room twice. */
const PRESENCE_GAP_PER_SEAT_MS = 20;
const PRESENCE_MAX_GAP_MS = 1500;

/**
 * One room as this instance follows it (docs/groups.md "Durable before delivered", step 3): the bus channel, the
 * next sequence expected and events that came early, the local sockets in the room, and the rosters of people on
 * other instances. Each socket gets the room's events in sequence order, each once.
 */
export class RoomFeed {
  readonly seats = new Map<Conn, Seat>();
  readonly ready: Promise<void>;
  /** The next sequence to deliver; 0 until the feed knows the room's last sequence. */
  private next = 0;
  private readonly early = new Map<number, LoggedEvent>();
  /** The last events delivered, for resumes. */
  private readonly recent = new RecentEvents();
  private gapTimer: NodeJS.Timeout | null = null;
  private filling = false;
  private unsubscribe: Unsubscribe | null = null;
  private readonly rosters = new Map<string, { people: Person[]; at: number }>();
  private presenceTimer: NodeJS.Timeout | null = null;
  private presenceAt = 0;
  /** Another instance said `hello`: our roster goes out even if unchanged. */
  private publishWanted = false;
  private lastRoster = '';
  private lastPresence = '';
  /** Sockets that joined since the last presence frame: they get it even when it did not change. */
  private newcomers: Conn[] | null = null;
  /** Its place on the hub's heartbeat wheel. */
  slot = -1;
  closed = false;

  constructor(
    readonly roomId: number,
    private readonly host: FeedHost,
  ) {
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    // Subscribe first, then read the last sequence: nothing committed after the read can be missed.
    this.unsubscribe = await this.host.bus.subscribe(roomChannel(this.roomId), (p) => this.onBus(p as RoomBusMessage));
    const last = await this.host.lastSeq(this.roomId);
    // The log's last events, so the resumes after a restart are served from memory too.
    if (last > 0) {
      try {
        const primed = await this.host.readAfter(this.roomId, Math.max(0, last - RECENT_EVENTS), RECENT_EVENTS);
        for (const e of primed) if (e.seq <= last) this.recent.push(e);
      } catch (err) {
        this.host.warn(err, "reading a room's recent events failed");
      }
    }
    if (this.closed) return;
    this.next = last + 1;
    for (const seq of this.early.keys()) if (seq < this.next) this.early.delete(seq);
    this.drain();
    await publishToRoom(this.host.bus, this.roomId, { k: 'hello', instance: this.host.instance });
  }

  private onBus(m: RoomBusMessage): void {
    if (this.closed) return;
    switch (m.k) {
      case 'event':
        return this.onEvent(m);
      case 'state':
        return this.broadcast(frame({ t: 'state', state: m.state }));
      case 'presence':
        if (m.instance === this.host.instance) return;
        if (m.people.length === 0) this.rosters.delete(m.instance);
        else this.rosters.set(m.instance, { people: m.people, at: Date.now() });
        return this.schedulePresence();
      case 'hello':
        if (m.instance !== this.host.instance) {
          this.publishWanted = true;
          this.schedulePresence();
        }
        return;
      case 'restrict':
        return this.host.onRestrict(this, m);
      case 'closed':
        return this.host.onClosed(this);
    }
  }

  /** An event from the bus or read from the log: delivered in order, held if early, dropped if seen. */
  onEvent(e: LoggedEvent): void {
    if (this.next === 0 || e.seq > this.next) {
      if (e.seq >= this.next) this.early.set(e.seq, e);
      if (this.next !== 0) this.armGap();
      return;
    }
    if (e.seq < this.next) return;
    this.deliver(e);
    this.next++;
    this.drain();
  }

  private drain(): void {
    for (let e = this.early.get(this.next); e; e = this.early.get(this.next)) {
      this.early.delete(this.next);
      this.deliver(e);
      this.next++;
    }
    if (this.early.size === 0 && this.gapTimer) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else if (this.early.size > 0) this.armGap();
  }

  private armGap(): void {
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null;
      void this.fillGap();
    }, GAP_WAIT_MS);
  }

  /**
   * Reads the events the bus did not bring (another instance committed them and died before publishing, or they
   * are still on their way) from the log. `upTo`: the room's last sequence when known (the heartbeat's check).
   */
  async fillGap(upTo?: number): Promise<void> {
    if (this.filling || this.closed || this.next === 0) return;
    const top = Math.max(upTo ?? 0, ...this.early.keys());
    if (top < this.next) return;
    this.filling = true;
    try {
      const events = await this.host.readAfter(this.roomId, this.next - 1, Math.min(top - this.next + 1, 1000));
      for (const e of events) this.onEvent(e);
    } catch (err) {
      this.host.warn(err, 'reading a gap in a room feed failed');
    } finally {
      this.filling = false;
    }
    if (this.early.size > 0) this.armGap();
  }

  /** The heartbeat's check against the room's last sequence in the database. */
  get expected(): number {
    return this.next;
  }

  /** Events after `after` up to `upTo` held in memory (a resume), or null when the log must be read. */
  recentAfter(after: number, upTo: number, limit: number): LoggedEvent[] | null {
    return this.next === 0 ? null : this.recent.after(after, upTo, limit);
  }

  private deliver(e: LoggedEvent): void {
    this.recent.push(e);
    const cache = variantsOf(e);
    for (const [conn, seat] of this.seats) {
      if (seat.queue) {
        seat.queue.push(e);
        continue;
      }
      if (e.seq <= seat.last) continue;
      seat.last = e.seq;
      sendRaw(conn, eventFrame(this.roomId, e, conn, seat.privileged, cache));
    }
  }

  /** Sends one string to every socket in the room (queued for those still joining). */
  broadcast(text: string): void {
    for (const [conn, seat] of this.seats) {
      if (seat.queue) seat.queue.push(text);
      else sendRaw(conn, text);
    }
  }

  /** A socket finished joining: it gets the room's presence with the next flush, changed or not. */
  welcome(conn: Conn): void {
    (this.newcomers ??= []).push(conn);
    this.schedulePresence();
  }

  /**
   * After a local join or leave, or another instance's roster arrived: one flush for the burst, 100 ms after its
   * first change and at least PRESENCE_MIN_GAP_MS after the previous flush (20 ms per person in larger rooms, up to
   * 1.5 s: a room of 50 gets one frame a second at most, however fast people come and go).
   */
  schedulePresence(): void {
    if (this.presenceTimer || this.closed) return;
    const gap = Math.min(PRESENCE_MAX_GAP_MS, Math.max(PRESENCE_MIN_GAP_MS, this.seats.size * PRESENCE_GAP_PER_SEAT_MS));
    const wait = Math.max(PRESENCE_DEBOUNCE_MS, this.presenceAt + gap - Date.now());
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      void this.flushPresence(false);
    }, wait);
  }

  private localRoster(): Person[] {
    const people = new Map<number, Person>();
    for (const [conn, seat] of this.seats)
      if (!seat.queue && !people.has(conn.actor.accountId))
        people.set(conn.actor.accountId, { account_id: conn.actor.accountId, handle: conn.handle, role: seat.role });
    return [...people.values()];
  }

  /**
   * Publishes this instance's roster on the bus when it changed (or `renew`: the heartbeat, so other instances know
   * we are alive; or another instance said hello), and sends the presence frame to local sockets only when it
   * changed; sockets that just joined get it anyway. Unchanged presence is never re-sent to everyone.
   */
  async flushPresence(renew: boolean): Promise<void> {
    if (this.closed) return;
    this.presenceAt = Date.now();
    const roster = this.localRoster();
    const rosterText = JSON.stringify(roster);
    if (renew || this.publishWanted || rosterText !== this.lastRoster) {
      this.publishWanted = false;
      this.lastRoster = rosterText;
      try {
        await publishToRoom(this.host.bus, this.roomId, { k: 'presence', instance: this.host.instance, people: roster });
      } catch (err) {
        this.host.warn(err, 'publishing presence failed');
      }
    }
    const newcomers = this.newcomers;
    this.newcomers = null;
    const text = frame(this.presence(roster));
    if (text !== this.lastPresence) {
      this.lastPresence = text;
      this.broadcast(text);
    } else if (newcomers) for (const conn of newcomers) if (this.seats.get(conn)?.queue === null) sendRaw(conn, text);
  }

  /** Everyone in the room across instances, once each: members and facilitators by pseudonym, observers counted. */
  private presence(local: Person[]): Presence {
    const all = new Map<number, Person>();
    for (const p of local) all.set(p.account_id, p);
    for (const { people } of this.rosters.values()) for (const p of people) if (!all.has(p.account_id)) all.set(p.account_id, p);
    let observers = 0;
    const people: Presence['people'] = [];
    for (const p of all.values()) {
      if (p.role === 'observer') observers++;
      else people.push({ handle: p.handle, role: p.role });
    }
    people.sort((a, b) => a.handle.localeCompare(b.handle));
    return { t: 'presence', room: this.roomId, people, observers };
  }

  /**
   * Every heartbeat: drop rosters of instances silent for three heartbeats and renew ours on the bus (one message
   * per room); local sockets hear only if presence changed.
   */
  heartbeat(now: number): Promise<void> {
    for (const [instance, r] of this.rosters) if (now - r.at > 3 * this.host.heartbeatMs) this.rosters.delete(instance);
    return this.flushPresence(true);
  }

  /** Stops following the room; other instances drop this one's roster at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.seats.clear();
    try {
      await this.ready.catch(() => undefined);
      await this.unsubscribe?.();
      if (this.host.bus.healthy())
        await publishToRoom(this.host.bus, this.roomId, { k: 'presence', instance: this.host.instance, people: [] });
    } catch (err) {
      this.host.warn(err, 'leaving a room feed failed');
    }
  }
}
