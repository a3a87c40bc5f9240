import { ATTENDANCE } from '../index/indexed-meeting.js';
import { GeoIndex, distanceKm } from '../index/geo-index.js';
import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import { compileFilters } from './filters.js';
import type { CursorKey, Facets, SearchHit, SearchQuery, SearchResult } from './query.js';
import { TimeFilter } from './time-filter.js';
import { ScheduleIndex } from '../index/schedule-index.js';
import type { TimeOps } from './time-ops.js';
import { TIME_OF_DAY } from './query.js';
import { DAY_MIN, DAY_MS, MINUTE_MS } from '../time/units.js';

const ONLINE = ATTENDANCE.indexOf('online');
const HYBRID = ATTENDANCE.indexOf('hybrid');
/** Widening of day and part-of-day windows: more than any drift of local midnight from a 24-hour step. */
const WINDOW_PAD_MS = 2 * 3600_000;

interface Match extends SearchHit {
  key: number | string;
}

/**
 * Answers searches from the in-memory index: candidates from the k-d tree
 * (near me), the text index (words) or the whole store, then the compiled
 * filters, then the time judgements in the searcher's zone. Sorting keeps only
 * the page being asked for (a bounded selection, not a full sort); facet
 * counts come from the same pass.
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
  /** Per-slot marks of the current search (a slot is visited once even when found twice); cheaper than a Set. */
  private marks = new Uint32Array(0);
  private stamp = 0;
  private buffer = new Int32Array(1 << 16);

  constructor(
    readonly store: MeetingStore,
    private readonly time: TimeOps,
  ) {
    this.geo = new GeoIndex(store);
    this.schedule = new ScheduleIndex(store);
    this.onlineSchedule = new ScheduleIndex(store, (slot) => this.isOnline(slot));
  }

  private isOnline(slot: number): boolean {
    const a = this.store.attendance[slot];
    return a === ONLINE || a === HYBRID;
  }

  /** A fresh mark value for one search's visited set. */
  private newStamp(): number {
    if (this.marks.length < this.store.capacity) {
      this.marks = new Uint32Array(this.store.capacity);
      this.stamp = 0;
    }
    if (this.stamp === 0xffffffff) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
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

  search(q: SearchQuery): SearchResult {
    const nowMs = q.after?.nowMs ?? q.nowMs;
    const facets: Facets = { types: {}, fellowship: {}, attendance: {}, day: {} };
    const filters = compileFilters(this.store, q);
    if (!filters.possible) return { total: 0, hits: [], facets, next: null };
    const timeFilter = new TimeFilter(this.store, this.time, q, nowMs, this.zoneMap);
    const typeCounts = new Int32Array(TYPE_WORDS * 32);
    const fellowshipCounts = new Int32Array(this.store.fellowships.size);
    const attendanceCounts = new Int32Array(ATTENDANCE.length);
    const dayCounts = new Int32Array(7);
    const page = new PageSelector(q.limit, q.after);
    let total = 0;

    const near = q.near;
    const s = this.store;
    // The distance is worked out for matches only (and not passed around as an argument, which boxes a double
    // per candidate when the call is not inlined).
    const visit = (slot: number) => {
      if (!filters.test(slot)) return;
      const timing = timeFilter.evaluate(slot);
      if (!timing) return;
      const distance = near && !Number.isNaN(s.lat[slot]!) ? distanceKm(near.lat, near.lng, s.lat[slot]!, s.lng[slot]!) : null;
      total++;
      this.countFacets(slot, timing.weekDays, typeCounts, fellowshipCounts, attendanceCounts, dayCounts);
      const id = this.store.ids[slot]!;
      const key =
        q.sort === 'distance'
          ? (distance ?? Number.POSITIVE_INFINITY)
          : q.sort === 'soonest'
            ? (timing.startMs ?? Number.POSITIVE_INFINITY)
            : this.store.sortNames[slot]!;
      // Most matches never make the page: decide before building a result object for one.
      if (!page.wants(key, id)) return;
      page.offer({
        id,
        slot,
        distanceKm: distance,
        startMs: timing.startMs,
        endMs: timing.endMs,
        happeningNow: timing.happeningNow,
        key,
      });
    };
    const words = filters.text ? [...filters.text.prefixes, ...filters.text.phrases.flatMap((p) => p.split(' '))] : [];
    this.candidates(q, words, timeFilter, nowMs, visit, (word) => filters.assumePrefix(word));

    this.fillFacets(facets, typeCounts, fellowshipCounts, attendanceCounts, dayCounts);
    const hits = page.result();
    const last = hits.at(-1);
    const next: CursorKey | null = page.more && last ? { sort: q.sort, key: last.key, id: last.id, nowMs } : null;
    return { total, hits: hits.map(({ key: _key, ...hit }) => hit), facets, next };
  }

  /**
   * Calls `visit` once per candidate slot. Candidates are a superset of the matches, as small as the indexes make
   * it: the circle (k-d tree) plus online meetings starting in the time windows (online schedule index), the
   * postings of the rarest word, the time windows alone (schedule index), or every (online) meeting when nothing
   * narrows them. Scanning every slot for online meetings, as before, cost 5 ms a search at 250k.
   */
  private candidates(
    q: SearchQuery,
    words: string[],
    timeFilter: TimeFilter,
    nowMs: number,
    visit: (slot: number) => void,
    candidateWord: (word: string) => void,
  ): void {
    const s = this.store;
    const near = q.near;
    const offsetOf = (storeZone: number, utcMs: number) => this.time.offsetMinutes(timeFilter.zoneOfStoreZone(storeZone), utcMs);
    const stamp = this.newStamp();
    const marks = this.marks;
    const once = (slot: number) => {
      if (marks[slot] === stamp) return;
      marks[slot] = stamp;
      visit(slot);
    };
    const eachOnline = () => {
      const windows = this.timeWindows(q, timeFilter, nowMs, this.onlineSchedule);
      if (windows) for (const [from, to] of windows) this.onlineSchedule.eachStartingBetween(from, to, offsetOf, once);
      else for (const slot of this.online()) once(slot);
    };

    if (near && q.online !== 'only') {
      // Collected, then visited in slot order: the columns are then read front to back rather than at random.
      let buf = this.buffer;
      let n = 0;
      const collect = (slot: number) => {
        if (marks[slot] === stamp) return;
        marks[slot] = stamp;
        if (n === buf.length) {
          const bigger = new Int32Array(buf.length * 2);
          bigger.set(buf);
          buf = this.buffer = bigger;
        }
        buf[n++] = slot;
      };
      this.geo.eachWithin(near.lat, near.lng, near.radiusKm, collect);
      if (q.online === 'include') {
        const windows = this.timeWindows(q, timeFilter, nowMs, this.onlineSchedule);
        if (windows) for (const [from, to] of windows) this.onlineSchedule.eachStartingBetween(from, to, offsetOf, collect);
        else for (const slot of this.online()) collect(slot);
      }
      const slots = buf.subarray(0, n).sort();
      for (let i = 0; i < n; i++) visit(slots[i]!);
      return;
    }
    const onlyOnline = q.online === 'only';
    if (words.length > 0) {
      // The rarest word bounds the candidates; the filters check the others (and the phrases' word order).
      const rarest = words.reduce((a, b) => (s.text.prefixCount(a) <= s.text.prefixCount(b) ? a : b));
      candidateWord(rarest);
      s.text.eachPrefixWord(rarest, (list) => {
        for (const slot of list) if (!onlyOnline || this.isOnline(slot)) once(slot);
      });
      return;
    }
    if (onlyOnline) return eachOnline();
    const windows = this.timeWindows(q, timeFilter, nowMs, this.schedule);
    if (windows) {
      for (const [from, to] of windows) this.schedule.eachStartingBetween(from, to, offsetOf, once);
      return;
    }
    for (let slot = 0; slot < s.length; slot++) if (s.alive[slot]) visit(slot);
  }

  private countFacets(
    slot: number,
    weekDays: number,
    types: Int32Array,
    fellowships: Int32Array,
    attendance: Int32Array,
    days: Int32Array,
  ): void {
    const s = this.store;
    const base = slot * TYPE_WORDS;
    for (let w = 0; w < TYPE_WORDS; w++) {
      let word = s.typeBits[base + w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        types[w * 32 + bit]!++;
        word &= ~(1 << bit);
      }
    }
    fellowships[s.fellowship[slot]!]!++;
    attendance[s.attendance[slot]!]!++;
    for (let d = 0; d < 7; d++) if (weekDays & (1 << d)) days[d]!++;
  }

  private fillFacets(f: Facets, types: Int32Array, fellowships: Int32Array, attendance: Int32Array, days: Int32Array): void {
    const s = this.store;
    types.forEach((n, bit) => {
      if (n > 0) f.types[s.typeCodes.values[bit]!] = n;
    });
    fellowships.forEach((n, id) => {
      if (n > 0 && id > 0) f.fellowship[s.fellowships.values[id]!] = n;
    });
    attendance.forEach((n, i) => {
      if (n > 0) f.attendance[ATTENDANCE[i]!] = n;
    });
    days.forEach((n, d) => {
      if (n > 0) f.day[String(d)] = n;
    });
  }
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
