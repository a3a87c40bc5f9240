import type { Kysely } from 'kysely';
import type { Database, GroupRole } from '../../src/server/db/types.js';
import { addToGroup, seedGroup as seedGroupRows } from './live-groups.js';
import { openLiveRoom, type LifecycleDeps } from '../../src/server/modules/groups/rooms/lifecycle.js';
import type { FormatSection } from '../../src/shared/chat-protocol.js';
import type { AccountsApp } from './accounts-app.js';
import { enableTotp, uniqueHandle } from './actors.js';
import { SessionClient } from './session-client.js';

/**
 * Groups seeded straight into the database, for suites that need a group before (or without) the groups REST routes.
 * People are real accounts signed in through the API, so their session cookies work on /ws.
 */
export interface Person {
  handle: string;
  accountId: number;
  client: SessionClient;
  /** The session cookie's value. */
  cookie: string;
}

/** A signed-up member; `secondFactor` turns on TOTP so the session counts as second-factor (facilitators need it). */
export async function makePerson(t: AccountsApp, prefix = 'person', secondFactor = false): Promise<Person> {
  const client = new SessionClient(t.app);
  const handle = uniqueHandle(prefix);
  await client.signUp(handle);
  if (secondFactor) await enableTotp(client, t);
  const accountId = (await client.get('/api/account')).json<{ id: number }>().id;
  return { handle, accountId, client, cookie: client.cookie! };
}

export interface SeededGroup {
  groupId: number;
  openRoomId: number;
}

/** A public group with its always-on room (the live tests' seeding, in the shape the chat suites use). */
export async function seedGroup(
  db: Kysely<Database>,
  opts: { retentionDays?: number | null; conductVersion?: number } = {},
): Promise<SeededGroup> {
  const group = await seedGroupRows(db, opts);
  return { groupId: group.id, openRoomId: group.openRoomId };
}

/** Puts a person in a group (active, current code of conduct unless `conductVersion` says otherwise). */
export async function addMember(
  db: Kysely<Database>,
  groupId: number,
  p: Person,
  role: GroupRole,
  conductVersion = 1,
): Promise<void> {
  await addToGroup(db, groupId, p.accountId, role, 'active', conductVersion);
}

export const TEST_FORMAT: FormatSection[] = [
  { kind: 'welcome', title: 'Welcome', minutes: 5 },
  { kind: 'sharing', title: 'Sharing', minutes: 30 },
  { kind: 'closing', title: 'Closing', minutes: 5 },
];

/** A live meeting for the group and the room of its occurrence starting now. */
export async function openLiveMeeting(
  deps: LifecycleDeps,
  groupId: number,
  opts: { crossTalk?: boolean; retentionDays?: number | null } = {},
): Promise<number> {
  const now = deps.now().toISOString();
  const meeting = await deps.database.db
    .insertInto('live_meetings')
    .values({
      group_id: groupId,
      title: 'Evening meeting',
      recurrence: 'once',
      start_time: '19:00',
      starts_on: now.slice(0, 10),
      duration_minutes: 60,
      cross_talk: opts.crossTalk ? 1 : 0,
      format: JSON.stringify(TEST_FORMAT),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { roomId } = await openLiveRoom(deps, {
    liveMeetingId: meeting.id,
    groupId,
    startsAt: now,
    durationMinutes: 60,
    crossTalk: opts.crossTalk ?? false,
    shareMinutes: 5,
    format: TEST_FORMAT,
    retentionDays: opts.retentionDays ?? null,
  });
  return roomId;
}
