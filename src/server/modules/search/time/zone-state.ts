import { type OffsetReader, type Segments } from './zone-scan.js';
import { MINUTE_MS } from './units.js';

/**
 * The precomputed offsets of one zone over a covered window, in typed arrays so lookups are arithmetic on
 * numbers. Segment `i` runs from `utcStart[i]` to `utcStart[i + 1]` at `offsetsMin[i]`; the last entry of
 * `utcStart` is the end of the window. The window's edges are "quiet" (no offset change within a day), so a
 * lookup inside it never needs anything outside it.
 */
export class ZoneState {
  /** Number of segments; 0 until the first lookup builds the table. */
  n = 0;
  /** Segment starts as instants, plus the window end; starts at +Infinity so an empty table misses every check. */
  utcStart = new Float64Array([Infinity, -Infinity]);
  offsetsMin = new Int16Array(1);
  /** Segment starts as wall-clock times (instant + offset), plus the window end; increasing, like utcStart. */
  localStart = new Float64Array([Infinity, -Infinity]);
  /**
   * Wall-clock times below which segment i's wall clock repeats the previous segment's (a fall-back overlap);
   * -Infinity where there is no overlap to test.
   */
  overlapEnd = new Float64Array(1);
  /** Index of the segment of the last lookup: most lookups of a query hit the same segment again. */
  utcCursor = 0;
  localCursor = 0;

  constructor(
    readonly name: string,
    readonly read: OffsetReader,
  ) {}

  /** The segments as plain lists, for extending the window. */
  segments(): Segments {
    return { starts: Array.from(this.utcStart.subarray(0, this.n)), offsets: Array.from(this.offsetsMin) };
  }

  /** Replaces the table with `segments` covering [segments.starts[0], endMs). */
  load(segments: Segments, endMs: number): void {
    const n = segments.starts.length;
    this.utcStart = new Float64Array(n + 1);
    this.utcStart.set(segments.starts);
    this.utcStart[n] = endMs;
    this.offsetsMin = Int16Array.from(segments.offsets);
    this.localStart = new Float64Array(n + 1);
    this.overlapEnd = new Float64Array(n);
    for (let i = 0; i <= n; i++) {
      const offset = this.offsetsMin[Math.min(i, n - 1)]! * MINUTE_MS;
      this.localStart[i] = this.utcStart[i]! + offset;
      if (i < n) this.overlapEnd[i] = i === 0 ? -Infinity : this.utcStart[i]! + this.offsetsMin[i - 1]! * MINUTE_MS;
    }
    this.n = n;
    this.utcCursor = 0;
    this.localCursor = 0;
  }
}
