import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/index.js';
import { createMemoryBus } from '../../../bus/memory-bus.js';
import type { Bus } from '../../../bus/index.js';
import { dialectCases, openMigrated } from '../../../../../test/helpers/databases.js';
import { seedChat, seedGroup } from '../../../../../test/helpers/live-groups.js';
import { closeRoom, createOpenRoom, openLiveRoom, purgeDueRooms, type Occurrence } from './lifecycle.js';

describe.each(dialectCases())('room lifecycle on $name', (kind) => {
  let handle: DatabaseHandle;
  let url: string;
  let cleanup: () => Promise<void>;
  let bus: Bus;
  const clock = { now: new Date('2025-06-01T10:00:00Z') };
  const deps = (database = handle) => ({ database, bus, now: () => clock.now });

  beforeAll(async () => {
    ({ handle, url, cleanup } = await openMigrated(kind));
    bus = createMemoryBus();
  });
  afterAll(async () => {
    await bus.close();
    await cleanup();
  });

  async function meeting(groupId: number): Promise<number> {
    const at = clock.now.toISOString();
    const row = await handle.db
      .insertInto('live_meetings')
      .values({
        group_id: groupId,
        title: 'Morning',
        recurrence: 'once',
        start_time: '10:00',
        starts_on: '2025-06-01',
        duration_minutes: 30,
        format: '[]',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const occurrence = (groupId: number, liveMeetingId: number, retentionDays: number | null): Occurrence => ({
    liveMeetingId,
    groupId,
    startsAt: '2025-06-01T10:00:00.000Z',
    durationMinutes: 30,
    crossTalk: true,
    shareMinutes: 5,
    format: [{ kind: 'welcome', title: 'Welcome', minutes: 30 }],
    retentionDays,
  });

  it('opens an occurrence once, even when several connections insert it at the same moment', async () => {
    const group = await seedGroup(handle.db);
    const id = await meeting(group.id);
    const others = [openDatabase(url), openDatabase(url)];
    try {
      const results = await Promise.all([handle, ...others].map((db) => openLiveRoom(deps(db), occurrence(group.id, id, null))));
      expect(results.filter((r) => r.opened)).toHaveLength(1);
      expect(new Set(results.map((r) => r.roomId)).size).toBe(1);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
    const room = await handle.db.selectFrom('rooms').selectAll().where('live_meeting_id', '=', id).executeTakeFirstOrThrow();
    expect(room).toMatchObject({ kind: 'live', status: 'open', cross_talk: 1, closes_at: '2025-06-01T10:30:00.000Z' });
    expect(JSON.parse(room.state)).toMatchObject({ share_minutes: 5, section: 0, queue: [], sharer: null });
  });

  it('closes only open live rooms, once, and never the always-open room', async () => {
    const group = await seedGroup(handle.db);
    const { roomId } = await openLiveRoom(deps(), occurrence(group.id, await meeting(group.id), 2));
    expect(await closeRoom(deps(), group.openRoomId)).toBe(false);
    expect(await closeRoom(deps(), roomId)).toBe(true);
    expect(await closeRoom(deps(), roomId)).toBe(false);
    const open = await handle.db
      .selectFrom('rooms')
      .select('status')
      .where('id', '=', group.openRoomId)
      .executeTakeFirstOrThrow();
    expect(open.status).toBe('open');
  });

  it('purges only rooms whose retention has run out, and leaves other rooms’ chat alone', async () => {
    const group = await seedGroup(handle.db);
    const keep = await openLiveRoom(deps(), occurrence(group.id, await meeting(group.id), 1));
    const other = await createOpenRoom(handle.db, group.id, 0, clock.now.toISOString());
    await seedChat(handle.db, keep.roomId, null, 2);
    await seedChat(handle.db, other, null, 2);
    await closeRoom(deps(), keep.roomId);
    clock.now = new Date('2025-06-02T09:59:00Z');
    expect(await purgeDueRooms(deps())).toBe(0);
    clock.now = new Date('2025-06-02T10:01:00Z');
    expect(await purgeDueRooms(deps())).toBeGreaterThanOrEqual(1);
    const left = async (room: number) =>
      (await handle.db.selectFrom('room_messages').select('id').where('room_id', '=', room).execute()).length;
    expect(await left(keep.roomId)).toBe(0);
    expect(await left(other)).toBe(2);
    expect(await purgeDueRooms(deps())).toBe(0);
  });
});
