import { DateTime, type Zone } from 'luxon';

/** One STANDARD or DAYLIGHT sub-component of a VTIMEZONE (RFC 5545 §3.6.5). */
export interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  /**
   * Onset as a local date-time, `yyyyMMddTHHmmss`. RFC 5545 §3.6.5 reads DTSTART here in the offset in effect
   * *before* the onset (TZOFFSETFROM), so a spring-forward in New York starts at 02:00, not 03:00.
   */
  onset: string;
  /** Seconds east of UTC; seconds matter for historic local mean time, e.g. New York's -4:56:02 before 1883. */
  offsetFrom: number;
  offsetTo: number;
  name: string;
}

const SECOND = 1000;
const DAY = 86_400_000;
const YEAR = 366 * DAY;
/** IANA names are letters, digits, `/`, `_`, `-` and `+`: nothing that would need quoting in a TZID parameter. */
const ZONE_NAME = /^[A-Za-z0-9/_+-]+$/;

/**
 * Resolves a zone name with luxon and refuses anything that is not a real zone: luxon would otherwise map `local`
 * or `system` to the server's own zone, and the output would depend on where it was generated.
 */
export function resolveZone(name: string): Zone {
  const zone = DateTime.fromMillis(0, { zone: name }).zone;
  if (!ZONE_NAME.test(name) || !zone.isValid || zone.type === 'system') {
    throw new RangeError(`Unknown time zone: ${JSON.stringify(name)}`);
  }
  return zone;
}

/**
 * The observances of `zoneName` from January 1st of the year before `now` to January 1st four years after it (local
 * time in the zone), read from the IANA data that luxon reaches through `Intl`.
 *
 * The first observance anchors the offset in effect at the start of the window (offset from = offset to): without
 * it a client has no rule for times before the first transition (ical.js, for one, falls back to UTC), and a zone
 * without DST needs exactly this one STANDARD component. Each transition then gets its own sub-component with a
 * plain DTSTART, which every client understands, rather than an RRULE we would have to infer.
 */
export function zoneObservances(zoneName: string, now: Date): Observance[] {
  const zone = resolveZone(zoneName);
  // Whole local years keep the anchor's DTSTART readable (midnight, January 1st).
  const { year } = DateTime.fromJSDate(now, { zone });
  const from = DateTime.fromObject({ year: year - 1, month: 1, day: 1 }, { zone }).toMillis();
  const to = DateTime.fromObject({ year: year + 4, month: 1, day: 1 }, { zone }).toMillis();
  // Scanning a year past the window lets the last transitions be classified too (see `isDaylight`).
  const transitions = findTransitions(zone, from, to + YEAR);
  const startOffset = offsetSeconds(zone, from);
  const anchor: Transition = { at: from, offsetFrom: startOffset, offsetTo: startOffset };
  return [anchor, ...transitions.filter((t) => t.at < to)].map((t) => {
    const next = transitions.find((later) => later.at > t.at);
    return observance(zone, t, isDaylight(t, next));
  });
}

/**
 * `Intl` has no DST flag, so we infer it: a period is daylight time when the next change, within a year, brings the
 * offset back down. That holds in both hemispheres, and treats permanent changes (Kathmandu moving to +05:45 in
 * 1986, Monrovia to GMT in 1972) as the standard time they became. TZNAME and the offsets stay exact either way.
 */
function isDaylight(period: Transition, next: Transition | undefined): boolean {
  return next !== undefined && next.at - period.at <= YEAR && next.offsetTo < period.offsetTo;
}

export interface Transition {
  /** First instant (epoch ms) of the new offset. */
  at: number;
  offsetFrom: number;
  offsetTo: number;
}

/**
 * Scans the offset a day at a time and bisects each change down to the second (the resolution of `Intl`, which
 * historic offsets use). Two changes within one day that cancel each other out would be missed, which we accept:
 * the offset at every scanned instant is still right.
 */
export function findTransitions(zone: Zone, from: number, to: number): Transition[] {
  const transitions: Transition[] = [];
  let t = Math.floor(from / SECOND) * SECOND;
  let offset = offsetSeconds(zone, t);
  while (t < to) {
    const next = Math.min(t + DAY, to);
    if (offsetSeconds(zone, next) === offset) {
      t = next;
      continue;
    }
    // Invariant: the offset at `lo` is still the old one, at `hi` it is not.
    let lo = t;
    let hi = next;
    while (hi - lo > SECOND) {
      const mid = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
      if (offsetSeconds(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    const offsetTo = offsetSeconds(zone, hi);
    transitions.push({ at: hi, offsetFrom: offset, offsetTo });
    // Continue from the change itself, so a second change later the same day is still found.
    t = hi;
    offset = offsetTo;
  }
  return transitions;
}

function offsetSeconds(zone: Zone, ts: number): number {
  return Math.round(zone.offset(ts) * 60);
}

function observance(zone: Zone, t: Transition, daylight: boolean): Observance {
  const onset = DateTime.fromMillis(t.at + t.offsetFrom * SECOND, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss");
  return {
    kind: daylight ? 'DAYLIGHT' : 'STANDARD',
    onset,
    offsetFrom: t.offsetFrom,
    offsetTo: t.offsetTo,
    name: zoneAbbreviation(zone, t.at, t.offsetTo),
  };
}

/**
 * `Intl` in en-US knows abbreviations such as EST or GMT; elsewhere it answers `GMT+11`, which we turn into the
 * numeric form the IANA data itself uses for zones without an abbreviation (`+11`, `+0530`).
 */
function zoneAbbreviation(zone: Zone, at: number, offset: number): string {
  const name = zone.offsetName(at, { format: 'short', locale: 'en-US' });
  if (name && /^[A-Za-z]+$/.test(name)) return name;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = pad(Math.floor(abs / 3600));
  const mm = Math.floor(abs / 60) % 60;
  const ss = abs % 60;
  return sign + hh + (mm || ss ? pad(mm) : '') + (ss ? pad(ss) : '');
}

/** UTC offset value (RFC 5545 §3.3.14): `±hhmm[ss]`, never `-0000`, which the RFC forbids. */
export function formatUtcOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const ss = abs % 60;
  return sign + pad(Math.floor(abs / 3600)) + pad(Math.floor(abs / 60) % 60) + (ss ? pad(ss) : '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
