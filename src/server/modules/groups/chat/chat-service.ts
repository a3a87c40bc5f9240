import type { DatabaseHandle } from '../../../db/index.js';
import type { DbOrTx } from '../../../db/types.js';
import { withQuickWriteTransaction } from '../../../db/quick-transaction.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { Bus } from '../../../bus/index.js';
import type { MemberActor } from '../../../security/actor.js';
import { authorize, isAllowed, type Resource } from '../../../security/policy.js';
import { CHAT_LIMITS, type MessageView, type RoomState } from '../../../../shared/chat-protocol.js';
import { ChatError, roomClosed, roomNotFound, toChatError } from './chat-errors.js';
import { postingContext, type RoomRow } from './chat-repository.js';
import { changeLiveState } from './live-state-service.js';
import type { MessageWriter } from './message-writer.js';
import { mayPost } from './posting-rules.js';
import { publishToRoom } from './room-channel.js';
import {
  appendMessage,
  changeMessage,
  findByNonce,
  findMessage,
  MessageGone,
  readAfter,
  recentMessages,
  type LoggedEvent,
  type MessageChange,
} from './room-log.js';
import { presentState } from './room-state.js';

export interface ChatDeps {
  database: DatabaseHandle;
  bus: Bus;
  now: () => Date;
  /** Stores messages with group commit; without one each send is its own transaction. */
  writer?: MessageWriter;
}

/** A socket's place in a room: its role there, and whether it may facilitate (and so see hidden messages). */
export type SeatRole = 'facilitator' | 'member' | 'observer' | 'moderator';

/** A resume reads what the client missed in pages of this many events (sent as they are read). */
export const RESUME_PAGE = 500;

export interface JoinResult {
  room: RoomRow;
  state: RoomState;
  /** The room's last sequence when read; the socket gets live events after it. */
  seq: number;
  role: SeatRole;
  privileged: boolean;
  muted: boolean;
  /** A fresh join: the last messages. */
  history?: { author_id: number | null; message: MessageView }[];
  /** A resume: the first page of events after the client's `after` (`readMissed` gives the rest, up to `seq`). */
  events?: LoggedEvent[];
}

/**
 * Lets a member into a room's stream (docs/groups.md "Real-time protocol"): readers of the group only, not someone
 * removed from this room, and only while it is open. Everything up to the returned `seq` is in the answer; the hub
 * sends what comes after.
 */
export async function joinRoom(
  deps: ChatDeps,
  actor: MemberActor,
  roomId: number,
  after: number | undefined,
  recent?: RecentSource,
): Promise<JoinResult> {
  const db = deps.database.db;
  // One query for the room, the member's place in its group and their mutes and removals (a mass reconnect is
  // thousands of joins in seconds); the place is the policy resource `groupResource` would read.
  const ctx = await postingContext(db, roomId, actor.accountId);
  if (!ctx) throw roomNotFound();
  const { room } = ctx;
  const resource: Resource = { group: ctx.place ? { role: ctx.place.role, status: ctx.place.status } : null };
  try {
    authorize(actor, 'group.read', resource);
  } catch (err) {
    throw toChatError(err);
  }
  if (room.status !== 'open') throw roomClosed();
  if (ctx.removed) throw new ChatError('removed', 'A facilitator removed you from this room.');
  const role: SeatRole = resource.group?.status === 'active' ? resource.group.role : 'moderator';
  const privileged = isAllowed(actor, 'group.facilitate', resource);
  const muted = ctx.muted;
  const seq = room.last_seq;
  const state = await presentState(db, room);
  const base = { room, state, seq, role, privileged, muted };
  // A client ahead of the room (a database restored from a backup) starts afresh with history.
  if (after !== undefined && after <= seq) return { ...base, events: await readMissed(deps, roomId, after, seq, recent) };
  const history = await recentMessages(db, roomId, CHAT_LIMITS.historyOnJoin);
  return { ...base, history: history.filter((h) => h.message.seq <= seq) };
}

/** The events a room's feed holds in memory after `after` (RoomFeed.recentAfter), or null. */
export type RecentSource = (after: number, upTo: number, limit: number) => LoggedEvent[] | null;

/**
 * One page of a room's events after `after`, up to `upTo`, in order: from the feed's recent events when it holds
 * them from `after` on, else from the log.
 */
export async function readMissed(
  deps: ChatDeps,
  roomId: number,
  after: number,
  upTo: number,
  recent?: RecentSource,
): Promise<LoggedEvent[]> {
  if (after >= upTo) return [];
  const held = recent?.(after, upTo, RESUME_PAGE);
  if (held && held.length > 0) return held;
  const events = await readAfter(deps.database.db, roomId, after, Math.min(upTo - after, RESUME_PAGE));
  return events.filter((e) => e.seq <= upTo);
}

