import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { openDatabase, type DatabaseHandle } from '../../../../db/index.js';
import { createMemoryBus } from '../../../../bus/memory-bus.js';
import type { Bus } from '../../../../bus/index.js';
import { dialectCases, openMigrated } from '../../../../../../test/helpers/databases.js';
import { seedChat, seedGroup } from '../../../../../../test/helpers/live-groups.js';
import { startLiveScheduler } from '../scheduler.js';
import type { LiveDeps } from '../meetings-service.js';

const log = pino({ level: 'silent' });

/** A weekly meeting straight into the table (the routes are tested in meetings.test.ts). */
async function weeklyMeeting(db: DatabaseHandle['db'], groupId: number, weekday: number, startTime: string, duration = 60) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('live_meetings')
    .values({
      group_id: groupId,
      title: 'Evening share',
      recurrence: 'weekly',
      weekday,
      start_time: startTime,
      starts_on: '2025-01-01',
      duration_minutes: duration,
      cross_talk: 0,
      share_minutes: 3,
      format: JSON.stringify([{ kind: 'sharing', title: 'Sharing', minutes: duration }]),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(dialectCases())('live meeting scheduler on $name', (kind) => {
  let handle: DatabaseHandle;
  let url: string;
  let cleanup: () => Promise<void>;
  let bus: Bus;
  const clock = { now: new Date('2025-06-04T23:10:00Z') };
  const deps = (database: DatabaseHandle): LiveDeps => ({
    database,
    bus,
    publicUrl: 'http://kinship.test',
    now: () => clock.now,
  });

  beforeAll(async () => {
    ({ handle, url, cleanup } = await openMigrated(kind));
    bus = createMemoryBus();
  });
  afterAll(async () => {
    await bus.close();
    await cleanup();
  });

  const roomsOf = (meetingId: number) =>
    handle.db.selectFrom('rooms').selectAll().where('live_meeting_id', '=', meetingId).execute();

  it('opens an occurrence’s room once when two instances tick at the same moment, copying the meeting and retention', async () => {
    const group = await seedGroup(handle.db, { timeZone: 'America/New_York', retentionDays: 3 });
    // Wednesdays 19:00 New York = 23:00Z in June; the clock is ten minutes in.
    const meetingId = await weeklyMeeting(handle.db, group.id, 3, '19:00');
    const second = openDatabase(url);
    try {
      const a = startLiveScheduler(deps(handle), log, { autoStart: false });
      const b = startLiveScheduler(deps(second), log, { autoStart: false });
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      expect(ra.opened + rb.opened).toBe(1);
      const [again, againB] = await Promise.all([a.tick(), b.tick()]);
      expect(again.opened + againB.opened).toBe(0);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      await second.close();
    }
    const rooms = await roomsOf(meetingId);
    expect(rooms).toHaveLength(1);
    expect(rooms[0]).toMatchObject({
      status: 'open',
      occurrence_at: '2025-06-04T23:00:00.000Z',
      closes_at: '2025-06-05T00:00:00.000Z',
      retention_days: 3,
    });
    expect(JSON.parse(rooms[0]!.state)).toMatchObject({ share_minutes: 3, format: [{ kind: 'sharing' }] });
  });

  it('opens nothing before the start or after the end, and does not reopen a room ended early', async () => {
    const group = await seedGroup(handle.db, { timeZone: 'Europe/London' });
    const meetingId = await weeklyMeeting(handle.db, group.id, 4, '10:00', 30);
    const s = startLiveScheduler(deps(handle), log, { autoStart: false });
    clock.now = new Date('2025-06-05T08:59:00Z'); // 09:59 BST
    await s.tick();
    expect(await roomsOf(meetingId)).toHaveLength(0);
    clock.now = new Date('2025-06-05T09:00:00Z');
    await s.tick();
    expect(await roomsOf(meetingId)).toHaveLength(1);
    // A facilitator ends it early; the scheduler leaves it closed.
    await handle.db
      .updateTable('rooms')
      .set({ status: 'closed', closed_at: clock.now.toISOString(), purge_at: clock.now.toISOString() })
      .where('live_meeting_id', '=', meetingId)
      .execute();
    clock.now = new Date('2025-06-05T09:10:00Z');
    await s.tick();
    expect((await roomsOf(meetingId)).map((r) => r.status)).toEqual(['closed']);
    clock.now = new Date('2025-06-12T09:31:00Z'); // next week's, already over
    await s.tick();
    expect(await roomsOf(meetingId)).toHaveLength(1);
    await s.stop();
  });

  it('closes a room at its end and deletes its chat at once when the group keeps none', async () => {
    const group = await seedGroup(handle.db, { timeZone: 'UTC', retentionDays: null });
    const meetingId = await weeklyMeeting(handle.db, group.id, 1, '12:00', 45);
    const s = startLiveScheduler(deps(handle), log, { autoStart: false });
    clock.now = new Date('2025-06-02T12:05:00Z');
    await s.tick();
    const [room] = await roomsOf(meetingId);
    await seedChat(handle.db, room!.id, null, 4);
    const heard: unknown[] = [];
    const off = await bus.subscribe(`room:${room!.id}`, (m) => heard.push(m));
    clock.now = new Date('2025-06-02T12:44:00Z');
    expect((await s.tick()).closed).toBe(0);
    clock.now = new Date('2025-06-02T12:45:00Z');
    expect((await s.tick()).closed).toBe(1);
    await off();
    const [closed] = await roomsOf(meetingId);
    expect(closed).toMatchObject({ status: 'closed', closed_at: '2025-06-02T12:45:00.000Z' });
    expect(closed!.purged_at).not.toBeNull();
    expect(await handle.db.selectFrom('room_messages').select('id').where('room_id', '=', room!.id).execute()).toEqual([]);
    expect(await handle.db.selectFrom('room_log').select('seq').where('room_id', '=', room!.id).execute()).toEqual([]);
    expect(heard).toContainEqual({ k: 'closed', reason: 'ended' });
    await s.stop();
  });

  it('keeps a closed room’s chat for the group’s retention, then deletes it', async () => {
    const group = await seedGroup(handle.db, { timeZone: 'UTC', retentionDays: 7 });
    const meetingId = await weeklyMeeting(handle.db, group.id, 2, '18:00', 60);
    const s = startLiveScheduler(deps(handle), log, { autoStart: false });
    clock.now = new Date('2025-06-03T18:00:00Z');
    await s.tick();
    const [room] = await roomsOf(meetingId);
    await seedChat(handle.db, room!.id, null, 3);
    clock.now = new Date('2025-06-03T19:00:30Z');
    await s.tick();
    const count = async () =>
      (await handle.db.selectFrom('room_messages').select('id').where('room_id', '=', room!.id).execute()).length;
    expect((await roomsOf(meetingId))[0]).toMatchObject({
      status: 'closed',
      purge_at: '2025-06-10T19:00:30.000Z',
      purged_at: null,
    });
    expect(await count()).toBe(3);
    clock.now = new Date('2025-06-10T19:00:00Z');
    await s.tick();
    expect(await count()).toBe(3);
    clock.now = new Date('2025-06-10T19:01:00Z');
    expect((await s.tick()).purged).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(0);
    expect(await handle.db.selectFrom('room_log').select('seq').where('room_id', '=', room!.id).execute()).toEqual([]);
    await s.stop();
  });

  it('takes a meeting of an archived group out of the finder on its next pass', async () => {
    const group = await seedGroup(handle.db, { timeZone: 'UTC' });
    const meetingId = await weeklyMeeting(handle.db, group.id, 5, '08:00');
    const s = startLiveScheduler(deps(handle), log, { autoStart: false });
    const listed = () =>
      handle.db
        .selectFrom('meetings')
        .select(['id', 'deleted_at'])
        .where('slug', '=', `kinship-live-${meetingId}`)
        .executeTakeFirst();
    await s.tick();
    expect((await listed())?.deleted_at).toBeNull();
    await handle.db
      .updateTable('support_groups')
      .set({ archived_at: clock.now.toISOString() })
      .where('id', '=', group.id)
      .execute();
    const events: unknown[] = [];
    const off = await bus.subscribe('meetings.changed', (e) => events.push(e));
    await s.tick();
    await off();
    expect((await listed())?.deleted_at).not.toBeNull();
    expect(events).toContainEqual(expect.objectContaining({ removed: 1, meeting_ids: [(await listed())!.id] }));
    await s.stop();
  });
});
