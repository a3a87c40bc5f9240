import { ATTENDANCE } from '../index/indexed-meeting.js';
import { distanceKm, EARTH_RADIUS_KM } from '../index/geo-index.js';
import { RECORD_TYPE_WORDS, RECORD_WORDS } from '../index/hot-records.js';
import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import type { CompiledFilters } from './filters.js';
import { PageSelector } from './page.js';
import type { Facets, SearchQuery } from './query.js';
import { FAILS, UNKNOWN, type TimeFilter } from './time-filter.js';

const RAD = Math.PI / 180;
const EARTH_HALF_CIRCUMFERENCE_KM = Math.PI * EARTH_RADIUS_KM;
/** Candidates that may enter the page, handed from run()'s loop to settle() at a time. */
const BATCH = 256;

/**
 * One search's pass over its candidates: the compiled filters as table lookups, the time judgements in the
 * searcher's zone, facet counts and a bounded selection of the page asked for. This loop is where a search's time
 * goes (up to hundreds of thousands of candidates at a million meetings), so it reads packed 16-byte records
 * (index/hot-records.ts) and allocates nothing per candidate.
 *
 * Candidates come in runs: a list of slots whose records are the store's (the circle, a word's postings), or a
 * range of a schedule index's entries, which carry copies of their meetings' records in week-minute order, so a
 * time window is read front to back rather than at random over the store.
 */
export class Scan {
  total = 0;
  readonly page: PageSelector;
  /** Matches by type bit; with at most 64 type codes, only filled by facets() from typeBytes. */
  private readonly typeCounts = new Int32Array(TYPE_WORDS * 32);
  /**
   * Matches by value of each byte of the two record type words (256 counters per byte): eight increments a match,
   * where counting its set bits one by one was a loop as long as its list of types, with a mispredicted exit.
   * facets() turns them into counts by bit.
   */
  private readonly typeBytes = new Int32Array(RECORD_TYPE_WORDS * 4 * 256);
  private readonly fellowshipCounts: Int32Array;
  /**
   * Matches by attendance (2 bits) and set of searcher-local weekdays (a 7-bit mask), at attendance × 128 + set:
   * one increment for both facets, turned into counts by attendance and by weekday in facets().
   */
  private readonly attendanceDays = new Int32Array(4 * 128);
  /** The type bits of the candidate being tested, with more than 64 type codes. */
  private readonly bits = new Int32Array(TYPE_WORDS);
  private readonly wide: boolean;
  /** The compiled filters' tables and masks (the masks' first two words, for the record's), for passes(). */
  private readonly attendanceOk: Uint8Array;
  private readonly fellowshipOk: Uint8Array | null;
  private readonly allTypes: Int32Array | null;
  private readonly anyTypes: Int32Array | null;
  private readonly anyLanguage: Int32Array | null;
  private readonly all0: number;
  private readonly all1: number;
  private readonly any0: number;
  private readonly any1: number;
  private readonly lang0: number;
  private readonly lang1: number;
  /** Whether passesSlot() has anything to test: a source, a region, or more than 64 type codes. */
  private readonly bySlot: boolean;
  /** Entries (of the run's records) of matches that may enter the page, for settle(). */
  private readonly batch = new Int32Array(BATCH);
  /**
   * Without a `when` filter, a match's next occurrence is needed only for the page (unless it is the sort key):
   * most are judged on their weekdays alone, and only those about to enter the page are fully evaluated.
   */
  private readonly lazyTimes: boolean;
  private readonly radiusKm: number;
  private readonly cosLat: number;
  /**
   * The last full page's last distance, the haversine term beyond which a meeting is farther (see settle), and
   * the difference in latitude (degrees) beyond which it is farther on that alone.
   */
  private cutKm = Number.NaN;
  private cutTerm = 0;
  private cutLatDeg = Number.POSITIVE_INFINITY;
  /**
   * Once true, the page is full of results no farther than the radius (page.fullUpTo), for good: its last key
   * only decreases. Then no candidate outside the circle can enter it.
   */
  private fullInRadius = false;

