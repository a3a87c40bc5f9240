import { DateTime } from 'luxon';
import { withWriteTransaction, type DatabaseHandle } from '../../../db/index.js';
import { isUniqueViolation } from '../../../db/errors.js';
import type { Bus } from '../../../bus/index.js';
import type { DbOrTx } from '../../../db/types.js';
import type { FormatSection } from '../../../../shared/chat-protocol.js';
import { publishToRoom } from '../chat/room-channel.js';
import type { LiveState } from './live-state.js';

export interface LifecycleDeps {
  database: DatabaseHandle;
  bus: Bus;
  now: () => Date;
}

/** A group's always-on room, made with the group (in the caller's transaction). */
export async function createOpenRoom(tx: DbOrTx, groupId: number, slowModeSeconds: number, now: string): Promise<number> {
  const row = await tx
    .insertInto('rooms')
    .values({ group_id: groupId, kind: 'open', status: 'open', slow_mode_seconds: slowModeSeconds, opened_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Occurrence {
  liveMeetingId: number;
  groupId: number;
  /** The occurrence's start, UTC ISO. */
  startsAt: string;
  durationMinutes: number;
  crossTalk: boolean;
  shareMinutes: number;
  format: FormatSection[];
  /** The group's retention when the room opens: NULL deletes the chat when the room closes. */
  retentionDays: number | null;
}

/**
 * Opens the room of one occurrence of a live meeting, once: when several instances (or a facilitator and the
 * scheduler) try at the same moment, the unique (meeting, occurrence) key lets one insert and the others get its id.
 */
export async function openLiveRoom(deps: LifecycleDeps, o: Occurrence): Promise<{ roomId: number; opened: boolean }> {
  const now = deps.now().toISOString();
  const state: LiveState = {
    format: o.format,
    section: 0,
    section_started_at: now,
    share_minutes: o.shareMinutes,
    queue: [],
    sharer: null,
    share_started_at: null,
  };
  const closesAt = DateTime.fromISO(o.startsAt, { zone: 'utc' }).plus({ minutes: o.durationMinutes }).toISO()!;
  try {
    const row = await withWriteTransaction(deps.database, (tx) =>
      tx
        .insertInto('rooms')
        .values({
          group_id: o.groupId,
          kind: 'live',
          live_meeting_id: o.liveMeetingId,
          occurrence_at: o.startsAt,
          status: 'open',
          cross_talk: o.crossTalk ? 1 : 0,
          state: JSON.stringify(state),
          retention_days: o.retentionDays,
          opened_at: now,
          closes_at: closesAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    return { roomId: row.id, opened: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const existing = await deps.database.db
      .selectFrom('rooms')
      .select('id')
      .where('live_meeting_id', '=', o.liveMeetingId)
      .where('occurrence_at', '=', o.startsAt)
      .executeTakeFirstOrThrow();
    return { roomId: existing.id, opened: false };
  }
}

/**
 * Closes a live meeting's room (its end time came, or a facilitator ended it) and tells everyone in it. Its chat is
 * deleted at once when the group keeps none ("what is said here stays here"), or later by `purgeDueRooms`.
 * @returns false when the room was not open (already closed, or an open room, which never closes).
 */
export async function closeRoom(deps: LifecycleDeps, roomId: number): Promise<boolean> {
  const now = DateTime.fromJSDate(deps.now(), { zone: 'utc' });
  const closed = await withWriteTransaction(deps.database, async (tx) => {
    const room = await tx
      .selectFrom('rooms')
      .select(['retention_days'])
      .where('id', '=', roomId)
      .where('kind', '=', 'live')
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (!room) return false;
    const purgeAt = room.retention_days === null ? now : now.plus({ days: room.retention_days });
    await tx
      .updateTable('rooms')
      .set({ status: 'closed', closed_at: now.toISO()!, purge_at: purgeAt.toISO()! })
      .where('id', '=', roomId)
      .execute();
    if (room.retention_days === null) await purgeRoomChat(tx, roomId, now.toISO()!);
    return true;
  });
  if (closed) await publishToRoom(deps.bus, roomId, { k: 'closed', reason: 'ended' });
  return closed;
}

/** Deletes a closed room's messages and log; reports keep their own copies (their link to the message goes). */
async function purgeRoomChat(tx: DbOrTx, roomId: number, now: string): Promise<void> {
  await tx.deleteFrom('room_log').where('room_id', '=', roomId).execute();
  await tx.deleteFrom('room_messages').where('room_id', '=', roomId).execute();
  await tx.updateTable('rooms').set({ purged_at: now }).where('id', '=', roomId).execute();
}

/** Deletes the chat of every closed room whose retention has run out; returns how many rooms it purged. */
export async function purgeDueRooms(deps: LifecycleDeps): Promise<number> {
  const now = deps.now().toISOString();
  const due = await deps.database.db
    .selectFrom('rooms')
    .select('id')
    .where('status', '=', 'closed')
    .where('purged_at', 'is', null)
    .where('purge_at', '<=', now)
    .execute();
  for (const { id } of due) await withWriteTransaction(deps.database, (tx) => purgeRoomChat(tx, id, now));
  return due.length;
}
