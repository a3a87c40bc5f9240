import type { TimeOps } from './engine/time-ops.js';
import { nextOccurrenceStart, occurrencesBetween, SearcherClock, ZoneTable, MINUTE_MS } from './time/index.js';

/** The engine's view of time over the shared zone tables: arithmetic per meeting, no luxon per query. */
export function zoneTimeOps(zones: ZoneTable = new ZoneTable()): TimeOps {
  return {
    zoneId: (name) => zones.zoneId(name),
    offsetMinutes: (zoneId, utcMs) => zones.offsetAt(zoneId, utcMs),
    nextOccurrence(day, start, duration, zoneId, nowMs) {
      const startMs = nextOccurrenceStart(zones, zoneId, day, start, duration, nowMs);
      return { startMs, endMs: startMs + duration * MINUTE_MS };
    },
    occurrencesBetween: (day, start, duration, zoneId, fromMs, toMs) =>
      occurrencesBetween(zones, { day, start, duration, zoneId }, fromMs, toMs),
    searcher(zone, nowMs) {
      const clock = new SearcherClock(zones, zones.zoneId(zone), nowMs);
      return {
        startOfTodayMs: clock.startOfTodayMs,
        startOfTomorrowMs: clock.startOfTomorrowMs,
        localDayMinute: (utcMs) => clock.localDayAndMinute(utcMs),
      };
    },
  };
}