  constructor(
    private readonly store: MeetingStore,
    private readonly q: SearchQuery,
    private readonly f: CompiledFilters,
    private readonly time: TimeFilter,
  ) {
    this.page = new PageSelector(q.limit, q.after);
    this.fellowshipCounts = new Int32Array(Math.max(1, store.fellowships.size));
    // With more than 64 type codes in use, type bits come from the store's full column instead of the record.
    this.wide = f.typeWords > RECORD_TYPE_WORDS;
    this.attendanceOk = f.attendance;
    this.fellowshipOk = f.fellowship;
    this.allTypes = f.allTypes;
    this.anyTypes = f.anyTypes;
    this.anyLanguage = f.anyLanguage;
    this.all0 = f.allTypes?.[0] ?? 0;
    this.all1 = f.allTypes?.[1] ?? 0;
    this.any0 = f.anyTypes?.[0] ?? 0;
    this.any1 = f.anyTypes?.[1] ?? 0;
    this.lang0 = f.anyLanguage?.[0] ?? 0;
    this.lang1 = f.anyLanguage?.[1] ?? 0;
    this.bySlot = f.source !== null || f.region !== null || this.wide;
    this.lazyTimes = q.sort !== 'soonest' && !time.judgesOccurrence;
    this.radiusKm = q.near ? q.near.radiusKm : Number.POSITIVE_INFINITY;
    this.cosLat = q.near ? Math.cos(q.near.lat * RAD) : 1;
  }

  /**
   * Runs the pass over candidates `from` … `to − 1`. Candidate i is entry `list[i]` (or i when `list` is null) of
   * `records`; its slot is `slots[entry]` (or the entry itself when `slots` is null); its longitude and latitude
   * are `coords[2 × entry]` and `coords[2 × entry + 1]` when given, else the store's. With `seen` (a SlotSet's
   * words), a slot already in it is skipped and the others are added (a meeting on several days has several entries).
   * `outside` says the candidates lie outside the search's circle (online meetings found by time).
   *
   * A loop filters, judges time and counts, and hands the matches that may enter the page to settle() in batches.
   * There are three loops, by how time is judged (scanTimed, scanLazy) and for matches that only count (countRun),
   * each small enough for the compiler to inline what it calls and keep its values in registers: one loop doing all
   * of it, with the page's code, ran out of the compiler's inlining budget and ran markedly slower.
   */
  run(
    records: Int32Array,
    slots: Int32Array | null,
    coords: Float64Array | null,
    list: Int32Array | null,
    from: number,
    to: number,
    outside: boolean,
    seen: Int32Array | null,
  ): void {
    if (this.lazyTimes && outside && this.fullInRadius && this.q.sort === 'distance') {
      this.countRun(records, slots, list, from, to, seen);
      return;
    }
    const pending = this.lazyTimes
      ? this.scanLazy(records, slots, coords, list, from, to, outside, seen)
      : this.scanTimed(records, slots, coords, list, from, to, outside, seen);
    if (pending > 0) this.settle(records, slots, coords, outside, pending);
  }

  /**
   * run()'s loop when time filters need no occurrence (lazyTimes): a match is judged on its weekdays. Returns how
   * many matches are left in `batch` for settle().
   */
  private scanLazy(
    records: Int32Array,
    slots: Int32Array | null,
    coords: Float64Array | null,
    list: Int32Array | null,
    from: number,
    to: number,
    outside: boolean,
    seen: Int32Array | null,
  ): number {
    const batch = this.batch;
    // Sorted by distance, a match outside the circle cannot enter a page full of results within it.
    const farOut = outside && this.q.sort === 'distance';
    let pending = 0;
    let total = this.total;
    for (let i = from; i < to; i++) {
      const entry = list === null ? i : list[i]!;
      const slot = slots === null ? entry : slots[entry]!;
      if (seen !== null && alreadySeen(seen, slot)) continue;
      if (!this.countsLazily(records, entry, slot)) continue;
      total++;
      batch[pending++] = entry;
      if (pending === BATCH) {
        this.total = total;
        this.settle(records, slots, coords, outside, pending);
        pending = 0;
        // Once the page is full within the circle, the rest of a run outside it only counts.
        if (farOut && this.fullInRadius) {
          this.countRun(records, slots, list, i + 1, to, seen);
          return 0;
        }
      }
    }
    this.total = total;
    return pending;
  }

