import type { Selectable } from 'kysely';
import type { DbOrTx, RoomLogKind, RoomMessagesTable } from '../../../db/types.js';
import type { MessageView } from '../../../../shared/chat-protocol.js';
import { compiledOnce } from '../../../db/compiled-once.js';

/**
 * The room's numbered log (docs/groups.md "Durable before delivered"): every write takes the room's next sequence
 * with `UPDATE rooms SET last_seq = last_seq + 1 … RETURNING` in the caller's write transaction, which also stores
 * the row the number is about. The update locks the room's row on PostgreSQL until commit (SQLite has one writer),
 * so sequences are unique and gap-free per room across instances. Only this file and chat-repository.ts touch
 * Kysely for chat.
 */

/** One numbered event as stored and as it travels on the bus (`room-channel.ts`, `k: 'event'`). */
export interface LoggedEvent {
  seq: number;
  kind: RoomLogKind;
  author_id: number | null;
  message: MessageView;
}

type MessageRow = Selectable<RoomMessagesTable>;

/** A message row as the protocol shows it; `body` is the stored one (hubs strip it per reader). */
export function messageView(row: MessageRow, author: string | null): MessageView {
  return {
    id: row.id,
    seq: row.seq,
    author,
    body: row.body,
    created_at: row.created_at,
    edited_at: row.edited_at,
    deleted: row.deleted_at !== null,
    hidden: row.hidden_at !== null,
    pinned: row.pinned === 1,
  };
}

// The hot path's statements, compiled once (compiled-once.ts): a send runs all three.
const nextSeqQuery = compiledOnce((tx, roomId: number) =>
  tx
    .updateTable('rooms')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', roomId)
    .where('status', '=', 'open')
    .returning('last_seq'),
);
const insertMessageQuery = compiledOnce(
  (tx, roomId: number, seq: number, authorId: number, body: string, nonce: string, now: string) =>
    tx
      .insertInto('room_messages')
      .values({ room_id: roomId, seq, author_id: authorId, body, client_nonce: nonce, created_at: now })
      .returningAll(),
);
const insertLogQuery = compiledOnce((tx, roomId: number, seq: number, messageId: number, kind: RoomLogKind, now: string) =>
  tx.insertInto('room_log').values({ room_id: roomId, seq, message_id: messageId, kind, created_at: now }),
);

/** Takes the room's next sequence; undefined when the room is not open (then nothing may be written to it). */
export async function nextSeq(tx: DbOrTx, roomId: number): Promise<number | undefined> {
  return (await nextSeqQuery(tx, roomId)).rows[0]?.last_seq;
}

export interface NewMessage {
  roomId: number;
  authorId: number;
  authorHandle: string;
  nonce: string;
  body: string;
  now: string;
}

export type AppendResult = { stored: true; event: LoggedEvent } | { stored: false; reason: 'closed' };

/**
 * Stores a message and its log row under the room's next sequence, in the caller's write transaction. The caller
 * looked for the nonce first (a send re-sent after a reconnect is answered with the first one's sequence); if
 * another instance stores the same (room, author, nonce) meanwhile, this insert breaks the unique key and the
 * transaction rolls back, its sequence with it, and the caller finds the first.
 */
export async function appendMessage(tx: DbOrTx, m: NewMessage): Promise<AppendResult> {
  const seq = await nextSeq(tx, m.roomId);
  if (seq === undefined) return { stored: false, reason: 'closed' };
  const row = (await insertMessageQuery(tx, m.roomId, seq, m.authorId, m.body, m.nonce, m.now)).rows[0];
  if (!row) throw new Error('the message row was not returned');
  await insertLogQuery(tx, m.roomId, seq, row.id, 'message', m.now);
  return { stored: true, event: { seq, kind: 'message', author_id: m.authorId, message: messageView(row, m.authorHandle) } };
}

/** The sequence of the author's message sent with this nonce, if it was stored. */
export async function findByNonce(db: DbOrTx, roomId: number, authorId: number, nonce: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('room_messages')
    .select('seq')
    .where('room_id', '=', roomId)
    .where('author_id', '=', authorId)
    .where('client_nonce', '=', nonce)
    .executeTakeFirst();
  return row?.seq;
}

