import type { MessageView, ServerFrame } from '../../../../shared/chat-protocol.js';
import type { Conn } from './conn.js';
import type { LoggedEvent } from './room-log.js';

/** Server frames are serialised here; the hub sends strings. */
export const frame = (f: ServerFrame): string => JSON.stringify(f);

export const HEARTBEAT_FRAME = frame({ t: 'hb' });

/** The few strings one event becomes, each made once and sent to every socket that gets that variant. */
export interface VariantCache {
  full?: string;
  plain?: string;
  skip?: string;
}

const variantsByEvent = new WeakMap<LoggedEvent, VariantCache>();

/**
 * The variant cache of one event object, shared by every socket it is sent to: live delivery, and resumes served
 * from a feed's recent events (recent-events.ts), which hand out the same objects. It lives as long as the event.
 */
export function variantsOf(e: LoggedEvent): VariantCache {
  let cache = variantsByEvent.get(e);
  if (!cache) variantsByEvent.set(e, (cache = {}));
  return cache;
}

/** A hidden message's body goes only to those who may facilitate (docs/groups.md, step 4). */
export function visibleMessage(message: MessageView, privileged: boolean): MessageView {
  return message.hidden && !privileged && message.body !== null ? { ...message, body: null } : message;
}

/** Whether the reader blocked the event's author: they then get `skip` in its place. */
export const blockedFor = (conn: Conn, authorId: number | null): boolean =>
  authorId !== null && conn.blocked !== null && conn.blocked.has(authorId);

/**
 * The frame of one event for one reader: `skip` for an author they blocked, the message without its body when it
 * is hidden and they may not see it, else the message. Strings are cached per variant, so a room of 50 costs at
 * most three serialisations per event (issue 7's benchmark: serialise once, send the same string to every socket).
 */
export function eventFrame(roomId: number, e: LoggedEvent, conn: Conn, privileged: boolean, cache: VariantCache): string {
  if (blockedFor(conn, e.author_id)) return (cache.skip ??= frame({ t: 'event', room: roomId, seq: e.seq, kind: 'skip' }));
  if (e.message.hidden && !privileged && e.message.body !== null)
    return (cache.plain ??= frame({
      t: 'event',
      room: roomId,
      seq: e.seq,
      kind: e.kind,
      message: visibleMessage(e.message, false),
    }));
  return (cache.full ??= frame({ t: 'event', room: roomId, seq: e.seq, kind: e.kind, message: e.message }));
}
