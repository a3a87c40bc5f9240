import type { DatabaseHandle } from '../../src/server/db/index.js';

/**
 * Chat messages stored as the hub stores them (the next sequence of the room, then the message), for tests of the
 * REST side (reports, export, deletion) that need chat without running /ws.
 */
export async function storeMessages(
  database: DatabaseHandle,
  roomId: number,
  messages: { authorId: number | null; body: string }[],
  now: Date,
): Promise<number[]> {
  const ids: number[] = [];
  for (const m of messages) {
    await database.db.transaction().execute(async (tx) => {
      const room = await tx
        .updateTable('rooms')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', roomId)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const row = await tx
        .insertInto('room_messages')
        .values({ room_id: roomId, seq: room.last_seq, author_id: m.authorId, body: m.body, created_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('room_log')
        .values({ room_id: roomId, seq: room.last_seq, message_id: row.id, kind: 'message', created_at: now.toISOString() })
        .execute();
      ids.push(row.id);
    });
  }
  return ids;
}

/** A live meeting of the group and its open room for one occurrence (as the scheduler would open it). */
export async function liveRoom(
  database: DatabaseHandle,
  groupId: number,
  now: Date,
  retentionDays: number | null,
): Promise<number> {
  const iso = now.toISOString();
  const meeting = await database.db
    .insertInto('live_meetings')
    .values({
      group_id: groupId,
      title: 'Tuesday share',
      recurrence: 'once',
      weekday: null,
      start_time: '19:00',
      starts_on: iso.slice(0, 10),
      duration_minutes: 60,
      format: '[]',
      created_at: iso,
      updated_at: iso,
      cancelled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await database.db
    .insertInto('rooms')
    .values({
      group_id: groupId,
      kind: 'live',
      live_meeting_id: meeting.id,
      occurrence_at: iso,
      status: 'open',
      retention_days: retentionDays,
      opened_at: iso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return room.id;
}
