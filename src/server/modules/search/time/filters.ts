import { nextOccurrenceStart, type WeeklySlot } from './occurrences.js';
import type { ZoneTable } from './zone-table.js';
import { MINUTE_MS } from './units.js';

/** "Happening now": an occurrence has started at or before `nowMs` and not yet ended. */
export function isHappeningNow(zones: ZoneTable, slot: WeeklySlot, nowMs: number): boolean {
  return nextOccurrenceStart(zones, slot.zoneId, slot.day, slot.start, slot.duration, nowMs) <= nowMs;
}

/**
 * Start of the first occurrence starting at or after `nowMs`. Unlike nextOccurrenceStart, an occurrence already
 * in progress is skipped, so "starting soon" never lists a meeting that is running.
 */
export function nextStartAtOrAfter(zones: ZoneTable, slot: WeeklySlot, nowMs: number): number {
  const { zoneId, day, start, duration } = slot;
  const first = nextOccurrenceStart(zones, zoneId, day, start, duration, nowMs);
  if (first >= nowMs) return first;
  // In progress: the next one is the first occurrence still running at the moment this one ends.
  return nextOccurrenceStart(zones, zoneId, day, start, duration, first + duration * MINUTE_MS);
}

/** "Starting within N minutes": the next start lies in [nowMs, nowMs + minutes × 60,000]. */
export function startsWithin(zones: ZoneTable, slot: WeeklySlot, nowMs: number, minutes: number): boolean {
  return nextStartAtOrAfter(zones, slot, nowMs) <= nowMs + minutes * MINUTE_MS;
}
