import type { FastifyBaseLogger } from 'fastify';
import { withWriteTransaction } from '../../../db/index.js';
import { publishListingChanges } from '../../meetings/builtin-source.js';
import { closeRoom, openLiveRoom, purgeDueRooms } from '../rooms/lifecycle.js';
import { reconcileListings } from './directory-listing.js';
import type { LiveDeps } from './meetings-service.js';
import { currentOccurrence } from './occurrences.js';
import { parseFormat } from './presenters.js';
import { listSchedulable } from './repository/meetings.js';
import { occurrenceRoomExists, roomsDueToClose } from './repository/rooms.js';

export interface LiveScheduler {
  /** One pass: open what has started, close what has ended, purge chat whose retention ran out. */
  tick(): Promise<{ opened: number; closed: number; purged: number }>;
  stop(): Promise<void>;
}

/** How often the scheduler looks (docs/groups.md "Live meetings": a room opens within this of its start). */
export const LIVE_TICK_MS = 30_000;

/**
 * Opens and closes live meetings' rooms, inside the server, on every instance. Opening is once per occurrence
 * however many instances tick together (the rooms' unique (meeting, occurrence) key); closing is a conditional
 * update (only an open room closes). The first pass runs at once, so a restart catches up with a meeting under way.
 * The pass also brings the directory's listings in line with groups archived or deleted elsewhere.
 */
export function startLiveScheduler(
  deps: LiveDeps,
  log: FastifyBaseLogger,
  options: { intervalMs?: number; autoStart?: boolean } = {},
): LiveScheduler {
  const lifecycle = { database: deps.database, bus: deps.bus, now: deps.now };
  let running: Promise<{ opened: number; closed: number; purged: number }> | null = null;
  let stopped = false;

  const pass = async () => {
    const now = deps.now();
    let opened = 0;
    for (const { meeting, group } of await listSchedulable(deps.database.db)) {
      if (stopped) break;
      const occurrence = currentOccurrence(meeting, group.time_zone, now);
      if (!occurrence) continue;
      const startsAt = occurrence.start.toISO()!;
      if (await occurrenceRoomExists(deps.database.db, meeting.id, startsAt)) continue;
      const result = await openLiveRoom(lifecycle, {
        liveMeetingId: meeting.id,
        groupId: group.id,
        startsAt,
        durationMinutes: meeting.duration_minutes,
        crossTalk: meeting.cross_talk === 1,
        shareMinutes: meeting.share_minutes,
        format: parseFormat(meeting.format),
        retentionDays: group.chat_retention_days,
      });
      if (result.opened) opened++;
    }
    let closed = 0;
    for (const id of await roomsDueToClose(deps.database.db, now.toISOString())) if (await closeRoom(lifecycle, id)) closed++;
    const purged = await purgeDueRooms(lifecycle);
    const at = now.toISOString();
    const listings = await withWriteTransaction(deps.database, (tx) => reconcileListings(tx, deps.publicUrl, at));
    await publishListingChanges(deps.bus, listings.sourceId, listings.changes);
    if (opened + closed + purged > 0) log.info({ opened, closed, purged }, 'live meeting rooms');
    return { opened, closed, purged };
  };

  const tick = () => {
    running ??= pass()
      .catch((err: unknown) => {
        log.error({ err }, 'live meeting scheduler pass failed');
        return { opened: 0, closed: 0, purged: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = options.autoStart === false ? null : setInterval(() => void tick(), options.intervalMs ?? LIVE_TICK_MS);
  timer?.unref();
  if (options.autoStart !== false) void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
