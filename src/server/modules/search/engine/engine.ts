import { ATTENDANCE } from '../index/indexed-meeting.js';
import { GeoIndex, distanceKm } from '../index/geo-index.js';
import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import { compileFilters, hasPhrases, requiredPrefixes, type CompiledFilters } from './filters.js';
import { SlotBuffer, SlotMarks } from '../index/slot-buffer.js';
import { hasWordPrefix } from '../index/text-index.js';
import { HotRecords, RECORD_TYPE_WORDS, RECORD_WORDS } from '../index/hot-records.js';
import type { CursorKey, Facets, SearchHit, SearchQuery, SearchResult } from './query.js';
import { TimeFilter } from './time-filter.js';
import { ScheduleIndex } from '../index/schedule-index.js';
import type { TimeOps } from './time-ops.js';
import { TIME_OF_DAY } from './query.js';
import { DAY_MIN, DAY_MS, MINUTE_MS, weekMinuteOf } from '../time/units.js';

const ONLINE = ATTENDANCE.indexOf('online');
const HYBRID = ATTENDANCE.indexOf('hybrid');
/** Widening of day and part-of-day windows: more than any drift of local midnight from a 24-hour step. */
const WINDOW_PAD_MS = 2 * 3600_000;

interface Match extends SearchHit {
  key: number | string;
}

/**
 * Answers searches from the in-memory index in two steps. First the candidates, a superset of the matches as
 * small as the indexes make it, collected into one reused buffer: the circle (k-d tree) plus online meetings
 * starting in the time windows (online schedule index), the meetings having every word of the text (postings
 * intersected), the time windows alone (schedule index), or every (online) meeting when nothing narrows them.
 * Then one tight pass over them: the compiled filters as table lookups, the time judgements in the searcher's
 * zone, facet counts, and a bounded selection of the page asked for (not a full sort). That pass is where a
 * search's time goes (up to tens of thousands of candidates), so it reads typed arrays inline and allocates
 * nothing per candidate.
 */
export class SearchEngine {
  readonly geo: GeoIndex;
  readonly schedule: ScheduleIndex;
  /** Weekly starts of online and hybrid meetings only: what "online, starting soon" and "include online" scan. */
  readonly onlineSchedule: ScheduleIndex;
  private readonly zoneMap: number[] = [];
  /** Slots of online and hybrid meetings, rebuilt after changes: "include online" without scanning every slot. */
  private onlineSlots = new Int32Array(0);
  private onlineVersion = -1;
  private readonly marks = new SlotMarks();
  private readonly candidates = new SlotBuffer();
  /** Candidates before this index lie in the search's circle. */
  private inCircle = 0;
  private readonly typeCounts = new Int32Array(TYPE_WORDS * 32);
  private readonly attendanceCounts = new Int32Array(ATTENDANCE.length);
  private readonly dayCounts = new Int32Array(7);
  private fellowshipCounts = new Int32Array(0);
  /** The type bits of the candidate being tested. */
  private readonly bits = new Int32Array(TYPE_WORDS);
  private readonly hot: HotRecords;

  constructor(
    readonly store: MeetingStore,
    private readonly time: TimeOps,
  ) {
    this.geo = new GeoIndex(store);
    this.hot = new HotRecords(store);
    this.schedule = new ScheduleIndex(store);
    this.onlineSchedule = new ScheduleIndex(store, (slot) => this.isOnline(slot));
  }

  private isOnline(slot: number): boolean {
    const a = this.store.attendance[slot];
    return a === ONLINE || a === HYBRID;
  }

  private online(): Int32Array {
    const s = this.store;
    if (this.onlineVersion === s.version) return this.onlineSlots;
    const out: number[] = [];
    for (let slot = 0; slot < s.length; slot++) if (s.alive[slot] && this.isOnline(slot)) out.push(slot);
    this.onlineSlots = Int32Array.from(out);
    this.onlineVersion = s.version;
    return this.onlineSlots;
  }

