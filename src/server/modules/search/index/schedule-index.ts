import type { MeetingStore } from './meeting-store.js';
import type { SlotBuffer } from './slot-buffer.js';
import { MINUTE_MS, WEEK_MIN, weekMinuteOf } from '../time/units.js';

interface ZoneEntries {
  /** Wall-clock minute of the week of each weekly start, sorted. */
  weekMinutes: Int32Array;
  slots: Int32Array;
}

/**
 * Weekly starts grouped by the meeting's zone and sorted by wall-clock minute
 * of the week: "what starts between these two instants?" becomes, per zone,
 * a binary search over a range of week-minutes — no scan of every meeting for
 * "starting soon" or "happening now" searches. Offsets are taken at both ends
 * of the window and widened by an hour, so a clock change inside it loses
 * nothing; callers check each candidate exactly. Rebuilt lazily after changes.
 */
export class ScheduleIndex {
  private zones: (ZoneEntries | undefined)[] = [];
  private builtVersion = -1;
  /** Longest meeting, in minutes: how far back "happening now" must look. */
  maxDuration = 0;

  /** @param include which meetings this index holds (all by default; the engine keeps one of online meetings too) */
  constructor(
    private readonly store: MeetingStore,
    private readonly include: (slot: number) => boolean = () => true,
  ) {}

  /**
   * Appends to `out` each meeting with a weekly start (on its own wall clock) that may fall in [fromMs, toMs],
   * once per search: slots whose mark is already `stamp` are skipped, and those appended are marked.
   * @param offsetOf UTC offset in minutes of a store zone id at an instant
   */
  collectStartingBetween(
    fromMs: number,
    toMs: number,
    offsetOf: (storeZone: number, utcMs: number) => number,
    out: SlotBuffer,
    marks: Uint32Array,
    stamp: number,
  ): void {
    this.build();
    const fromMin = Math.floor(fromMs / MINUTE_MS);
    const toMin = Math.floor(toMs / MINUTE_MS);
    for (let zone = 0; zone < this.zones.length; zone++) {
      const entries = this.zones[zone];
      if (!entries) continue;
      const a = offsetOf(zone, fromMs);
      const b = offsetOf(zone, toMs);
      const lo = fromMin + Math.min(a, b) - 60;
      const hi = toMin + Math.max(a, b) + 60;
      if (hi - lo >= WEEK_MIN - 1) {
        collectRange(entries, 0, entries.slots.length, out, marks, stamp);
        continue;
      }
      const start = weekMinuteOf(lo);
      const end = weekMinuteOf(hi);
      if (start <= end) collectRange(entries, lowerBound(entries.weekMinutes, start), lowerBound(entries.weekMinutes, end + 1), out, marks, stamp);
      else {
        collectRange(entries, lowerBound(entries.weekMinutes, start), entries.slots.length, out, marks, stamp);
        collectRange(entries, 0, lowerBound(entries.weekMinutes, end + 1), out, marks, stamp);
      }
    }
  }

  /** Longest meeting held, in minutes (builds the index if it is stale). */
  longest(): number {
    this.build();
    return this.maxDuration;
  }

  private build(): void {
    const s = this.store;
    if (this.builtVersion === s.version) return;
    const counts: number[] = [];
    let maxDuration = 0;
    for (let slot = 0; slot < s.length; slot++) {
      if (!s.alive[slot] || s.start[slot]! < 0 || !this.include(slot)) continue;
      const z = s.zone[slot]!;
      counts[z] = (counts[z] ?? 0) + popcount(s.days[slot]!);
      maxDuration = Math.max(maxDuration, s.duration[slot]!);
    }
    const zones: (ZoneEntries | undefined)[] = counts.map((n) =>
      n ? { weekMinutes: new Int32Array(n), slots: new Int32Array(n) } : undefined,
    );
    const fill = new Array<number>(counts.length).fill(0);
    for (let slot = 0; slot < s.length; slot++) {
      if (!s.alive[slot] || s.start[slot]! < 0 || !this.include(slot)) continue;
      const z = s.zone[slot]!;
      const entries = zones[z]!;
      for (let d = 0; d < 7; d++) {
        if (!(s.days[slot]! & (1 << d))) continue;
        const i = fill[z]!++;
        entries.weekMinutes[i] = d * 1440 + s.start[slot]!;
        entries.slots[i] = slot;
      }
    }
    for (const entries of zones) if (entries) sortTogether(entries);
    this.zones = zones;
    this.maxDuration = maxDuration;
    this.builtVersion = s.version;
  }
}

/** First index whose week-minute is ≥ `minute`. */
function lowerBound(wm: Int32Array, minute: number): number {
  let lo = 0;
  let hi = wm.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (wm[mid]! < minute) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function collectRange(e: ZoneEntries, from: number, to: number, out: SlotBuffer, marks: Uint32Array, stamp: number): void {
  const slots = e.slots;
  for (let i = from; i < to; i++) {
    const slot = slots[i]!;
    if (marks[slot] === stamp) continue;
    marks[slot] = stamp;
    out.push(slot);
  }
}

function popcount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}

/** Sorts week-minutes, carrying the slots along (an index sort; zones hold at most a few hundred thousand). */
function sortTogether(e: ZoneEntries): void {
  const order = Array.from(e.weekMinutes.keys()).sort(
    (x, y) => e.weekMinutes[x]! - e.weekMinutes[y]! || e.slots[x]! - e.slots[y]!,
  );
  const wm = Int32Array.from(order, (i) => e.weekMinutes[i]!);
  const slots = Int32Array.from(order, (i) => e.slots[i]!);
  e.weekMinutes.set(wm);
  e.slots.set(slots);
}