/**
 * Stores a message, then publishes it (durable before delivered). A nonce already stored answers its first
 * sequence before any other check: a re-send after a reconnect is acknowledged even if the room was locked or slow
 * mode started meanwhile. @returns the message's sequence.
 */
export async function sendMessage(
  deps: ChatDeps,
  actor: MemberActor,
  handle: string,
  roomId: number,
  nonce: string,
  body: string,
): Promise<number> {
  const ctx = await postingContext(deps.database.db, roomId, actor.accountId, nonce);
  if (!ctx) throw roomNotFound();
  if (ctx.nonceSeq !== null) return ctx.nonceSeq;
  if (body.trim() === '') throw new ChatError('bad_request', 'A message needs some text.');
  const now = deps.now();
  mayPost(actor, ctx, now, { sending: true });
  const input = { roomId, authorId: actor.accountId, authorHandle: handle, nonce, body, now: now.toISOString() };
  let result;
  try {
    result = deps.writer
      ? await deps.writer.append(input)
      : await withQuickWriteTransaction(deps.database, (tx) => appendMessage(tx, input));
  } catch (err) {
    // Another instance stored this nonce between our look and our insert: ours rolled back; answer theirs.
    const first = isUniqueViolation(err) ? await findByNonce(deps.database.db, roomId, actor.accountId, nonce) : undefined;
    if (first === undefined) throw err;
    return first;
  }
  if (!result.stored) throw roomClosed();
  await publishToRoom(deps.bus, roomId, { k: 'event', ...result.event, kind: 'message' });
  return result.event.seq;
}

/**
 * The author edits or deletes their own message within CHAT_LIMITS.editWindowMinutes. Deleting erases the body;
 * editing is posting, so it needs what a send needs (a muted member cannot change their words).
 */
export async function changeOwnMessage(
  deps: ChatDeps,
  actor: MemberActor,
  roomId: number,
  messageId: number,
  change: { kind: 'edit'; body: string } | { kind: 'delete' },
): Promise<void> {
  const db = deps.database.db;
  const now = deps.now();
  if (change.kind === 'edit') {
    if (change.body.trim() === '') throw new ChatError('bad_request', 'A message needs some text.');
    const ctx = await postingContext(db, roomId, actor.accountId);
    if (!ctx) throw roomNotFound();
    mayPost(actor, ctx, now, { sending: false });
  }
  const found = await findMessage(db, roomId, messageId);
  if (!found || found.row.author_id !== actor.accountId) throw new ChatError('not_found', 'You have no such message here.');
  if (found.row.deleted_at !== null) throw new ChatError('bad_request', 'That message was deleted.');
  if (now.getTime() - Date.parse(found.row.created_at) > CHAT_LIMITS.editWindowMinutes * 60_000)
    throw new ChatError('edit_window', `Messages can be changed for ${CHAT_LIMITS.editWindowMinutes} minutes after posting.`);
  const event = await storeChange(deps, roomId, messageId, change);
  if (!event) throw roomClosed();
}

/** Applies a change to a message under the next sequence and publishes it; undefined when the room is closed. */
export async function storeChange(
  deps: ChatDeps,
  roomId: number,
  messageId: number,
  change: MessageChange,
  audit?: (tx: DbOrTx, event: LoggedEvent) => Promise<void>,
): Promise<LoggedEvent | undefined> {
  const now = deps.now().toISOString();
  let event: LoggedEvent | undefined;
  try {
    event = await withQuickWriteTransaction(deps.database, async (tx) => {
      const e = await changeMessage(tx, roomId, messageId, change, now);
      if (e && audit) await audit(tx, e);
      return e;
    });
  } catch (err) {
    if (err instanceof MessageGone) throw new ChatError('not_found', 'There is no such message here.');
    throw err;
  }
  if (event) await publishToRoom(deps.bus, roomId, { k: 'event', ...event });
  return event;
}

/** A member raises or lowers their hand in a live meeting's sharing queue (docs/groups.md "Sharing queue"). */
export async function setHand(deps: ChatDeps, actor: MemberActor, roomId: number, raised: boolean): Promise<void> {
  const ctx = await postingContext(deps.database.db, roomId, actor.accountId);
  if (!ctx) throw roomNotFound();
  if (ctx.room.kind !== 'live') throw new ChatError('not_live', 'Hands are raised in live meetings only.');
  if (ctx.place?.role !== 'member')
    throw new ChatError('forbidden', 'Members raise their hand to share; facilitators call on them.');
  mayPost(actor, ctx, deps.now(), { sending: false, raisingHand: true });
  await changeLiveState(deps, roomId, (live) => {
    const inQueue = live.queue.includes(actor.accountId);
    if (raised === inQueue || (raised && live.sharer === actor.accountId)) return false;
    live.queue = raised ? [...live.queue, actor.accountId] : live.queue.filter((id) => id !== actor.accountId);
    return true;
  });
}
