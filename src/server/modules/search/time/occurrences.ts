import type { ZoneTable } from './zone-table.js';
import { DAY_MIN, MINUTE_MS, SLACK_MIN, WEEK_MIN, weekMinuteOf } from './units.js';

/** A weekly meeting time in the meeting's own zone. */
export interface WeeklySlot {
  /** Local weekday, 0 = Sunday … 6 = Saturday. */
  day: number;
  /** Local start, minutes after local midnight (0–1439). */
  start: number;
  /** Length in minutes (1–1439); the end may fall after midnight, and after Saturday into Sunday. */
  duration: number;
  /** From `ZoneTable.zoneId`. */
  zoneId: number;
}

/** One occurrence as instants (ms since the epoch). */
export interface Occurrence {
  startMs: number;
  endMs: number;
}

/**
 * Start instant of the occurrence of a weekly slot that is in progress at `nowMs` (start <= now < end), or else
 * of the next one to start; its end is start + duration × 60,000. The duration is elapsed time: a one-hour
 * meeting on the night the clocks change still lasts one hour. Positional numbers rather than a slot object, so
 * a scan over typed-array columns allocates nothing. Usually one table lookup for "now" and one `localToUtc`.
 */
export function nextOccurrenceStart(
  zones: ZoneTable,
  zoneId: number,
  day: number,
  start: number,
  duration: number,
  nowMs: number,
): number {
  const localNowMin = Math.floor(nowMs / MINUTE_MS) + zones.offsetAt(zoneId, nowMs);
  const slotWeekMin = day * DAY_MIN + start;
  const nowWeekMin = weekMinuteOf(localNowMin);
  // Latest wall-clock start at or before the wall clock now, in local minutes since the epoch.
  let candidate = localNowMin - nowWeekMin + slotWeekMin - (slotWeekMin > nowWeekMin ? WEEK_MIN : 0);
  // Ended more than a day ago on the wall clock: it is over whatever the offsets did, so skip a conversion.
  if (candidate + duration < localNowMin - SLACK_MIN) candidate += WEEK_MIN;
  const durationMs = duration * MINUTE_MS;
  // Occurrences are in order, so the first that has not ended is the answer; the one before `candidate` ended
  // days ago. A later wall-clock start can still lie in the past: at the second 01:10 of a fall-back night, a
  // 01:50 meeting met at the first 01:50 and may be over. So step week by week (at most twice in practice).
  for (;;) {
    const startMs = zones.localToUtc(zoneId, candidate * MINUTE_MS);
    if (startMs + durationMs > nowMs) return startMs;
    candidate += WEEK_MIN;
  }
}

/** The occurrence of `slot` in progress at `nowMs`, or else the next one to start (see nextOccurrenceStart). */
export function nextOccurrence(zones: ZoneTable, slot: WeeklySlot, nowMs: number): Occurrence {
  const startMs = nextOccurrenceStart(zones, slot.zoneId, slot.day, slot.start, slot.duration, nowMs);
  return { startMs, endMs: startMs + slot.duration * MINUTE_MS };
}

/**
 * Appends to `out` the start instant of every occurrence of `slot` that starts in [fromMs, toMs), in order, and
 * returns `out`. For "today" in a searcher's zone pass `SearcherClock.startOfTodayMs` and `startOfTomorrowMs`
 * (a day of 23 or 25 hours); an occurrence still running from the day before is not included. Meetings with no
 * occurrence in a short range cost one table lookup and no conversion.
 */
export function occurrencesBetween(
  zones: ZoneTable,
  slot: WeeklySlot,
  fromMs: number,
  toMs: number,
  out: number[] = [],
): number[] {
  if (!(toMs > fromMs)) return out;
  const { zoneId } = slot;
  const localFromMin = Math.floor(fromMs / MINUTE_MS) + zones.offsetAt(zoneId, fromMs);
  // Wall-clock starts outside [from - slack, to + slack] cannot land in the range: offsets move less than that.
  const lowest = localFromMin - SLACK_MIN;
  const highest = localFromMin + Math.ceil((toMs - fromMs) / MINUTE_MS) + SLACK_MIN;
  const slotWeekMin = slot.day * DAY_MIN + slot.start;
  const lowestWeekMin = weekMinuteOf(lowest);
  let candidate = lowest - lowestWeekMin + slotWeekMin + (slotWeekMin < lowestWeekMin ? WEEK_MIN : 0);
  for (; candidate <= highest; candidate += WEEK_MIN) {
    const startMs = zones.localToUtc(zoneId, candidate * MINUTE_MS);
    if (startMs >= toMs) break;
    if (startMs >= fromMs) out.push(startMs);
  }
  return out;
}
