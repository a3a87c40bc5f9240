import { createOffsetReader, joinSegments, quietBoundary, scanSegments, type Segments } from './zone-scan.js';
import { ZoneState } from './zone-state.js';
import { DAY_MS, MINUTE_MS } from './units.js';

const YEAR_MS = 365 * DAY_MS;
/** Instants beyond this are outside what Date (and so Intl) can represent, with room for a window around them. */
const MAX_ABS_MS = 8e15;

/**
 * IANA zones interned to small integer ids, each with its UTC offsets precomputed (lazily, with Intl) over a
 * window from a year before the first instant it is asked about to two years after, widened whenever a lookup
 * falls outside. Lookups are then a cached-segment check or a binary search: no Intl or luxon call per meeting.
 *
 * One table per process (or per search index) is enough; it holds no global state, so tests can build many.
 */
export class ZoneTable {
  private readonly ids = new Map<string, number>();
  private readonly states: ZoneState[] = [];

  /**
   * The id of an IANA zone name, interning it on first sight. Cheap: the offset table is built on the first
   * lookup. Throws a RangeError for a name Intl does not know.
   */
  zoneId(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      const state = new ZoneState(name, createOffsetReader(name));
      id = this.states.push(state) - 1;
      this.ids.set(name, id);
    }
    return id;
  }

  /** The name a zone id was interned from. */
  zoneName(zoneId: number): string {
    return this.state(zoneId).name;
  }

  /** Number of interned zones. */
  get size(): number {
    return this.states.length;
  }

  /**
   * Builds the tables of every interned zone around `nowMs` ahead of time, so the first search after an index
   * load does not pay about a millisecond per zone.
   */
  warm(nowMs: number): void {
    for (const state of this.states) this.cover(state, nowMs, nowMs);
  }

  /** UTC offset in minutes east of UTC (New York in winter: -300) in effect at an instant. */
  offsetAt(zoneId: number, utcMs: number): number {
    const z = this.states[zoneId]!;
    const c = z.utcCursor;
    if (utcMs >= z.utcStart[c]! && utcMs < z.utcStart[c + 1]!) return z.offsetsMin[c]!;
    const seeked = this.seekUtc(z, utcMs); // before reading z.offsetsMin: seeking may rebuild the arrays
    return z.offsetsMin[seeked]!;
  }

  /**
   * The instant of a wall-clock time, given as milliseconds since the epoch of that wall clock read as if it were
   * UTC (`Date.UTC(y, m, d, h, min)`). A wall time skipped by a spring-forward gap moves forward by the gap
   * (02:30 → 03:30 EDT), as luxon does. An ambiguous wall time in a fall-back overlap takes the EARLIER instant,
   * the first time the clock shows it (01:30 EDT, not 01:30 EST): a meeting at "01:30" starts when the wall clock
   * first reads 01:30. (luxon's `fromObject` picks either one depending on the zone's offset at the current date;
   * its `getPossibleOffsets()` lists both, and this is the earlier.)
   */
  localToUtc(zoneId: number, localMs: number): number {
    const z = this.states[zoneId]!;
    let c = z.localCursor;
    if (!(localMs >= z.localStart[c]! && localMs < z.localStart[c + 1]!)) c = this.seekLocal(z, localMs);
    // Segment c is the last one whose wall clock has reached localMs; if the previous one's had not yet passed
    // it when the clock went back, the time is ambiguous and the previous (earlier) reading wins. In a gap,
    // c is the segment before the jump, and localMs - its offset lands just after the jump: moved forward.
    if (localMs < z.overlapEnd[c]!) return localMs - z.offsetsMin[c - 1]! * MINUTE_MS;
    return localMs - z.offsetsMin[c]! * MINUTE_MS;
  }

  /** Instants at which the zone's offset changes within [fromMs, toMs), for tests and diagnostics. */
  transitionsBetween(zoneId: number, fromMs: number, toMs: number): number[] {
    const z = this.state(zoneId);
    this.cover(z, fromMs, toMs);
    return Array.from(z.utcStart.subarray(1, z.n)).filter((t) => t >= fromMs && t < toMs);
  }

  private state(zoneId: number): ZoneState {
    const state = this.states[zoneId];
    if (!state) throw new RangeError(`Unknown zone id ${zoneId}`);
    return state;
  }

  private seekUtc(z: ZoneState, utcMs: number): number {
    this.cover(z, utcMs, utcMs);
    z.utcCursor = lastAtOrBelow(z.utcStart, z.n, utcMs);
    return z.utcCursor;
  }

  private seekLocal(z: ZoneState, localMs: number): number {
    // Offsets stay within ±14 h, so the instant of a wall time lies within a day of it.
    this.cover(z, localMs - DAY_MS, localMs + DAY_MS);
    z.localCursor = lastAtOrBelow(z.localStart, z.n, localMs);
    return z.localCursor;
  }

  /** Makes sure the window covers [loMs, hiMs], widening it by a year before or two years after. */
  private cover(z: ZoneState, loMs: number, hiMs: number): void {
    if (!(Math.abs(loMs) < MAX_ABS_MS && Math.abs(hiMs) < MAX_ABS_MS)) {
      throw new RangeError(`Instant out of range for time zone lookups: ${loMs}`);
    }
    const from = z.utcStart[0]!;
    const to = z.utcStart[z.n]!;
    if (z.n > 0 && loMs >= from && hiMs < to) return;
    if (z.n === 0) {
      const start = quietBoundary(z.read, loMs - YEAR_MS, -1);
      const end = quietBoundary(z.read, hiMs + 2 * YEAR_MS, 1);
      z.load(scanSegments(z.read, start, end), end);
      return;
    }
    const parts: Segments[] = [];
    const start = loMs < from ? quietBoundary(z.read, loMs - YEAR_MS, -1) : from;
    const end = hiMs >= to ? quietBoundary(z.read, hiMs + 2 * YEAR_MS, 1) : to;
    if (start < from) parts.push(scanSegments(z.read, start, from));
    parts.push(z.segments());
    if (end > to) parts.push(scanSegments(z.read, to, end));
    z.load(joinSegments(parts), end);
  }
}

/** Binary search: the last index i < n with sorted[i] <= value (sorted[0] <= value is guaranteed by cover). */
function lastAtOrBelow(sorted: Float64Array, n: number, value: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