  /**
   * Instants between which every meeting a time-filtered search can match has a start, widened to be safe
   * (the filters decide exactly), or null when the search has no time filter narrower than a week.
   */
  private timeWindows(q: SearchQuery, t: TimeFilter, nowMs: number, index: ScheduleIndex): [number, number][] | null {
    const clock = t.searcher;
    switch (q.when) {
      case 'now':
        return [[nowMs - index.longest() * MINUTE_MS, nowMs]];
      case 'soon':
        return [[nowMs, nowMs + q.soonMinutes * MINUTE_MS]];
      case 'today':
        return [[clock.startOfTodayMs, clock.startOfTomorrowMs]];
      case 'later_today':
        return [[nowMs, clock.startOfTomorrowMs]];
      default:
        break;
    }
    if (!q.days?.length && !q.timeOfDay?.length) return null;
    if (!q.timeOfDay?.length && q.days!.length === 7) return null;
    const today = clock.localDayMinute(nowMs).day;
    const buckets = q.timeOfDay?.length ? q.timeOfDay.map((b) => TIME_OF_DAY[b]) : [[0, DAY_MIN] as const];
    const windows: [number, number][] = [];
    for (const d of q.days?.length ? q.days : [0, 1, 2, 3, 4, 5, 6]) {
      // Local midnights are 23 to 25 hours apart around clock changes: the pad covers the drift of this estimate.
      const dayStart = clock.startOfTodayMs + ((d - today + 7) % 7) * DAY_MS;
      const add = (from: number, to: number) =>
        windows.push([dayStart + from * MINUTE_MS - WINDOW_PAD_MS, dayStart + to * MINUTE_MS + WINDOW_PAD_MS]);
      // A part of the day that wraps (night, 21–4) is two stretches of the same local day.
      for (const [from, to] of buckets) {
        if (from < to) add(from, to);
        else {
          add(0, to);
          add(from, DAY_MIN);
        }
      }
    }
    return windows;
  }

  /**
   * The stretches of the week, on meetings' own clocks, in which a start falls in one of the windows (UTC
   * instants) for some zone of the store: each window shifted by the least and greatest UTC offset in use at its
   * ends, an hour wider for a clock change in between.
   */
  private weekRanges(windows: [number, number][], offsetOf: (storeZone: number, utcMs: number) => number): [number, number][] {
    const zones = this.store.zones.size;
    return windows.map(([fromMs, toMs]) => {
      let least = Number.POSITIVE_INFINITY;
      let most = Number.NEGATIVE_INFINITY;
      for (let z = 0; z < zones; z++) {
        for (const ms of [fromMs, toMs]) {
          const offset = offsetOf(z, ms);
          least = Math.min(least, offset);
          most = Math.max(most, offset);
        }
      }
      if (zones === 0) least = most = 0;
      const lo = Math.floor(fromMs / MINUTE_MS) + least - 60;
      const hi = Math.floor(toMs / MINUTE_MS) + most + 60 + 1;
      const from = weekMinuteOf(lo);
      return [from, from + (hi - lo)];
    });
  }

  search(q: SearchQuery): SearchResult {
    const nowMs = q.after?.nowMs ?? q.nowMs;
    const facets: Facets = { types: {}, fellowship: {}, attendance: {}, day: {} };
    const filters = compileFilters(this.store, q);
    if (!filters.possible) return { total: 0, hits: [], facets, next: null };
    const timeFilter = new TimeFilter(this.store, this.time, q, nowMs, this.zoneMap);
    const all = !this.collect(q, filters, timeFilter, nowMs);
    const { total, page } = this.scan(q, filters, timeFilter, all);
    this.fillFacets(facets);
    const hits = page.result();
    const last = hits.at(-1);
    const next: CursorKey | null = page.more && last ? { sort: q.sort, key: last.key, id: last.id, nowMs } : null;
    return { total, hits: hits.map(({ key: _key, ...hit }) => hit), facets, next };
  }

