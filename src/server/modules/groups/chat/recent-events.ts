import type { MessageView } from '../../../../shared/chat-protocol.js';
import type { LoggedEvent } from './room-log.js';

/** Events a room's feed keeps for resumes: a client back from a short drop (or a restart) misses fewer than this. */
export const RECENT_EVENTS = 64;
/** …and no more than this many characters of message bodies among them (a room of long messages keeps fewer). */
const RECENT_BODY_CHARS = 64_000;

/**
 * The last events a room's feed delivered, in sequence order with no gap, each showing its message as it is now
 * (as a read of `room_log` would: a later edit, deletion or hiding changes the earlier events of that message too).
 * A resume reads what it missed from here instead of the database, and every resuming socket shares one
 * serialisation of each event (frames.ts caches them per event object); the mass reconnect after a restart or a
 * network blip is thousands of resumes of the same few events (issue 7's benchmark).
 */
export class RecentEvents {
  private events: LoggedEvent[] = [];
  private chars = 0;

  /** Takes the feed's next event (or, when priming, the log's last events in order). */
  push(e: LoggedEvent): void {
    const last = this.events[this.events.length - 1];
    if (last && e.seq !== last.seq + 1) this.clear();
    if (e.kind !== 'message') this.refresh(e.message);
    this.events.push(e);
    this.chars += e.message.body?.length ?? 0;
    while (this.events.length > RECENT_EVENTS || (this.chars > RECENT_BODY_CHARS && this.events.length > 1)) {
      this.chars -= this.events.shift()!.message.body?.length ?? 0;
    }
  }

  /**
   * The events after `after`, up to `upTo` and at most `limit`, when they start right after `after` here; null when
   * the first of them is no longer (or not yet) held, so the caller reads the log. May end before `upTo`: events not
   * yet delivered to the feed are read from the log.
   */
  after(after: number, upTo: number, limit: number): LoggedEvent[] | null {
    const first = this.events[0]?.seq;
    if (first === undefined || after + 1 < first || after >= this.events[this.events.length - 1]!.seq) return null;
    const out: LoggedEvent[] = [];
    for (let i = after + 1 - first; i < this.events.length && out.length < limit; i++) {
      const e = this.events[i]!;
      if (e.seq > upTo) break;
      out.push(e);
    }
    return out;
  }

  clear(): void {
    this.events = [];
    this.chars = 0;
  }

  /** A change event carries its message as it is now: the earlier events of that message show it so too. */
  private refresh(message: MessageView): void {
    for (let i = 0; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.message.id !== message.id) continue;
      this.chars += (message.body?.length ?? 0) - (e.message.body?.length ?? 0);
      // A new object: its cached frames (frames.ts) were of the old state.
      this.events[i] = { ...e, message };
    }
  }
}
