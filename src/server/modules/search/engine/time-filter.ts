import type { MeetingStore } from '../index/meeting-store.js';
import type { SearchQuery } from './query.js';
import { TIME_OF_DAY } from './query.js';
import type { SearcherTime, TimeOps } from './time-ops.js';
import { DAY_MIN, DAY_MS, MINUTE_MS, WEEK_MIN, weekMinuteOf } from '../time/units.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/**
 * Everything evaluate() looks at lies within this horizon of "now": a meeting in progress started less than a day
 * ago, the coming week's occurrences, the searcher's today.
 */
const HORIZON_BEFORE_MS = 2 * DAY_MS;
const HORIZON_AFTER_MS = 9 * DAY_MS;

/**
 * Time judgements for one meeting, all in the searcher's zone: when it next
 * meets (or is meeting now), and whether it passes the day, part-of-day and
 * now/soon/today filters. Meetings by appointment pass only when no time
 * filter is set. The cheap test (the next occurrence, one table lookup per
 * weekday) runs first; the week of occurrences is only worked out for
 * meetings still in the running.
 */
export class TimeFilter {
  readonly active: boolean;
  readonly searcher: SearcherTime;
  private readonly dayMask: number;
  private readonly buckets: (readonly [number, number])[] | null;
  private readonly starts: number[] = [];
  /**
   * Per store zone, worked out on first use in this search: 1 when its offset is steady over the horizon (see
   * steadyOffset), 2 when it changes (the general path), 0 not yet known; and for steady zones the constants of
   * evaluateSteady: the start of the zone's current local week as an instant, the minute of that week now, and
   * the shift from its wall clock to the searcher's (0 … WEEK_MIN − 1).
   */
  private zoneState = new Uint8Array(0);
  private weekStartMs = new Float64Array(0);
  private nowWeekMin = new Int32Array(0);
  private shift = new Int32Array(0);
  /** Part-of-day bounds as flat [from, to) pairs in searcher-local minutes, or null. */
  private readonly bounds: Int32Array | null;
  private readonly searcherOffset: number;
  /**
   * The timing of the meeting last passed by evaluate(), read by the caller before the next call. Plain number
   * fields, NaN for a meeting by appointment: V8 then keeps them as mutable doubles in place, where a result object
   * whose times could be null boxed a new heap number per candidate (and fed the garbage collector).
   */
  startMs = Number.NaN;
  endMs = Number.NaN;
  happeningNow = false;
  /** Searcher-local weekdays (bits) of the occurrences in the coming week. */
  weekDays = 0;

  constructor(
    private readonly store: MeetingStore,
    private readonly time: TimeOps,
    private readonly q: SearchQuery,
    private readonly nowMs: number,
    /** Store zone id → time-ops zone id, filled on first use (kept by the engine across queries). */
    private readonly zoneMap: number[],
  ) {
    this.active = Boolean(q.days?.length || q.timeOfDay?.length || q.when);
    this.searcher = time.searcher(q.zone, nowMs);
    this.dayMask = q.days?.length ? q.days.reduce((m, d) => m | (1 << d), 0) : 0;
    this.buckets = q.timeOfDay?.length ? q.timeOfDay.map((t) => TIME_OF_DAY[t]) : null;
    this.searcherOffset = this.steadyOffset(time.zoneId(q.zone));
    this.bounds = this.buckets ? Int32Array.from(this.buckets.flat()) : null;
  }

  /** Classifies a store zone (zoneState) and fills its steady constants. */
  private prepareZone(storeZone: number): number {
    if (this.zoneState.length <= storeZone) {
      const n = Math.max(this.store.zones.size, storeZone + 1);
      this.zoneState = new Uint8Array(n);
      this.weekStartMs = new Float64Array(n);
      this.nowWeekMin = new Int32Array(n);
      this.shift = new Int32Array(n);
    }
    const offset = this.steadyOffset(this.zoneOfStoreZone(storeZone));
    if (Number.isNaN(offset) || Number.isNaN(this.searcherOffset)) return (this.zoneState[storeZone] = 2);
    const localNowMin = Math.floor(this.nowMs / MINUTE_MS) + offset;
    const nowWeekMin = weekMinuteOf(localNowMin);
    this.nowWeekMin[storeZone] = nowWeekMin;
    this.weekStartMs[storeZone] = (localNowMin - nowWeekMin - offset) * MINUTE_MS;
    this.shift[storeZone] = (((this.searcherOffset - offset) % WEEK_MIN) + WEEK_MIN) % WEEK_MIN;
    return (this.zoneState[storeZone] = 1);
  }