  /**
   * run()'s loop for candidates that can only be counted: outside the circle, sorted by distance, once the page is
   * full of results within it (fullInRadius), with no time filter needing their occurrence. That is most of a
   * search near a place that includes online meetings, and this loop, with no page code at all, is the fastest.
   */
  private countRun(
    records: Int32Array,
    slots: Int32Array | null,
    list: Int32Array | null,
    from: number,
    to: number,
    seen: Int32Array | null,
  ): void {
    let total = this.total;
    for (let i = from; i < to; i++) {
      const entry = list === null ? i : list[i]!;
      const slot = slots === null ? entry : slots[entry]!;
      if (seen !== null && alreadySeen(seen, slot)) continue;
      if (!this.countsLazily(records, entry, slot)) continue;
      total++;
    }
    this.total = total;
  }

  /**
   * run()'s loop when a match's occurrence is needed: sorted by time, or filtered by now, soon or today. Returns
   * how many matches are left in `batch` for settle().
   */
  private scanTimed(
    records: Int32Array,
    slots: Int32Array | null,
    coords: Float64Array | null,
    list: Int32Array | null,
    from: number,
    to: number,
    outside: boolean,
    seen: Int32Array | null,
  ): number {
    const timeFilter = this.time;
    const page = this.page;
    const batch = this.batch;
    const bySoonest = this.q.sort === 'soonest';
    const farOut = outside && this.q.sort === 'distance';
    let pending = 0;
    let total = this.total;
    for (let i = from; i < to; i++) {
      const entry = list === null ? i : list[i]!;
      const slot = slots === null ? entry : slots[entry]!;
      if (seen !== null && alreadySeen(seen, slot)) continue;
      const r = entry * RECORD_WORDS;
      const w0 = records[r]!;
      const w1 = records[r + 1]!;
      const b0 = records[r + 2]!;
      const b1 = records[r + 3]!;
      if (!this.passes(w0, w1, b0, b1, slot)) continue;
      if (!timeFilter.evaluateMeeting(daysOf(w0), startOf(w0), durationOf(w0), zoneOf(w1))) continue;
      total++;
      this.count(w0, w1, b0, b1, timeFilter.weekDays);
      // Sorted by time, most matches start after a full page's last (evaluateMeeting has just set startMs).
      if (bySoonest) {
        const startMs = timeFilter.startMs;
        if (page.rejectsNumber(Number.isNaN(startMs) ? Number.POSITIVE_INFINITY : startMs)) continue;
      } else if (farOut && this.fullInRadius) continue;
      batch[pending++] = entry;
      if (pending === BATCH) {
        this.total = total;
        this.settle(records, slots, coords, outside, pending);
        pending = 0;
      }
    }
    this.total = total;
    return pending;
  }

  /**
   * For scanLazy and countRun: whether the candidate at `entry` of `records` matches, its time judged on its
   * weekdays where its zone allows (lazyTimes); if it does, it is counted in the facets (not in `total`).
   */
  private countsLazily(records: Int32Array, entry: number, slot: number): boolean {
    const r = entry * RECORD_WORDS;
    const w0 = records[r]!;
    const w1 = records[r + 1]!;
    const b0 = records[r + 2]!;
    const b1 = records[r + 3]!;
    if (!this.passes(w0, w1, b0, b1, slot)) return false;
    const timeFilter = this.time;
    let weekDays = timeFilter.passingWeekDays(daysOf(w0), startOf(w0), zoneOf(w1));
    if (weekDays === FAILS) return false;
    if (weekDays === UNKNOWN) {
      if (!timeFilter.evaluateMeeting(daysOf(w0), startOf(w0), durationOf(w0), zoneOf(w1))) return false;
      weekDays = timeFilter.weekDays;
    }
    this.count(w0, w1, b0, b1, weekDays);
    return true;
  }

