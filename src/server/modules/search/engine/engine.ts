import { ATTENDANCE } from '../index/indexed-meeting.js';
import { GeoIndex } from '../index/geo-index.js';
import type { MeetingStore } from '../index/meeting-store.js';
import { compileFilters, type CompiledFilters } from './filters.js';
import { PhraseSets } from './phrase-sets.js';
import { SlotBuffer, SlotMarks, SlotSet } from '../index/slot-buffer.js';
import { HotRecords } from '../index/hot-records.js';
import type { CursorKey, SearchQuery, SearchResult } from './query.js';
import { TimeFilter } from './time-filter.js';
import type { TextQuery } from '../index/text.js';
import type { PhraseMatcher } from '../index/word-sequences.js';
import { ScheduleIndex, type ZoneEntries } from '../index/schedule-index.js';
import type { TimeOps } from './time-ops.js';
import { TIME_OF_DAY } from './query.js';
import { DAY_MIN, DAY_MS, MINUTE_MS, weekMinuteOf } from '../time/units.js';
import { Scan } from './scan.js';

const ONLINE = ATTENDANCE.indexOf('online');
const HYBRID = ATTENDANCE.indexOf('hybrid');
/** Widening of day and part-of-day windows: more than any drift of local midnight from a 24-hour step. */
const WINDOW_PAD_MS = 2 * 3600_000;

/**
 * Answers searches from the in-memory index in two steps. First the candidates, a superset of the matches as
 * small as the indexes make it: the circle (k-d trees by hour of the week) plus online meetings starting in the
 * time windows (online schedule index), the meetings having every word of the text (postings intersected), the
 * time windows alone (schedule index), or every (online) meeting when nothing narrows them. Then the pass over
 * them (engine/scan.ts): filters, time judgements in the searcher's zone, facet counts, and a bounded selection of
 * the page asked for (not a full sort).
 */
export class SearchEngine {
  readonly geo: GeoIndex;
  readonly schedule: ScheduleIndex;
  /** Weekly starts of online and hybrid meetings only: what "online, starting soon" and "include online" scan. */
  readonly onlineSchedule: ScheduleIndex;
  private readonly zoneMap: number[] = [];
  /** Slots of online and hybrid meetings, rebuilt after changes: "include online" without scanning every slot. */
  private onlineSlots = new Int32Array(0);
  private unscheduledSlots = new Int32Array(0);
  private onlineVersion = -1;
  private readonly marks = new SlotMarks();
  private readonly seen = new SlotSet();
  private readonly union = new SlotSet();
  private readonly phrases: PhraseSets;
  private readonly candidates = new SlotBuffer();
  /** Candidates before this index lie in the search's circle. */
  private inCircle = 0;
  private readonly hot: HotRecords;

  constructor(
    readonly store: MeetingStore,
    private readonly time: TimeOps,
  ) {
    this.hot = new HotRecords(store);
    this.phrases = new PhraseSets(store);
    this.geo = new GeoIndex(store, this.hot);
    this.schedule = new ScheduleIndex(store, this.hot);
    this.onlineSchedule = new ScheduleIndex(store, this.hot, (slot) => this.isOnline(slot));
  }

  private isOnline(slot: number): boolean {
    const a = this.store.attendance[slot];
    return a === ONLINE || a === HYBRID;
  }

  private online(): Int32Array {
    this.refreshOnline();
    return this.onlineSlots;
  }

  /** Online meetings by appointment: those the online schedule index does not hold. */
  private onlineUnscheduled(): Int32Array {
    this.refreshOnline();
    return this.unscheduledSlots;
  }

