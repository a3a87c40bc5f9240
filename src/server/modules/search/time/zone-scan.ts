import { DAY_MS } from './units.js';

/** A zone's UTC offset at an instant, in minutes east of UTC. */
export type OffsetReader = (utcMs: number) => number;

/** Offset segments of one zone: `offsets[i]` is in effect from `starts[i]` until the next start. */
export interface Segments {
  starts: number[];
  offsets: number[];
}

/**
 * Sampling step of the scan. Two offset changes inside one step that cancel out (A → B → A) would be missed;
 * no zone has kept an offset for less than a day in modern times (the shortest periods are Ramadan suspensions
 * of DST, about four weeks), so a day is safe, and it costs about a thousand Intl calls per zone for three years.
 */
const STEP_MS = DAY_MS;

/**
 * Builds the offset reader of an IANA zone on Intl's "longOffset" name ("GMT+05:45"): one `format` call is about
 * six times cheaper than `formatToParts`, which luxon uses, and reads the same ICU data, so the results agree.
 * Throws a RangeError for an unknown zone, as Intl does.
 */
export function createOffsetReader(zone: string): OffsetReader {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', year: 'numeric' });
  return (utcMs) => parseGmtOffset(format.format(utcMs));
}

/** Minutes east of UTC in text ending with "GMT", "GMT+5:45" or "GMT-04:56:02" (seconds round to a minute). */
export function parseGmtOffset(text: string): number {
  const at = text.lastIndexOf('GMT');
  const match = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(text.slice(at));
  if (at < 0 || !match) throw new RangeError(`Unreadable UTC offset: ${text}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0) + Number(match[4] ?? 0) / 60;
  return Math.round(match[1] === '-' ? -minutes : minutes);
}

/**
 * Moves `t` (whole minutes) by days in `direction` until no offset change lies within a day either side, so a
 * table bounded there never splits a DST gap or overlap: lookups near its edges need nothing beyond it.
 */
export function quietBoundary(read: OffsetReader, t: number, direction: 1 | -1): number {
  let at = Math.floor(t / 60_000) * 60_000;
  for (let i = 0; i < 10 && read(at - DAY_MS) !== read(at + DAY_MS); i++) at += direction * DAY_MS;
  return at;
}

/**
 * The offset segments of [fromMs, toMs): the offset at `fromMs`, then every change found by sampling each
 * STEP_MS and bisecting a changed step down to the second (tzdb transitions fall on whole seconds).
 */
export function scanSegments(read: OffsetReader, fromMs: number, toMs: number): Segments {
  let t = Math.floor(fromMs / 1000) * 1000;
  let offset = read(t);
  const segments: Segments = { starts: [fromMs], offsets: [offset] };
  while (t < toMs) {
    const next = Math.min(t + STEP_MS, toMs);
    if (read(next) === offset) {
      t = next;
      continue;
    }
    let lo = t;
    let hi = Math.ceil(next / 1000) * 1000;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (read(mid) === offset) lo = mid;
      else hi = mid;
    }
    if (hi >= toMs) break;
    offset = read(hi);
    segments.starts.push(hi);
    segments.offsets.push(offset);
    t = hi;
  }
  return segments;
}

/** Joins consecutive segment lists, dropping starts that do not change the offset (the old edges). */
export function joinSegments(parts: readonly Segments[]): Segments {
  const joined: Segments = { starts: [], offsets: [] };
  for (const part of parts) {
    part.starts.forEach((start, i) => {
      const offset = part.offsets[i]!;
      if (joined.offsets.length > 0 && joined.offsets[joined.offsets.length - 1] === offset) return;
      joined.starts.push(start);
      joined.offsets.push(offset);
    });
  }
  return joined;
}
