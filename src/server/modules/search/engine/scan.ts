import { ATTENDANCE } from '../index/indexed-meeting.js';
import { distanceKm, EARTH_RADIUS_KM } from '../index/geo-index.js';

const RAD = Math.PI / 180;
const EARTH_HALF_CIRCUMFERENCE_KM = Math.PI * EARTH_RADIUS_KM;
import { RECORD_TYPE_WORDS, RECORD_WORDS } from '../index/hot-records.js';
import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import { hasPhrases, type CompiledFilters } from './filters.js';
import { PageSelector } from './page.js';
import type { Facets, SearchQuery } from './query.js';
import type { TimeFilter } from './time-filter.js';

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
  readonly typeCounts = new Int32Array(TYPE_WORDS * 32);
  readonly fellowshipCounts: Int32Array;
  readonly attendanceCounts = new Int32Array(ATTENDANCE.length);
  readonly dayCounts = new Int32Array(7);
  /** The type bits of the candidate being tested. */
  private readonly bits = new Int32Array(TYPE_WORDS);
  private readonly wide: boolean;
  private readonly radiusKm: number;
  private readonly cosLat: number;
  /** The last full page's last distance, and the haversine term beyond which a meeting is farther (see run). */
  private cutKm = Number.NaN;
  private cutTerm = 0;

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
    this.radiusKm = q.near ? q.near.radiusKm : Number.POSITIVE_INFINITY;
    this.cosLat = q.near ? Math.cos(q.near.lat * RAD) : 1;
  }

  /**
   * Runs the pass over candidates `from` … `to − 1`. Candidate i is entry `list[i]` (or i when `list` is null) of
   * `records`; its slot is `slots[entry]` (or the entry itself when `slots` is null); its longitude and latitude
   * are `coords[2 × entry]` and `coords[2 × entry + 1]` when given, else the store's. With `seen` (a SlotSet's
   * words), a slot already in it is skipped and the others are added (a meeting on several days has several entries).
   * `outside` says the candidates lie outside the search's circle (online meetings found by time).
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
    const s = this.store;
    const f = this.f;
    const timeFilter = this.time;
    const attendanceOk = f.attendance;
    const fellowshipOk = f.fellowship;
    const sourceOk = f.source;
    const regionOk = f.region;
    const words = f.typeWords;
    const wide = this.wide;
    const allTypes = f.allTypes;
    const anyTypes = f.anyTypes;
    const anyLanguage = f.anyLanguage;
    const phrases = f.phrases.length > 0 ? f.phrases : null;
    const bits = this.bits;
    const page = this.page;
    const near = this.q.near;
    const sort = this.q.sort;
    const radiusKm = this.radiusKm;
    const countOnly = sort === 'distance' && !timeFilter.active;
    let total = this.total;

    for (let i = from; i < to; i++) {
      const entry = list === null ? i : list[i]!;
      const slot = slots === null ? entry : slots[entry]!;
      if (seen !== null) {
        const bit = 1 << (slot & 31);
        if ((seen[slot >> 5]! & bit) !== 0) continue;
        seen[slot >> 5]! |= bit;
      }
      const r = entry * RECORD_WORDS;
      const w0 = records[r]!;
      if ((w0 & 1) === 0) continue;
      const att = (w0 >> 1) & 3;
      if (attendanceOk[att] === 0) continue;
      const w1 = records[r + 1]!;
      const fellowship = w1 >>> 16;
      if (fellowshipOk !== null && fellowshipOk[fellowship] === 0) continue;
      if (sourceOk !== null && sourceOk[s.source[slot]!] !== 1) continue;
      if (regionOk !== null) {
        const region = s.region[slot]!;
        if (region < 0 || regionOk[region] === 0) continue;
      }
      if (wide) {
        const t = slot * TYPE_WORDS;
        for (let w = 0; w < words; w++) bits[w] = s.typeBits[t + w]! | 0;
      } else {
        bits[0] = records[r + 2]!;
        bits[1] = records[r + 3]!;
      }
      if (allTypes !== null && !hasAll(bits, allTypes, words)) continue;
      if (anyTypes !== null && !hasAny(bits, anyTypes, words)) continue;
      if (anyLanguage !== null && !hasAny(bits, anyLanguage, words)) continue;
      if (phrases !== null && !hasPhrases(s.search[slot]!, phrases)) continue;
      const days = (w0 >> 3) & 0x7f;
      const start = ((w0 >> 10) & 0x7ff) - 1;
      const zone = w1 & 0xffff;
      // An online meeting outside the circle, with no time filter, once the page is full of nearer ones: a match
      // that only counts, so only its weekdays are worked out (for the day facet), not its next occurrence.
      if (countOnly && outside && page.fullUpTo(radiusKm)) {
        const weekDays = start < 0 || days === 0 ? 0 : timeFilter.weekDaysOf(days, start, zone);
        if (weekDays >= 0) {
          total++;
          this.count(fellowship, att, weekDays);
          continue;
        }
      }
      if (!timeFilter.evaluateMeeting(days, start, w0 >>> 21, zone)) continue;

      total++;
      this.count(fellowship, att, timeFilter.weekDays);

      // The distance is worked out when it is the sort key, else only for results that make the page.
      let distance: number | null = null;
      let key: number | string;
      if (sort === 'distance') {
        // An online meeting outside the circle is farther than the radius: once the page is full of nearer
        // ones it cannot enter, and its distance need not be worked out.
        if (outside && page.fullUpTo(radiusKm)) continue;
        const lat = coords === null ? s.lat[slot]! : coords[2 * entry + 1]!;
        const lng = coords === null ? s.lng[slot]! : coords[2 * entry]!;
        if (near && !Number.isNaN(lat)) {
          // Against a full page, the haversine term alone (no arcsine) rules out most: it grows with distance,
          // and the margin covers rounding, so only those that may be nearer get their exact distance.
          const lastKm = page.lastKeyIfFull();
          if (!Number.isNaN(lastKm) && lastKm < EARTH_HALF_CIRCUMFERENCE_KM) {
            if (lastKm !== this.cutKm) {
              this.cutKm = lastKm;
              this.cutTerm = Math.sin(lastKm / (2 * EARTH_RADIUS_KM)) ** 2 * (1 + 1e-9) + 1e-18;
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
      } else if (sort === 'soonest') {
        const startMs = timeFilter.startMs;
        key = Number.isNaN(startMs) ? Number.POSITIVE_INFINITY : startMs;
      } else key = s.sortNames[slot]!;
      // Most matches never make the page: decide before building a result object for one (or reading its id).
      if (page.rejectsKey(key)) continue;
      const id = s.ids[slot]!;
      if (!page.wants(key, id)) continue;
      if (sort !== 'distance' && near && !Number.isNaN(s.lat[slot]!))
        distance = distanceKm(near.lat, near.lng, s.lat[slot]!, s.lng[slot]!);
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
    this.total = total;
  }

  /** Adds a match to the facet counts (its type bits are in `bits`). */
  private count(fellowship: number, attendance: number, weekDays: number): void {
    const bits = this.bits;
    const typeCounts = this.typeCounts;
    for (let w = 0; w < this.f.typeWords; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        typeCounts[w * 32 + bit]!++;
        word ^= 1 << bit;
      }
    }
    this.fellowshipCounts[fellowship]!++;
    this.attendanceCounts[attendance]!++;
    for (let d = weekDays; d !== 0; d &= d - 1) this.dayCounts[31 - Math.clz32(d & -d)]!++;
  }

  /** The facet counts as the API shows them: non-zero counts by code, fellowship, attendance and weekday. */
  facets(): Facets {
    const s = this.store;
    const f: Facets = { types: {}, fellowship: {}, attendance: {}, day: {} };
    this.typeCounts.forEach((n, bit) => {
      if (n > 0) f.types[s.typeCodes.values[bit]!] = n;
    });
    this.fellowshipCounts.forEach((n, id) => {
      if (n > 0 && id > 0) f.fellowship[s.fellowships.values[id]!] = n;
    });
    this.attendanceCounts.forEach((n, i) => {
      if (n > 0) f.attendance[ATTENDANCE[i]!] = n;
    });
    this.dayCounts.forEach((n, d) => {
      if (n > 0) f.day[String(d)] = n;
    });
    return f;
  }
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