  private refreshOnline(): void {
    const s = this.store;
    if (this.onlineVersion === s.version) return;
    const all: number[] = [];
    const unscheduled: number[] = [];
    for (let slot = 0; slot < s.length; slot++) {
      if (!s.alive[slot] || !this.isOnline(slot)) continue;
      all.push(slot);
      if (s.start[slot]! < 0 || s.days[slot] === 0) unscheduled.push(slot);
    }
    this.onlineSlots = Int32Array.from(all);
    this.unscheduledSlots = Int32Array.from(unscheduled);
    this.onlineVersion = s.version;
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
    const filters = compileFilters(this.store, q);
    if (!filters.possible)
      return { total: 0, hits: [], facets: { types: {}, fellowship: {}, attendance: {}, day: {} }, next: null };
    const timeFilter = new TimeFilter(this.store, this.time, q, nowMs, this.zoneMap);
    const scan = new Scan(this.store, q, filters, timeFilter);
    this.run(q, filters, timeFilter, nowMs, scan);
    const page = scan.page;
    const hits = page.result();
    const last = hits.at(-1);
    const next: CursorKey | null = page.more && last ? { sort: q.sort, key: last.key, id: last.id, nowMs } : null;
    return { total: scan.total, hits: hits.map(({ key: _key, ...hit }) => hit), facets: scan.facets(), next };
  }

  /** Finds the candidates and runs the scan over them, run by run. */
  private run(q: SearchQuery, f: CompiledFilters, timeFilter: TimeFilter, nowMs: number, scan: Scan): void {
    const s = this.store;
    const hot = this.hot.current();
    const out = this.candidates;
    out.clear();
    this.inCircle = Number.MAX_SAFE_INTEGER;
    const seen = this.seen.reset(s.capacity);
    const offsetOf = (storeZone: number, utcMs: number) => this.time.offsetMinutes(timeFilter.zoneOfStoreZone(storeZone), utcMs);
    const scanList = (from: number, to: number, outside: boolean) => scan.run(hot, null, null, out.data, from, to, outside, null);
    /** Every run of a schedule index in the windows, each meeting once (marks), or null when there are no windows. */
    const scanWindows = (index: ScheduleIndex, outside: boolean): boolean => {
      const windows = this.timeWindows(q, timeFilter, nowMs, index);
      if (!windows) return false;
      const visit = (e: ZoneEntries, from: number, to: number) =>
        scan.run(e.records, e.slots, null, null, from, to, outside, seen);
      for (const [from, to] of windows) index.eachRunBetween(from, to, offsetOf, visit);
      return true;
    };
    // Without a time window: every online meeting, from the schedule's runs (read in order), then those by appointment.
    const scanOnline = (outside: boolean) => {
      this.onlineSchedule.eachRun((e, from, to) => scan.run(e.records, e.slots, null, null, from, to, outside, seen));
      const unscheduled = this.onlineUnscheduled();
      scan.run(hot, null, null, unscheduled, 0, unscheduled.length, outside, seen);
    };

    const near = q.near;
    if (near && q.online !== 'only') {
      const windows = this.timeWindows(q, timeFilter, nowMs, this.schedule);
      const ranges = windows && this.weekRanges(windows, offsetOf);
      if (!f.text) {
        // The circle's meetings, read from the geo buckets' own copies of their records, bucket by bucket.
        this.geo.eachWithin(near.lat, near.lng, near.radiusKm, ranges, seen, (b, positions, count) =>
          scan.run(b.records, b.slots, b.coords, positions, 0, count, false, null),
        );
        // Every meeting in the circle that can match is now in `seen` (the geo buckets' stretches of the week hold
        // the online schedule's windows, see weekRanges), so the online meetings scanned after it lie outside.
        if (q.online === 'include' && !scanWindows(this.onlineSchedule, true)) scanOnline(true);
        return;
      }
      this.geo.collectWithin(near.lat, near.lng, near.radiusKm, ranges, out, seen);
      this.inCircle = out.length;
      if (q.online === 'include') {
        const windows = this.timeWindows(q, timeFilter, nowMs, this.onlineSchedule);
        if (windows) for (const [from, to] of windows) this.onlineSchedule.collectStartingBetween(from, to, offsetOf, out, seen);
        else
          for (const slot of this.online()) {
            const bit = 1 << (slot & 31);
            if ((seen[slot >> 5]! & bit) !== 0) continue;
            seen[slot >> 5]! |= bit;
            out.push(slot);
          }
      }
      this.narrowByText(f.text, null, null);
      scanList(0, this.inCircle, false);
      scanList(this.inCircle, out.length, true);
      return;
    }
    if (f.text) {
      this.collectText(f.text, q.online === 'only');
      scanList(0, out.length, false);
      return;
    }
    if (q.online === 'only') {
      if (!scanWindows(this.onlineSchedule, false)) scanOnline(false);
      return;
    }
    if (!scanWindows(this.schedule, false)) scan.run(hot, null, null, null, 0, s.length, false, null);
  }