  /**
   * Whether a candidate passes the compiled filters but time: its record's words (see index/hot-records.ts) and
   * its slot. Kept small, to be inlined into the loops; the tests reading the store's columns are in passesSlot().
   */
  private passes(w0: number, w1: number, b0: number, b1: number, slot: number): boolean {
    if ((w0 & 1) === 0 || this.attendanceOk[(w0 >> 1) & 3] === 0) return false;
    const fellowshipOk = this.fellowshipOk;
    if (fellowshipOk !== null && fellowshipOk[w1 >>> 16] === 0) return false;
    if (!this.wide) {
      // Type bits and masks are signed words: `&` yields a signed value, like the mask word it is compared with.
      if (this.allTypes !== null && ((b0 & this.all0) !== this.all0 || (b1 & this.all1) !== this.all1)) return false;
      if (this.anyTypes !== null && (b0 & this.any0) === 0 && (b1 & this.any1) === 0) return false;
      if (this.anyLanguage !== null && (b0 & this.lang0) === 0 && (b1 & this.lang1) === 0) return false;
    }
    return !this.bySlot || this.passesSlot(slot);
  }

  /**
   * The rarer tests, on the store's columns: source, region, types beyond the record's 64 (whose bits it leaves
   * in `bits`).
   */
  private passesSlot(slot: number): boolean {
    const s = this.store;
    const f = this.f;
    if (f.source !== null && f.source[s.source[slot]!] !== 1) return false;
    if (f.region !== null) {
      const region = s.region[slot]!;
      if (region < 0 || f.region[region] === 0) return false;
    }
    if (this.wide) {
      const bits = this.bits;
      const words = f.typeWords;
      const t = slot * TYPE_WORDS;
      for (let w = 0; w < words; w++) bits[w] = s.typeBits[t + w]! | 0;
      if (f.allTypes !== null && !hasAll(bits, f.allTypes, words)) return false;
      if (f.anyTypes !== null && !hasAny(bits, f.anyTypes, words)) return false;
      if (f.anyLanguage !== null && !hasAny(bits, f.anyLanguage, words)) return false;
    }
    return true;
  }

  /** Adds a match to the facet counts: its record's words, and its searcher-local weekdays. */
  private count(w0: number, w1: number, b0: number, b1: number, weekDays: number): void {
    if (this.wide) this.countTypes();
    else {
      const typeBytes = this.typeBytes;
      typeBytes[b0 & 0xff]!++;
      typeBytes[0x100 | ((b0 >>> 8) & 0xff)]!++;
      typeBytes[0x200 | ((b0 >>> 16) & 0xff)]!++;
      typeBytes[0x300 | (b0 >>> 24)]!++;
      // The second word is zero when the store uses 32 type codes or fewer.
      if (this.f.typeWords > 1) {
        typeBytes[0x400 | (b1 & 0xff)]!++;
        typeBytes[0x500 | ((b1 >>> 8) & 0xff)]!++;
        typeBytes[0x600 | ((b1 >>> 16) & 0xff)]!++;
        typeBytes[0x700 | (b1 >>> 24)]!++;
      }
    }
    this.fellowshipCounts[w1 >>> 16]!++;
    this.attendanceDays[(((w0 >> 1) & 3) << 7) | weekDays]!++;
  }

