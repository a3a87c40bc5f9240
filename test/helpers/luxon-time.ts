import { DateTime } from 'luxon';
import type { SearcherTime, TimeOps } from '../../src/server/modules/search/engine/time-ops.js';
import { luxonWallTime } from '../../src/server/modules/search/time/luxon-reference.js';

const DAY_MS = 24 * 3600 * 1000;

/** Every occurrence of a weekly meeting starting in [fromMs, toMs), straight from luxon: the slow, obvious way. */
export function luxonOccurrences(
  day: number,
  start: number,
  duration: number,
  zone: string,
  fromMs: number,
  toMs: number,
): { startMs: number; endMs: number }[] {
  const out: { startMs: number; endMs: number }[] = [];
  let date = DateTime.fromMillis(fromMs - 2 * DAY_MS, { zone }).startOf('day');
  const last = DateTime.fromMillis(toMs + 2 * DAY_MS, { zone });
  while (date <= last) {
    if (date.weekday % 7 === day) {
      // Not DateTime.fromObject alone: for a wall time the clocks pass twice (fall back) it picks by the zone's
      // offset on the day the test runs, so the reference changed with the season; the rule is the earlier instant.
      const s = luxonWallTime(zone, date.year, date.month, date.day, start);
      if (s >= fromMs && s < toMs) out.push({ startMs: s, endMs: s + duration * 60_000 });
    }
    date = date.plus({ days: 1 }).startOf('day');
  }
  return out;
}

/** The occurrence in progress at `nowMs`, else the next. */
export function luxonNext(
  day: number,
  start: number,
  duration: number,
  zone: string,
  nowMs: number,
): { startMs: number; endMs: number } {
  const around = luxonOccurrences(day, start, duration, zone, nowMs - 2 * DAY_MS, nowMs + 9 * DAY_MS);
  return around.find((o) => o.startMs <= nowMs && nowMs < o.endMs) ?? around.find((o) => o.startMs > nowMs)!;
}

export function luxonSearcher(zone: string, nowMs: number): SearcherTime {
  const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  return {
    startOfTodayMs: today.toMillis(),
    startOfTomorrowMs: today.plus({ days: 1 }).startOf('day').toMillis(),
    localDayMinute(utcMs) {
      const t = DateTime.fromMillis(utcMs, { zone });
      return { day: t.weekday % 7, minute: t.hour * 60 + t.minute };
    },
  };
}

/** TimeOps over luxon: correct and slow; the reference the fast engine is checked against. */
export function luxonTimeOps(): TimeOps {
  const zones: string[] = [];
  const zoneId = (zone: string) => {
    let i = zones.indexOf(zone);
    if (i < 0) i = zones.push(zone) - 1;
    return i;
  };
  return {
    zoneId,
    offsetMinutes: (z, utcMs) => DateTime.fromMillis(utcMs, { zone: zones[z]! }).offset,
    nextOccurrence: (day, start, duration, z, nowMs) => luxonNext(day, start, duration, zones[z]!, nowMs),
    occurrencesBetween: (day, start, duration, z, from, to) =>
      luxonOccurrences(day, start, duration, zones[z]!, from, to).map((o) => o.startMs),
    searcher: luxonSearcher,
  };
}