  /**
   * The zone's UTC offset if it is the same at both ends of the horizon, else NaN. Equal ends mean no change in
   * between because no zone keeps an offset for less than a few weeks (the shortest are Ramadan suspensions of DST).
   * With steady offsets a weekly meeting recurs every 604,800,000 ms exactly, and every judgement below is
   * arithmetic on minutes of the week: no table lookup and no allocation per meeting. Most searches, on every day
   * but the weeks around a clock change, take that path for every zone.
   */
  private steadyOffset(zoneId: number): number {
    const before = this.time.offsetMinutes(zoneId, this.nowMs - HORIZON_BEFORE_MS);
    const after = this.time.offsetMinutes(zoneId, this.nowMs + HORIZON_AFTER_MS);
    return before === after ? before : Number.NaN;
  }

  /** The time-ops zone id of a store zone id. */
  zoneOfStoreZone(storeZone: number): number {
    let zone = this.zoneMap[storeZone];
    if (zone === undefined) zone = this.zoneMap[storeZone] = this.time.zoneId(this.store.zones.values[storeZone]!);
    return zone;
  }

  /**
   * The searcher-local weekdays (bits) of a scheduled meeting's coming week, as `weekDays` after evaluate(), or -1
   * when its zone's offset changes within the horizon (then evaluate() must be used). For a match whose time only
   * feeds the day facet: no time filter, and no chance of entering the page.
   */
  weekDaysOf(days: number, start: number, storeZone: number): number {
    let state = storeZone < this.zoneState.length ? this.zoneState[storeZone]! : 0;
    if (state === 0) state = this.prepareZone(storeZone);
    if (state !== 1) return -1;
    const shift = this.shift[storeZone]!;
    let weekDays = 0;
    for (let bits = days; bits !== 0; bits &= bits - 1) {
      let seen = (31 - Math.clz32(bits & -bits)) * DAY_MIN + start + shift;
      if (seen >= WEEK_MIN) seen -= WEEK_MIN;
      weekDays |= 1 << ((seen / DAY_MIN) | 0);
    }
    return weekDays;
  }

  /** Whether a meeting passes the time filters; when it does, its timing is in the fields above. */
  evaluate(slot: number): boolean {
    const s = this.store;
    return this.evaluateMeeting(s.days[slot]!, s.start[slot]!, s.duration[slot]!, s.zone[slot]!);
  }

  /** evaluate() from a meeting's schedule fields (the engine reads them from its packed records). */
  evaluateMeeting(days: number, start: number, duration: number, storeZone: number): boolean {
    if (start < 0 || days === 0) {
      if (this.active) return false;
      this.startMs = Number.NaN;
      this.endMs = Number.NaN;
      this.happeningNow = false;
      this.weekDays = 0;
      return true;
    }
    let state = storeZone < this.zoneState.length ? this.zoneState[storeZone]! : 0;
    if (state === 0) state = this.prepareZone(storeZone);
    if (state === 1) return this.evaluateSteady(days, start, duration, storeZone);
    const zone = this.zoneOfStoreZone(storeZone);
    const now = this.nowMs;

    // The occurrence in progress wins; otherwise the earliest to start.
    let bestStart = Number.POSITIVE_INFINITY;
    let bestEnd = 0;
    let bestInProgress = false;
    for (let d = 0; d < 7; d++) {
      if (!(days & (1 << d))) continue;
      const occ = this.time.nextOccurrence(d, start, duration, zone, now);
      const inProgress = occ.startMs <= now;
      if ((inProgress && !bestInProgress) || (inProgress === bestInProgress && occ.startMs < bestStart)) {
        bestStart = occ.startMs;
        bestEnd = occ.endMs;
        bestInProgress = inProgress;
      }
    }
    const happeningNow = bestInProgress && now < bestEnd;
    const when = this.q.when;
    if (when === 'now' && !happeningNow) return false;
    if (when === 'soon' && (happeningNow || bestStart - now > this.q.soonMinutes * 60_000)) return false;
    if (when === 'today' || when === 'later_today') {
      const from = when === 'today' ? this.searcher.startOfTodayMs : now;
      if (!this.anyStart(days, start, duration, zone, from, this.searcher.startOfTomorrowMs)) return false;
    }

    // The coming week's occurrences, seen from the searcher's calendar: for the day and part-of-day filters and the day facet.
    let weekDays = 0;
    let partOfDay = this.buckets === null;
    for (let d = 0; d < 7; d++) {
      if (!(days & (1 << d))) continue;
      for (const startMs of this.occurrences(d, start, duration, zone, now, now + WEEK_MS)) {
        const local = this.searcher.localDayMinute(startMs);
        weekDays |= 1 << local.day;
        if (!partOfDay && (this.dayMask === 0 || this.dayMask & (1 << local.day)))
          partOfDay = inBounds(this.bounds!, local.minute);
      }
    }
    if (this.dayMask && !(weekDays & this.dayMask)) return false;
    if (!partOfDay) return false;
    return this.result(bestStart, bestEnd, happeningNow, weekDays);
  }

