import type { DbOrTx } from '../../src/server/db/types.js';
import type { GroupRole } from '../../src/server/db/types.js';
import { createOpenRoom } from '../../src/server/modules/groups/rooms/lifecycle.js';

/**
 * Groups and their people straight through the tables, for live-meeting tests: the groups module's own routes
 * (create, join) are built elsewhere, and these tests are about what happens once a group exists.
 */
export interface SeededGroup {
  id: number;
  slug: string;
  name: string;
  openRoomId: number;
}

let serial = 0;

export async function seedGroup(
  db: DbOrTx,
  options: {
    slug?: string;
    name?: string;
    timeZone?: string;
    retentionDays?: number | null;
    types?: string[];
    language?: string;
    fellowship?: string | null;
    conductVersion?: number;
  } = {},
): Promise<SeededGroup> {
  const n = ++serial;
  const slug = options.slug ?? `live-group-${n}-${Date.now().toString(36)}`;
  const name = options.name ?? `Evening Harbour ${n}`;
  const now = new Date().toISOString();
  const row = await db
    .insertInto('support_groups')
    .values({
      slug,
      name,
      description: 'A peer-led group that meets online.',
      approach: 'twelve_step',
      fellowship: options.fellowship === undefined ? 'AA' : options.fellowship,
      language: options.language ?? 'en',
      time_zone: options.timeZone ?? 'America/New_York',
      code_of_conduct: 'Be kind. What is said here stays here.',
      conduct_version: options.conductVersion ?? 1,
      visibility: 'public',
      chat_retention_days: options.retentionDays ?? null,
      types: JSON.stringify(options.types ?? ['O', 'D']),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const openRoomId = await createOpenRoom(db, row.id, 0, now);
  return { id: row.id, slug, name, openRoomId };
}

/** Puts an account in a group with a role (active, having accepted code of conduct version 1, unless said otherwise). */
export async function addToGroup(
  db: DbOrTx,
  groupId: number,
  accountId: number,
  role: GroupRole = 'member',
  status: 'active' | 'pending' = 'active',
  conductVersion = 1,
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('group_members')
    .values({
      group_id: groupId,
      account_id: accountId,
      role,
      status,
      conduct_version: conductVersion,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** A live meeting row and one open room for an occurrence of it (as the scheduler would open it). */
export async function seedLiveRoom(
  db: DbOrTx,
  groupId: number,
  options: { occurrenceAt?: string; durationMinutes?: number; title?: string; retentionDays?: number | null } = {},
): Promise<{ meetingId: number; roomId: number; occurrenceAt: string }> {
  const now = new Date().toISOString();
  const occurrenceAt = options.occurrenceAt ?? new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const duration = options.durationMinutes ?? 60;
  const meeting = await db
    .insertInto('live_meetings')
    .values({
      group_id: groupId,
      title: options.title ?? 'Thursday sharing',
      recurrence: 'once',
      weekday: null,
      start_time: occurrenceAt.slice(11, 16),
      starts_on: occurrenceAt.slice(0, 10),
      duration_minutes: duration,
      format: '[]',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = await db
    .insertInto('rooms')
    .values({
      group_id: groupId,
      kind: 'live',
      live_meeting_id: meeting.id,
      occurrence_at: occurrenceAt,
      status: 'open',
      retention_days: options.retentionDays ?? null,
      opened_at: now,
      closes_at: new Date(Date.parse(occurrenceAt) + duration * 60_000).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { meetingId: meeting.id, roomId: room.id, occurrenceAt };
}

/** A few chat messages and their log rows in a room, as the chat hub would have stored them. */
export async function seedChat(db: DbOrTx, roomId: number, authorId: number | null, count = 3): Promise<void> {
  const now = new Date().toISOString();
  for (let seq = 1; seq <= count; seq++) {
    const m = await db
      .insertInto('room_messages')
      .values({ room_id: roomId, seq, author_id: authorId, body: `message ${seq}`, client_nonce: `n${seq}`, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('room_log')
      .values({ room_id: roomId, seq, message_id: m.id, kind: 'message', created_at: now })
      .execute();
  }
  await db.updateTable('rooms').set({ last_seq: count }).where('id', '=', roomId).execute();
}