  /**
   * The meetings having the text: those having its rarest phrase (phrase-sets.ts), or else the postings of its
   * rarest prefix word, in slot order, then narrowed by the rest (narrowByText).
   */
  private collectText(text: TextQuery, onlineOnly: boolean): void {
    const s = this.store;
    const out = this.candidates;
    const keep = (slot: number) => {
      if (!onlineOnly || this.isOnline(slot)) out.push(slot);
    };
    if (text.phrases.length > 0) {
      let rarest = text.phrases[0]!;
      let set = this.phrases.slotsWith(rarest);
      for (const phrase of text.phrases.slice(1)) {
        const other = this.phrases.slotsWith(phrase);
        if (other.length < set.length) [rarest, set] = [phrase, other];
      }
      for (let i = 0; i < set.length; i++) keep(set[i]!);
      this.narrowByText(text, null, rarest);
      return;
    }
    let driver = '';
    let least = Number.POSITIVE_INFINITY;
    for (const p of text.prefixes) {
      const n = s.text.prefixCount(p);
      if (n < least) [driver, least] = [p, n];
    }
    s.text.eachSlotInOrder(driver, this.union, s.capacity, keep);
    this.narrowByText(text, driver, null);
  }

  /**
   * Keeps the candidates that have the text, but for the prefix word `donePrefix` and the phrase `donePhrase`
   * (already applied): each other prefix word, rarest first, by marking its postings or, when there are many more
   * of them than candidates, by testing the candidates' word sequences; then each other phrase, by its set.
   */
  private narrowByText(text: TextQuery, donePrefix: string | null, donePhrase: string | null): void {
    const s = this.store;
    const counted = text.prefixes
      .filter((p) => p !== donePrefix)
      .map((p) => ({ p, n: s.text.prefixCount(p) }))
      .sort((a, b) => a.n - b.n);
    for (const { p, n } of counted) {
      if (this.candidates.length === 0) return;
      if (n < this.candidates.length * 20) this.narrowByMarks((visit) => s.text.eachPrefixWord(p, visit));
      else this.narrowByMatcher(s.text.phraseMatcher(p));
    }
    for (const phrase of text.phrases) {
      if (phrase !== donePhrase) this.narrowByMarks((visit) => visit(this.phrases.slotsWith(phrase)));
    }
  }

  /** Keeps the candidates in one of the lists that `lists` visits, by marking them. */
  private narrowByMarks(lists: (visit: (list: ArrayLike<number>) => void) => void): void {
    const stamp = this.marks.next(this.store.capacity);
    const marks = this.marks.array;
    lists((list) => {
      for (let i = 0; i < list.length; i++) marks[list[i]!] = stamp;
    });
    const out = this.candidates;
    const data = out.data;
    let kept = 0;
    let inCircle = this.inCircle;
    for (let i = 0; i < out.length; i++) {
      if (marks[data[i]!] === stamp) data[kept++] = data[i]!;
      if (i + 1 === this.inCircle) inCircle = kept;
    }
    this.keptOf(kept, inCircle);
  }

  /** Keeps the candidates whose words match (none when `m` is null: a phrase no meeting has). */
  private narrowByMatcher(m: PhraseMatcher | null): void {
    const text = this.store.text;
    const out = this.candidates;
    const data = out.data;
    let kept = 0;
    let inCircle = this.inCircle;
    for (let i = 0; i < out.length; i++) {
      if (m !== null && text.matches(data[i]!, m)) data[kept++] = data[i]!;
      if (i + 1 === this.inCircle) inCircle = kept;
    }
    this.keptOf(kept, inCircle);
  }

  /** After a narrowing kept the first `kept` candidates (in order: the circle's stay first, `inCircle` of them). */
  private keptOf(kept: number, inCircle: number): void {
    this.candidates.length = kept;
    this.inCircle = inCircle;
  }
}