  /**
   * The pass over the candidates (or every slot when `all`): filters, time, facets and page. Written out in one
   * function over the packed records (index/hot-records.ts), because this loop is the search's cost.
   */
  private scan(q: SearchQuery, f: CompiledFilters, timeFilter: TimeFilter, all: boolean): { total: number; page: PageSelector } {
    const s = this.store;
    const hot = this.hot.current();
    const list = this.candidates.data;
    const count = all ? s.length : this.candidates.length;
    const attendanceOk = f.attendance;
    const fellowshipOk = f.fellowship;
    const sourceOk = f.source;
    const regionOk = f.region;
    const words = f.typeWords;
    // With more than 64 type codes in use, type bits come from the store's full column instead of the record.
    const wide = words > RECORD_TYPE_WORDS;
    const allTypes = f.allTypes;
    const anyTypes = f.anyTypes;
    const anyLanguage = f.anyLanguage;
    const phrases = f.phrases.length > 0 ? f.phrases : null;
    if (this.fellowshipCounts.length < s.fellowships.size) this.fellowshipCounts = new Int32Array(s.fellowships.size * 2);
    const typeCounts = this.typeCounts.fill(0);
    const fellowshipCounts = this.fellowshipCounts.fill(0);
    const attendanceCounts = this.attendanceCounts.fill(0);
    const dayCounts = this.dayCounts.fill(0);
    const bits = this.bits;
    const page = new PageSelector(q.limit, q.after);
    const near = q.near;
    const sort = q.sort;
    const radiusKm = near ? near.radiusKm : Number.POSITIVE_INFINITY;
    const inCircle = all ? count : this.inCircle;
    let total = 0;

    for (let i = 0; i < count; i++) {
      const slot = all ? i : list[i]!;
      const r = slot * RECORD_WORDS;
      const w0 = hot[r]!;
      if ((w0 & 1) === 0) continue;
      const att = (w0 >> 1) & 3;
      if (attendanceOk[att] === 0) continue;
      const w1 = hot[r + 1]!;
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
        bits[0] = hot[r + 2]!;
        bits[1] = hot[r + 3]!;
      }
      if (allTypes !== null && !hasAll(bits, allTypes, words)) continue;
      if (anyTypes !== null && !hasAny(bits, anyTypes, words)) continue;
      if (anyLanguage !== null && !hasAny(bits, anyLanguage, words)) continue;
      if (phrases !== null && !hasPhrases(s.search[slot]!, phrases)) continue;
      if (!timeFilter.evaluateMeeting((w0 >> 3) & 0x7f, ((w0 >> 10) & 0x7ff) - 1, w0 >>> 21, w1 & 0xffff)) continue;

      total++;
      for (let w = 0; w < words; w++) {
        let word = bits[w]!;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word);
          typeCounts[w * 32 + bit]!++;
          word ^= 1 << bit;
        }
      }
      fellowshipCounts[fellowship]!++;
      attendanceCounts[att]!++;
      for (let d = timeFilter.weekDays; d !== 0; d &= d - 1) dayCounts[31 - Math.clz32(d & -d)]!++;

      // The distance is worked out when it is the sort key, else only for results that make the page.
      let distance: number | null = null;
      let key: number | string;
      if (sort === 'distance') {
        // Past the circle's candidates, a match is an online meeting outside the circle: farther than the radius,
        // so once the page is full of nearer ones it cannot enter, and its distance need not be worked out.
        if (i >= inCircle && page.fullUpTo(radiusKm)) continue;
        distance = near && !Number.isNaN(s.lat[slot]!) ? distanceKm(near.lat, near.lng, s.lat[slot]!, s.lng[slot]!) : null;
        key = distance ?? Number.POSITIVE_INFINITY;
      } else if (sort === 'soonest') {
        const startMs = timeFilter.startMs;
        key = Number.isNaN(startMs) ? Number.POSITIVE_INFINITY : startMs;
      } else key = s.sortNames[slot]!;
      // Most matches never make the page: decide before building a result object for one.
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
    return { total, page };
  }

  /**
   * Fills the candidate buffer, or returns false when nothing narrows the search and every slot is a candidate.
   * Scanning every slot for online meetings, as the first version did, cost 5 ms a search at 250k.
   */
  private collect(q: SearchQuery, f: CompiledFilters, timeFilter: TimeFilter, nowMs: number): boolean {
    const s = this.store;
    const out = this.candidates;
    out.clear();
    this.inCircle = Number.MAX_SAFE_INTEGER;
    const stamp = this.marks.next(s.capacity);
    const marks = this.marks.array;
    const offsetOf = (storeZone: number, utcMs: number) => this.time.offsetMinutes(timeFilter.zoneOfStoreZone(storeZone), utcMs);
    const addOnline = () => {
      const windows = this.timeWindows(q, timeFilter, nowMs, this.onlineSchedule);
      if (windows) {
        for (const [from, to] of windows) this.onlineSchedule.collectStartingBetween(from, to, offsetOf, out, marks, stamp);
        return;
      }
      for (const slot of this.online()) {
        if (marks[slot] === stamp) continue;
        marks[slot] = stamp;
        out.push(slot);
      }
    };

    const near = q.near;
    if (near && q.online !== 'only') {
      const windows = this.timeWindows(q, timeFilter, nowMs, this.schedule);
      const ranges = windows && this.weekRanges(windows, offsetOf);
      this.geo.collectWithin(near.lat, near.lng, near.radiusKm, ranges, out, marks, stamp);
      // Every meeting in the circle that can match is now a candidate (the geo buckets' stretches of the week
      // hold the online schedule's windows, see weekRanges), so those added below are outside it.
      this.inCircle = out.length;
      if (q.online === 'include') addOnline();
      if (f.text) for (const p of requiredPrefixes(f.text)) this.narrowByPrefix(p, s.text.prefixCount(p));
      return true;
    }
    if (f.text) {
      this.collectText(requiredPrefixes(f.text), q.online === 'only');
      return true;
    }
    if (q.online === 'only') {
      addOnline();
      return true;
    }
    const windows = this.timeWindows(q, timeFilter, nowMs, this.schedule);
    if (!windows) return false;
    for (const [from, to] of windows) this.schedule.collectStartingBetween(from, to, offsetOf, out, marks, stamp);
    return true;
  }

  /**
   * The meetings having a word starting with each prefix: the rarest prefix's postings, then narrowed by the
   * others (narrowByPrefix).
   */
  private collectText(prefixes: string[], onlineOnly: boolean): void {
    const s = this.store;
    const out = this.candidates;
    const counted = prefixes.map((p) => ({ p, n: s.text.prefixCount(p) })).sort((a, b) => a.n - b.n);
    const stamp = this.marks.next(s.capacity);
    const marks = this.marks.array;
    s.text.eachPrefixWord(counted[0]!.p, (list) => {
      for (let i = 0; i < list.length; i++) {
        const slot = list[i]!;
        if (marks[slot] === stamp) continue;
        marks[slot] = stamp;
        if (!onlineOnly || this.isOnline(slot)) out.push(slot);
      }
    });
    for (let k = 1; k < counted.length; k++) this.narrowByPrefix(counted[k]!.p, counted[k]!.n);
  }

  /**
   * Keeps the candidates having a word starting with `prefix`. Marking the prefix's postings costs a few
   * nanoseconds an entry, searching a candidate's text a hundred or so: whichever is less work is done.
   */
  private narrowByPrefix(prefix: string, postings: number): void {
    const s = this.store;
    const out = this.candidates;
    const data = out.data;
    let kept = 0;
    // The compaction keeps the order: the circle's candidates stay first, fewer of them.
    let inCircle = this.inCircle;
    if (postings < out.length * 20) {
      const stamp = this.marks.next(s.capacity);
      const marks = this.marks.array;
      s.text.eachPrefixWord(prefix, (list) => {
        for (let i = 0; i < list.length; i++) marks[list[i]!] = stamp;
      });
      for (let i = 0; i < out.length; i++) {
        if (marks[data[i]!] === stamp) data[kept++] = data[i]!;
        if (i + 1 === this.inCircle) inCircle = kept;
      }
    } else {
      const spaced = ` ${prefix}`;
      for (let i = 0; i < out.length; i++) {
        if (hasWordPrefix(s.search[data[i]!]!, prefix, spaced)) data[kept++] = data[i]!;
        if (i + 1 === this.inCircle) inCircle = kept;
      }
    }
    out.length = kept;
    this.inCircle = inCircle;
  }

  private fillFacets(f: Facets): void {
    const s = this.store;
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

/** Compares results by (key, id): the order of every page, and what a cursor points at. */
export function compareKeys(a: { key: number | string; id: number }, b: { key: number | string; id: number }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id - b.id;
}

/**
 * Keeps the `limit` smallest results after the cursor, in a sorted buffer:
 * O(n log limit) instead of sorting every match.
 */
class PageSelector {
  private readonly items: Match[] = [];
  more = false;

  constructor(
    private readonly limit: number,
    private readonly after: CursorKey | undefined,
  ) {}

  /** False when a result with this key could not enter the page (what offer() would drop), noting that more exist. */
  wants(key: number | string, id: number): boolean {
    const after = this.after;
    if (after && (key === after.key ? id <= after.id : key < after.key)) return false;
    const items = this.items;
    if (items.length < this.limit) return true;
    this.more = true;
    const last = items[items.length - 1]!;
    return key === last.key ? id < last.id : key < last.key;
  }

  /** True when the page is full and its last key is at most `key`: nothing with a larger key can enter. */
  fullUpTo(key: number): boolean {
    const items = this.items;
    if (items.length < this.limit) return false;
    this.more = true;
    const last = items[items.length - 1]!.key;
    return typeof last === 'number' && last <= key;
  }

  offer(m: Match): void {
    if (this.after && compareKeys(m, this.after) <= 0) return;
    const items = this.items;
    if (items.length === this.limit) {
      this.more = true;
      if (compareKeys(m, items[items.length - 1]!) >= 0) return;
      items.pop();
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(items[mid]!, m) < 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, m);
  }

  result(): Match[] {
    return this.items;
  }
}