  /** evaluate() when the meeting's and the searcher's offsets are steady: the same answers, in week-minute arithmetic. */
  private evaluateSteady(days: number, start: number, duration: number, storeZone: number): boolean {
    const now = this.nowMs;
    const nowWeekMin = this.nowWeekMin[storeZone]!;
    const weekStartMs = this.weekStartMs[storeZone]!;
    // Meeting wall clock → searcher wall clock, in minutes.
    const shift = this.shift[storeZone]!;
    const durationMs = duration * MINUTE_MS;
    const dayMask = this.dayMask;
    const bounds = this.bounds;
    let bestStart = Number.POSITIVE_INFINITY;
    let bestEnd = 0;
    let bestInProgress = false;
    let weekDays = 0;
    let partOfDay = bounds === null;
    for (let bits = days; bits !== 0; bits &= bits - 1) {
      const d = 31 - Math.clz32(bits & -bits);
      const weekMin = d * DAY_MIN + start;
      // The latest start at or before now; if it has ended, the next (a week later) has not.
      let startMs = weekStartMs + (weekMin > nowWeekMin ? weekMin - WEEK_MIN : weekMin) * MINUTE_MS;
      if (startMs + durationMs <= now) startMs += WEEK_MS;
      const inProgress = startMs <= now;
      if ((inProgress && !bestInProgress) || (inProgress === bestInProgress && startMs < bestStart)) {
        bestStart = startMs;
        bestEnd = startMs + durationMs;
        bestInProgress = inProgress;
      }
      // Exactly one start falls in [now, now + week); it reads the same on the searcher's clock every week.
      let seen = weekMin + shift;
      if (seen >= WEEK_MIN) seen -= WEEK_MIN;
      const day = (seen / DAY_MIN) | 0;
      weekDays |= 1 << day;
      if (!partOfDay && (dayMask === 0 || dayMask & (1 << day))) partOfDay = inBounds(bounds!, seen - day * DAY_MIN);
    }
    const happeningNow = bestInProgress && now < bestEnd;
    const when = this.q.when;
    if (when !== undefined) {
      if (when === 'now' && !happeningNow) return false;
      if (when === 'soon' && (happeningNow || bestStart - now > this.q.soonMinutes * 60_000)) return false;
      if (when === 'today' || when === 'later_today') {
        const from = when === 'today' ? this.searcher.startOfTodayMs : now;
        const to = this.searcher.startOfTomorrowMs;
        let any = false;
        for (let d = 0; d < 7 && !any; d++) {
          if (!(days & (1 << d))) continue;
          const someStart = weekStartMs + (d * DAY_MIN + start) * MINUTE_MS;
          const first = someStart + Math.ceil((from - someStart) / WEEK_MS) * WEEK_MS;
          any = first < to;
        }
        if (!any) return false;
      }
    }
    if (dayMask && !(weekDays & dayMask)) return false;
    if (!partOfDay) return false;
    return this.result(bestStart, bestEnd, happeningNow, weekDays);
  }

  private result(startMs: number, endMs: number, happeningNow: boolean, weekDays: number): boolean {
    this.startMs = startMs;
    this.endMs = endMs;
    this.happeningNow = happeningNow;
    this.weekDays = weekDays;
    return true;
  }

  private anyStart(days: number, start: number, duration: number, zone: number, from: number, to: number): boolean {
    for (let d = 0; d < 7; d++) {
      if (days & (1 << d) && this.occurrences(d, start, duration, zone, from, to).length > 0) return true;
    }
    return false;
  }

  /** Occurrence starts in [from, to), into one reused array (the caller reads it before the next call). */
  private occurrences(day: number, start: number, duration: number, zone: number, from: number, to: number): number[] {
    this.starts.length = 0;
    return this.time.occurrencesBetween(day, start, duration, zone, from, to, this.starts);
  }
}

/** Whether a searcher-local minute of the day is in one of the [from, to) parts (a part may wrap past midnight). */
function inBounds(bounds: Int32Array, minute: number): boolean {
  for (let k = 0; k < bounds.length; k += 2) {
    const from = bounds[k]!;
    const to = bounds[k + 1]!;
    if (from < to ? minute >= from && minute < to : minute >= from || minute < to) return true;
  }
  return false;
}
