import { DateTime, FixedOffsetZone } from 'luxon';

/** What decides when a live meeting happens (a `live_meetings` row's schedule). */
export interface Schedule {
  recurrence: 'weekly' | 'once';
  /** 0 = Sunday … 6 = Saturday (Meeting Guide); ignored for a one-off meeting. */
  weekday: number | null;
  /** Local wall-clock time in the group's zone, HH:MM. */
  start_time: string;
  /** YYYY-MM-DD: the one-off date, or the first date a weekly meeting may fall on. */
  starts_on: string;
  duration_minutes: number;
}

export interface Occurrence {
  /** UTC instants. */
  start: DateTime;
  end: DateTime;
}

/**
 * The instant a local wall-clock time names in `zone` on a local date (docs/groups.md "Live meetings"):
 * - a time that does not exist (the hour skipped when clocks spring forward) moves forward by the length of the
 *   gap: 02:30 on a New York spring-forward day is 03:30 EDT, so the meeting still happens that day;
 * - a time that exists twice (clocks fall back) is the first of the two: 01:30 on a New York fall-back day is
 *   01:30 EDT, the earlier instant, so nobody arrives an hour after the meeting began.
 */
export function localInstant(date: string, hhmm: string, zone: string): DateTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  // Luxon moves a time in a DST gap forward by the gap; that is the rule we want there.
  const guess = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  // Whichever offsets are in force around that time; a wall time may match under both (fall back).
  const offsets = new Set([guess.minus({ hours: 3 }).offset, guess.offset, guess.plus({ hours: 3 }).offset]);
  let first: DateTime | null = null;
  for (const offset of offsets) {
    const fixed = DateTime.fromObject({ year, month, day, hour, minute }, { zone: FixedOffsetZone.instance(offset) });
    const back = fixed.setZone(zone);
    if (back.hour !== hour || back.minute !== minute || back.day !== day) continue;
    if (!first || fixed.toMillis() < first.toMillis()) first = fixed;
  }
  return (first ?? guess).toUTC();
}

/** Meeting Guide's weekday (0 = Sunday) of a local date. */
const mgWeekday = (d: DateTime) => d.weekday % 7;

/**
 * The next `count` occurrences of a schedule that have not ended by `from`: an occurrence under way counts (people
 * may still join it). A one-off meeting in the past has none. Weekly meetings keep their local time across DST.
 */
export function nextOccurrences(s: Schedule, zone: string, from: Date, count: number): Occurrence[] {
  const fromMs = from.getTime();
  const make = (date: string): Occurrence => {
    const start = localInstant(date, s.start_time, zone);
    return { start, end: start.plus({ minutes: s.duration_minutes }) };
  };
  if (s.recurrence === 'once') {
    const o = make(s.starts_on);
    return count > 0 && o.end.toMillis() > fromMs ? [o] : [];
  }
  const firstDate = DateTime.fromISO(s.starts_on, { zone: 'utc' });
  // Start a day before `from`'s local date: an occurrence that began yesterday (late evening) may still be running.
  const fromLocal = DateTime.fromJSDate(from, { zone }).startOf('day').setZone('utc', { keepLocalTime: true }).minus({ days: 1 });
  let day = fromLocal > firstDate ? fromLocal : firstDate;
  day = day.plus({ days: ((s.weekday ?? 0) - mgWeekday(day) + 7) % 7 });
  const out: Occurrence[] = [];
  while (out.length < count) {
    const o = make(day.toISODate()!);
    if (o.end.toMillis() > fromMs) out.push(o);
    day = day.plus({ days: 7 });
  }
  return out;
}

/** The occurrence running at `now` (started, not ended), if any. */
export function currentOccurrence(s: Schedule, zone: string, now: Date): Occurrence | undefined {
  const [next] = nextOccurrences(s, zone, now, 1);
  return next && next.start.toMillis() <= now.getTime() ? next : undefined;
}

/** The local date (YYYY-MM-DD) of an instant in a zone: what a proof of attendance states. */
export function localDate(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISODate()!;
}

/** An occurrence as the API lists it: UTC instants and the local wall time with its offset. */
export function presentOccurrence(o: Occurrence, zone: string) {
  const local = (d: DateTime) => d.setZone(zone).toISO({ suppressMilliseconds: true })!;
  return { starts_at: o.start.toISO()!, ends_at: o.end.toISO()!, local_start: local(o.start), local_end: local(o.end) };
}