  /**
   * The page's part of run(): offers the first `count` matches of `batch` (entries of the run's records), in
   * order, working out their sort key, and their distance and next occurrence for those that make the page.
   */
  private settle(
    records: Int32Array,
    slots: Int32Array | null,
    coords: Float64Array | null,
    outside: boolean,
    count: number,
  ): void {
    const s = this.store;
    const timeFilter = this.time;
    const page = this.page;
    const near = this.q.near;
    const sort = this.q.sort;
    const batch = this.batch;
    for (let k = 0; k < count; k++) {
      const entry = batch[k]!;
      const slot = slots === null ? entry : slots[entry]!;
      const w0 = records[entry * RECORD_WORDS]!;
      const zone = zoneOf(records[entry * RECORD_WORDS + 1]!);
      let distance: number | null = null;
      let key: number | string;
      if (sort === 'distance') {
        // An online meeting outside the circle is farther than the radius: once the page is full of nearer
        // ones it cannot enter, and its distance need not be worked out.
        if (outside && (this.fullInRadius || (this.fullInRadius = page.fullUpTo(this.radiusKm)))) continue;
        const lat = coords === null ? s.lat[slot]! : coords[2 * entry + 1]!;
        const lng = coords === null ? s.lng[slot]! : coords[2 * entry]!;
        if (near && !Number.isNaN(lat)) {
          // Against a full page, the haversine term alone (no arcsine) rules out most: it grows with distance,
          // and the margin covers rounding, so only those that may be nearer get their exact distance.
          const lastKm = page.lastKeyIfFull();
          if (lastKm < EARTH_HALF_CIRCUMFERENCE_KM) {
            if (lastKm !== this.cutKm) {
              this.cutKm = lastKm;
              this.cutTerm = Math.sin(lastKm / (2 * EARTH_RADIUS_KM)) ** 2 * (1 + 1e-9) + 1e-18;
              // The term's first part, sin²(Δlat / 2), alone exceeds cutTerm beyond 2 asin(√cutTerm): no sine
              // needed for most of the circle. The margin is far above rounding where sin² is steep enough, below
              // a right angle.
              this.cutLatDeg =
                this.cutTerm < 0.5 ? ((2 * Math.asin(Math.sqrt(this.cutTerm))) / RAD) * (1 + 1e-6) : Number.POSITIVE_INFINITY;
            }
            if (Math.abs(lat - near.lat) > this.cutLatDeg) {
              page.more = true;
              continue;
            }
            const sLat = Math.sin((lat - near.lat) * RAD * 0.5);
            const sLng = Math.sin((lng - near.lng) * RAD * 0.5);
            if (sLat * sLat + this.cosLat * Math.cos(lat * RAD) * sLng * sLng > this.cutTerm) {
              page.more = true;
              continue;
            }
          }
          distance = distanceKm(near.lat, near.lng, lat, lng);
        }
        key = distance ?? Number.POSITIVE_INFINITY;
        if (page.rejectsNumber(key)) continue;
      } else if (sort === 'soonest') {
        // It passed in run(): this fills in its occurrence again.
        timeFilter.evaluateMeeting(daysOf(w0), startOf(w0), durationOf(w0), zone);
        const startMs = timeFilter.startMs;
        key = Number.isNaN(startMs) ? Number.POSITIVE_INFINITY : startMs;
        if (page.rejectsNumber(key)) continue;
      } else {
        key = s.sortNames[slot]!;
        if (page.rejectsKey(key)) continue;
      }
      // Most matches never make the page: decided above, before building a result object for one (or reading its id).
      const id = s.ids[slot]!;
      if (!page.wants(key, id)) continue;
      if (sort !== 'distance' && near && !Number.isNaN(s.lat[slot]!))
        distance = distanceKm(near.lat, near.lng, s.lat[slot]!, s.lng[slot]!);
      // It passed in run(): this fills in its occurrence.
      if (sort !== 'soonest') timeFilter.evaluateMeeting(daysOf(w0), startOf(w0), durationOf(w0), zone);
      page.offer({
        id,
        slot,
        distanceKm: distance,
        startMs: Number.isNaN(timeFilter.startMs) ? null : timeFilter.startMs,
        endMs: Number.isNaN(timeFilter.endMs) ? null : timeFilter.endMs,
        happeningNow: timeFilter.happeningNow,
        key,
      });
    }
  }

