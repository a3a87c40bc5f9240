import { DateTime } from 'luxon';
import type { Occurrence } from './occurrences.js';

// Brute-force answers computed with luxon, the oracle of this folder's tests. Slow on purpose (luxon objects per
// day); nothing at runtime imports this file.

/** Zones for the property tests: DST both hemispheres, half- and quarter-hour offsets, midnight changes. */
export const TEST_ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/St_Johns',
  'America/Halifax',
  'America/Havana',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/Asuncion',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'Europe/Moscow',
  'Africa/Casablanca',
  'Africa/Cairo',
  'Asia/Beirut',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Pacific/Kiritimati',
] as const;

/**
 * Instant of a wall-clock time per luxon. A time in a fall-back overlap takes the earlier of
 * `getPossibleOffsets()`: `fromObject` alone picks by the zone's offset on the day the test runs.
 */
export function luxonWallTime(zone: string, year: number, month: number, day: number, minuteOfDay: number): number {
  const hour = Math.floor(minuteOfDay / 60);
  const dt = DateTime.fromObject({ year, month, day, hour, minute: minuteOfDay % 60 }, { zone });
  if (!dt.isValid) throw new Error(`luxon: ${dt.invalidExplanation}`);
  return Math.min(...dt.getPossibleOffsets().map((d) => d.toMillis()));
}

/** Every occurrence start of a weekly slot on the calendar days `fromDays`…`toDays` around `nowMs`'s local date. */
function luxonStarts(zone: string, day: number, start: number, nowMs: number, fromDays: number, toDays: number): number[] {
  const local = DateTime.fromMillis(nowMs, { zone });
  const date = DateTime.utc(local.year, local.month, local.day);
  const starts: number[] = [];
  for (let i = fromDays; i <= toDays; i++) {
    const d = date.plus({ days: i });
    if (d.weekday % 7 === day) starts.push(luxonWallTime(zone, d.year, d.month, d.day, start));
  }
  return starts.sort((a, b) => a - b);
}

/** The occurrence in progress at `nowMs`, else the next, by walking days from now − 8 to now + 8. */
export function luxonNextOccurrence(zone: string, day: number, start: number, duration: number, nowMs: number): Occurrence {
  for (const startMs of luxonStarts(zone, day, start, nowMs, -8, 8)) {
    const endMs = DateTime.fromMillis(startMs).plus({ minutes: duration }).toMillis();
    if (endMs > nowMs) return { startMs, endMs };
  }
  throw new Error('no occurrence within 8 days');
}

/** Occurrence starts in [fromMs, toMs) (a range of at most a few weeks), walking the meeting zone's days. */
export function luxonOccurrencesBetween(zone: string, day: number, start: number, fromMs: number, toMs: number): number[] {
  const days = Math.ceil((toMs - fromMs) / 86_400_000) + 2;
  return luxonStarts(zone, day, start, fromMs, -2, days).filter((t) => t >= fromMs && t < toMs);
}

/** Searcher's today as instants per luxon: local midnight of the date of `nowMs`, and of the next date. */
export function luxonToday(zone: string, nowMs: number): { startMs: number; endMs: number } {
  const local = DateTime.fromMillis(nowMs, { zone });
  const next = DateTime.utc(local.year, local.month, local.day).plus({ days: 1 });
  return {
    startMs: luxonWallTime(zone, local.year, local.month, local.day, 0),
    endMs: luxonWallTime(zone, next.year, next.month, next.day, 0),
  };
}

/** Weekday (0 = Sunday) and minute of the day of an instant in a zone, per luxon. */
export function luxonDayAndMinute(zone: string, utcMs: number): { day: number; minute: number } {
  const dt = DateTime.fromMillis(utcMs, { zone });
  return { day: dt.weekday % 7, minute: dt.hour * 60 + dt.minute };
}
