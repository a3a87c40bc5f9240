import type { MeetingStore } from './meeting-store.js';
import type { SlotBuffer } from './slot-buffer.js';
import { RECORD_WORDS, type HotRecords } from './hot-records.js';

/** Slots are below this; see build(). */
const SLOT_SPAN = 2 ** 24;
import { MINUTE_MS, WEEK_MIN, weekMinuteOf } from '../time/units.js';

/** One zone's weekly starts, sorted by wall-clock minute of the week. */
export interface ZoneEntries {
  weekMinutes: Int32Array;
  slots: Int32Array;
  /** A copy of each entry's meeting record (index/hot-records.ts), in entry order: a window reads front to back. */
  records: Int32Array;
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

  /**
   * @param hot the store's packed records, copied into the entries
   * @param include which meetings this index holds (all by default; the engine keeps one of online meetings too)
   */
  constructor(
    private readonly store: MeetingStore,
    private readonly hot: HotRecords,
    private readonly include: (slot: number) => boolean = () => true,
  ) {}

  /**
   * Calls `visit` with each run of entries [from, to) of a zone whose weekly start (on the zone's wall clock) may
   * fall in [fromMs, toMs]; a meeting may be in several runs (one per weekday it meets).
   * @param offsetOf UTC offset in minutes of a store zone id at an instant
   */
  eachRunBetween(
    fromMs: number,
    toMs: number,
    offsetOf: (storeZone: number, utcMs: number) => number,
    visit: (entries: ZoneEntries, from: number, to: number) => void,
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
      const n = entries.slots.length;
      if (hi - lo >= WEEK_MIN - 1) {
        visit(entries, 0, n);
        continue;
      }
      const start = lowerBound(entries.weekMinutes, weekMinuteOf(lo));
      const end = lowerBound(entries.weekMinutes, weekMinuteOf(hi) + 1);
      if (weekMinuteOf(lo) <= weekMinuteOf(hi)) visit(entries, start, end);
      else {
        visit(entries, start, n);
        visit(entries, 0, end);
      }
    }
  }

  /** Calls `visit` with every zone's entries, whole. */
  eachRun(visit: (entries: ZoneEntries, from: number, to: number) => void): void {
    this.build();
    for (const entries of this.zones) if (entries) visit(entries, 0, entries.slots.length);
  }

  /** Appends each meeting eachRunBetween() finds to `out`, once: slots in `seen` (a SlotSet's words) are skipped, appended ones added. */
  collectStartingBetween(
    fromMs: number,
    toMs: number,
    offsetOf: (storeZone: number, utcMs: number) => number,
    out: SlotBuffer,
    seen: Int32Array,
  ): void {
    this.eachRunBetween(fromMs, toMs, offsetOf, (entries, from, to) => {
      const slots = entries.slots;
      for (let i = from; i < to; i++) {
        const slot = slots[i]!;
        const bit = 1 << (slot & 31);
        if ((seen[slot >> 5]! & bit) !== 0) continue;
        seen[slot >> 5]! |= bit;
        out.push(slot);
      }
    });
  }

  /** Longest meeting held, in minutes (builds the index if it is stale). */
  longest(): number {
    this.build();
    return this.maxDuration;
  }

  private build(): void {
    const s = this.store;
    if (this.builtVersion === s.version) return;
    const hot = this.hot.current();
    const counts: number[] = [];
    let maxDuration = 0;
    for (let slot = 0; slot < s.length; slot++) {
      if (!s.alive[slot] || s.start[slot]! < 0 || !this.include(slot)) continue;
      const z = s.zone[slot]!;
      counts[z] = (counts[z] ?? 0) + popcount(s.days[slot]!);
      maxDuration = Math.max(maxDuration, s.duration[slot]!);
    }
    // Entries are sorted by one number each: week-minute × 2^24 + slot (slots stay below 16 million), which a
    // Float64Array sorts natively, far faster than an index sort with a comparator.
    const keys = counts.map((n) => (n ? new Float64Array(n) : null));
    const fill = new Array<number>(counts.length).fill(0);
    for (let slot = 0; slot < s.length; slot++) {
      if (!s.alive[slot] || s.start[slot]! < 0 || !this.include(slot)) continue;
      const z = s.zone[slot]!;
      const k = keys[z]!;
      for (let d = 0; d < 7; d++) if (s.days[slot]! & (1 << d)) k[fill[z]!++] = (d * 1440 + s.start[slot]!) * SLOT_SPAN + slot;
    }
    this.zones = keys.map((k) => {
      if (!k) return undefined;
      k.sort();
      const n = k.length;
      const entries: ZoneEntries = {
        weekMinutes: new Int32Array(n),
        slots: new Int32Array(n),
        records: new Int32Array(n * RECORD_WORDS),
      };
      for (let i = 0; i < n; i++) {
        const slot = k[i]! % SLOT_SPAN;
        entries.weekMinutes[i] = (k[i]! - slot) / SLOT_SPAN;
        entries.slots[i] = slot;
        for (let w = 0; w < RECORD_WORDS; w++) entries.records[i * RECORD_WORDS + w] = hot[slot * RECORD_WORDS + w]!;
      }
      return entries;
    });
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

function popcount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}
