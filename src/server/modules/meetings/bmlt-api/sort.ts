import { MEETING_FIELD_NAMES, NUMERIC_FIELDS, fieldValue, type MeetingDay, type PresentContext } from './meeting-fields.js';

const KNOWN = new Set(MEETING_FIELD_NAMES);
const collator = new Intl.Collator('en', { sensitivity: 'base' });

type Key = number | string | null;

function keyOf(d: MeetingDay, field: string, ctx: PresentContext): Key {
  const value = fieldValue(d, field, ctx);
  if (value === '') return null;
  return NUMERIC_FIELDS.has(field) ? Number(value) : value;
}

function compareKeys(a: Key, b: Key): number {
  // Empty values go last, as a BMLT server sorts them.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Sorts meeting-days by the given fields (unknown names are ignored, as BMLT
 * ignores keys it has no data for), then by id so pages never overlap. Keys
 * are computed once per meeting-day, not once per comparison.
 */
export function sortMeetingDays(days: MeetingDay[], fields: string[], ctx: PresentContext): MeetingDay[] {
  const used = fields.filter((f) => KNOWN.has(f));
  const keyed = days.map((d) => ({ d, keys: used.map((f) => keyOf(d, f, ctx)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < used.length; i++) {
      const c = compareKeys(x.keys[i]!, y.keys[i]!);
      if (c !== 0) return c;
    }
    return x.d.id - y.d.id;
  });
  return keyed.map((k) => k.d);
}

/** Nearest first; meetings without coordinates last. */
export function sortByDistance(days: MeetingDay[]): MeetingDay[] {
  return [...days].sort((a, b) => compareKeys(a.distanceKm ?? null, b.distanceKm ?? null) || a.id - b.id);
}