  /** Adds a match's type bits (in `bits`, more than 64 type codes) to the type counts. */
  private countTypes(): void {
    const bits = this.bits;
    const typeCounts = this.typeCounts;
    for (let w = 0; w < this.f.typeWords; w++) {
      for (let word = bits[w]!; word !== 0; word &= word - 1) typeCounts[w * 32 + 31 - Math.clz32(word & -word)]!++;
    }
  }

  /** The facet counts as the API shows them: non-zero counts by code, fellowship, attendance and weekday. */
  facets(): Facets {
    const s = this.store;
    const f: Facets = { types: {}, fellowship: {}, attendance: {}, day: {} };
    (this.wide ? this.typeCounts : countsByBit(this.typeBytes, 8)).forEach((n, bit) => {
      if (n > 0) f.types[s.typeCodes.values[bit]!] = n;
    });
    this.fellowshipCounts.forEach((n, id) => {
      if (n > 0 && id > 0) f.fellowship[s.fellowships.values[id]!] = n;
    });
    const attendanceCounts = new Int32Array(4);
    const daySets = new Int32Array(128);
    this.attendanceDays.forEach((n, i) => {
      attendanceCounts[i >> 7]! += n;
      daySets[i & 127]! += n;
    });
    attendanceCounts.forEach((n, i) => {
      if (n > 0 && i < ATTENDANCE.length) f.attendance[ATTENDANCE[i]!] = n;
    });
    countsByBit(daySets, 7).forEach((n, d) => {
      if (n > 0) f.day[String(d)] = n;
    });
    return f;
  }
}

/**
 * Counts by bit from counts by value of `width`-bit fields (tables of 2^width counters, one after the other): bit
 * b of field k is bit k × width + b of the result.
 */
function countsByBit(byValue: Int32Array, width: number): Int32Array {
  const size = 1 << width;
  const out = new Int32Array((byValue.length / size) * width);
  for (let i = 0; i < byValue.length; i++) {
    const n = byValue[i]!;
    if (n === 0) continue;
    const base = (i >> width) * width;
    for (let v = i & (size - 1); v !== 0; v &= v - 1) out[base + 31 - Math.clz32(v & -v)]! += n;
  }
  return out;
}

/**
 * True when `slot` is in the set `seen` (a meeting on several days has several entries in a schedule index);
 * else adds it.
 */
function alreadySeen(seen: Int32Array, slot: number): boolean {
  const bit = 1 << (slot & 31);
  if ((seen[slot >> 5]! & bit) !== 0) return true;
  seen[slot >> 5]! |= bit;
  return false;
}

/* The schedule fields of a record's first two words (index/hot-records.ts). */
function daysOf(w0: number): number {
  return (w0 >> 3) & 0x7f;
}

/** The start minute, −1 for a meeting by appointment. */
function startOf(w0: number): number {
  return ((w0 >> 10) & 0x7ff) - 1;
}

function durationOf(w0: number): number {
  return w0 >>> 21;
}

function zoneOf(w1: number): number {
  return w1 & 0xffff;
}

/* Type bits and masks are Int32Arrays: `&` yields a signed 32-bit value, which an unsigned mask word with bit 31
   set would never equal. */
function hasAll(bits: Int32Array, mask: Int32Array, words: number): boolean {
  for (let w = 0; w < words; w++) if ((bits[w]! & mask[w]!) !== mask[w]) return false;
  return true;
}

function hasAny(bits: Int32Array, mask: Int32Array, words: number): boolean {
  for (let w = 0; w < words; w++) if ((bits[w]! & mask[w]!) !== 0) return true;
  return false;
}