/** A message of the room with its author's handle (null: former member); undefined when there is none. */
export async function findMessage(
  db: DbOrTx,
  roomId: number,
  messageId: number,
): Promise<{ row: MessageRow; author: string | null } | undefined> {
  const row = await db
    .selectFrom('room_messages as m')
    .leftJoin('accounts as a', 'a.id', 'm.author_id')
    .selectAll('m')
    .select('a.handle as author_handle')
    .where('m.room_id', '=', roomId)
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { author_handle, ...message } = row;
  return { row: message, author: author_handle };
}

/** What a change does to the message row. `edit` sets a new body; `delete` erases it (docs/groups.md). */
export type MessageChange =
  | { kind: 'edit'; body: string }
  | { kind: 'delete' }
  | { kind: 'hide' }
  | { kind: 'unhide' }
  | { kind: 'pin' }
  | { kind: 'unpin' };

/**
 * Applies a change to a message under the room's next sequence, with its log row, in the caller's write
 * transaction. Undefined when the room is not open or the message is not the room's.
 */
export async function changeMessage(
  tx: DbOrTx,
  roomId: number,
  messageId: number,
  change: MessageChange,
  now: string,
): Promise<LoggedEvent | undefined> {
  const seq = await nextSeq(tx, roomId);
  if (seq === undefined) return undefined;
  const set =
    change.kind === 'edit'
      ? { body: change.body, edited_at: now }
      : change.kind === 'delete'
        ? { body: null, deleted_at: now }
        : change.kind === 'hide'
          ? { hidden_at: now }
          : change.kind === 'unhide'
            ? { hidden_at: null }
            : { pinned: change.kind === 'pin' ? 1 : 0 };
  const updated = await tx
    .updateTable('room_messages')
    .set(set)
    .where('room_id', '=', roomId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new MessageGone();
  await insertLogQuery(tx, roomId, seq, messageId, change.kind, now);
  const found = await findMessage(tx, roomId, messageId);
  if (!found) throw new MessageGone();
  return { seq, kind: change.kind, author_id: found.row.author_id, message: messageView(found.row, found.author) };
}

/** Thrown inside a transaction to roll back the sequence it took when the message is not there. */
export class MessageGone extends Error {
  constructor() {
    super('message not found');
  }
}

const readAfterQuery = compiledOnce((db, roomId: number, afterSeq: number, limit: number) =>
  db
    .selectFrom('room_log as l')
    .innerJoin('room_messages as m', 'm.id', 'l.message_id')
    .leftJoin('accounts as a', 'a.id', 'm.author_id')
    .selectAll('m')
    .select(['l.seq as log_seq', 'l.kind as log_kind', 'a.handle as author_handle'])
    .where('l.room_id', '=', roomId)
    .where('l.seq', '>', afterSeq)
    .orderBy('l.seq')
    .limit(limit),
);

/**
 * The room's events after `afterSeq`, in sequence order, each with the message as it is now (so a message deleted
 * later reads as deleted): what a resuming client missed, and what a hub reads to fill a gap in the bus.
 */
export async function readAfter(db: DbOrTx, roomId: number, afterSeq: number, limit: number): Promise<LoggedEvent[]> {
  const { rows } = await readAfterQuery(db, roomId, afterSeq, limit);
  return rows.map(({ log_seq, log_kind, author_handle, ...m }) => ({
    seq: log_seq,
    kind: log_kind,
    author_id: m.author_id,
    message: messageView(m, author_handle),
  }));
}

const recentQuery = compiledOnce((db, roomId: number, limit: number) =>
  db
    .selectFrom('room_messages as m')
    .leftJoin('accounts as a', 'a.id', 'm.author_id')
    .selectAll('m')
    .select('a.handle as author_handle')
    .where('m.room_id', '=', roomId)
    .orderBy('m.seq', 'desc')
    .limit(limit),
);

/** The room's last `limit` messages, oldest first, with their authors' ids: a fresh join's history. */
export async function recentMessages(
  db: DbOrTx,
  roomId: number,
  limit: number,
): Promise<{ author_id: number | null; message: MessageView }[]> {
  const { rows } = await recentQuery(db, roomId, limit);
  return rows.reverse().map(({ author_handle, ...m }) => ({ author_id: m.author_id, message: messageView(m, author_handle) }));
}

/** The last sequence of each room, for a hub to notice an event the bus never brought (a publisher that died). */
export async function lastSeqs(db: DbOrTx, roomIds: number[]): Promise<Map<number, number>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db.selectFrom('rooms').select(['id', 'last_seq']).where('id', 'in', roomIds).execute();
  return new Map(rows.map((r) => [r.id, r.last_seq]));
}
