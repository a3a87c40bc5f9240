import type { MeetingStore } from '../index/meeting-store.js';
import type { SearchQuery } from './query.js';
import { TIME_OF_DAY } from './query.js';
import type { SearcherTime, TimeOps } from './time-ops.js';
import { DAY_MIN, DAY_MS, MINUTE_MS, WEEK_MIN, weekMinuteOf } from '../time/units.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** What passingWeekDays() returns for a meeting failing the time filters, and when it cannot tell. */
export const FAILS = -2;
export const UNKNOWN = -1;
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
  /** True when a filter looks at the next occurrence (now, soon, today): then passingWeekDays() cannot judge. */
  readonly judgesOccurrence: boolean;
  readonly searcher: SearcherTime;
  private readonly dayMask: number;
  private readonly buckets: (readonly [number, number])[] | null;
  private readonly starts: number[] = [];
  /**
   * Per store zone, worked out on first use in this search: 1 when its offset is steady over the horizon (see
   * steadyOffset), 2 when it changes (the general path), 0 not yet known; and for steady zones the constants of
   * evaluateSteady: the minute of the zone's local week now, and the shift from its wall clock to the searcher's
   * (0 … WEEK_MIN − 1).
   */
  private zoneState = new Uint8Array(0);
  private nowWeekMin = new Int32Array(0);
  private shift = new Int32Array(0);
  /** Part-of-day bounds as flat [from, to) pairs in searcher-local minutes, or null. */
  private readonly bounds: Int32Array | null;
  /** The same bounds by searcher-local minute of the day (1 inside), or null: one lookup per meeting. */
  private readonly inPartOfDay: Uint8Array | null;
  private readonly searcherOffset: number;
  /** Now, rounded down to its minute: the instant from which evaluateSteady counts minutes. */
  private readonly nowMinuteMs: number;
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
    this.judgesOccurrence = Boolean(q.when);
    this.searcher = time.searcher(q.zone, nowMs);
    this.dayMask = q.days?.length ? q.days.reduce((m, d) => m | (1 << d), 0) : 0;
    this.buckets = q.timeOfDay?.length ? q.timeOfDay.map((t) => TIME_OF_DAY[t]) : null;
    this.searcherOffset = this.steadyOffset(time.zoneId(q.zone));
    this.bounds = this.buckets ? Int32Array.from(this.buckets.flat()) : null;
    this.inPartOfDay = null;
    if (this.bounds !== null) {
      const table = new Uint8Array(DAY_MIN);
      for (let minute = 0; minute < DAY_MIN; minute++) table[minute] = inBounds(this.bounds, minute) ? 1 : 0;
      this.inPartOfDay = table;
    }
    this.nowMinuteMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  }

  /** Classifies a store zone (zoneState) and fills its steady constants. */
  private prepareZone(storeZone: number): number {
    if (this.zoneState.length <= storeZone) {
      const n = Math.max(this.store.zones.size, storeZone + 1);
      this.zoneState = new Uint8Array(n);
      this.nowWeekMin = new Int32Array(n);
      this.shift = new Int32Array(n);
    }
    const offset = this.steadyOffset(this.zoneOfStoreZone(storeZone));
    // evaluateSteady counts whole minutes from now's minute, which is a minute of every zone's wall clock only when
    // the offsets are whole minutes (all of today's are; a zone with seconds takes the general path).
    if (!Number.isInteger(offset) || !Number.isInteger(this.searcherOffset)) return (this.zoneState[storeZone] = 2);
    this.nowWeekMin[storeZone] = weekMinuteOf(Math.floor(this.nowMs / MINUTE_MS) + offset);
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
   * Without a `when` filter (see judgesOccurrence), whether a meeting passes the time filters needs only its
   * weekdays and minute of the day on the searcher's clock, not its next occurrence: its searcher-local weekdays
   * (`weekDays` after evaluate()) when it passes, FAILS when it does not, or UNKNOWN when its zone's offset changes
   * within the horizon (evaluate() decides). For matches whose occurrence matters only if they enter the page.
   */
  passingWeekDays(days: number, start: number, storeZone: number): number {
    if (start < 0 || days === 0) return this.active ? FAILS : 0;
    let state = storeZone < this.zoneState.length ? this.zoneState[storeZone]! : 0;
    if (state === 0) state = this.prepareZone(storeZone);
    return state === 1 ? this.steadyWeekDays(days, start, storeZone) : UNKNOWN;
  }

  /** Whether a meeting passes the time filters; when it does, its timing is in the fields above. */
  evaluate(slot: number): boolean {
    const s = this.store;
    return this.evaluateMeeting(s.days[slot]!, s.start[slot]!, s.duration[slot]!, s.zone[slot]!);
  }

  /** evaluate() from a meeting's schedule fields (the engine reads them from its packed records). */
  evaluateMeeting(days: number, start: number, duration: number, storeZone: number): boolean {
    // Kept small, like evaluateSteady, so that the compiler inlines both into the scan's loops: a call per
    // candidate showed as a tenth of the pass.
    if (start >= 0 && days !== 0 && storeZone < this.zoneState.length && this.zoneState[storeZone] === 1)
      return this.evaluateSteady(days, start, duration, storeZone);
    return this.evaluateOther(days, start, duration, storeZone);
  }

  /** evaluateMeeting() for a meeting by appointment, in a zone not yet seen, or in one whose offset changes. */
  private evaluateOther(days: number, start: number, duration: number, storeZone: number): boolean {
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

  /**
   * evaluate() when the meeting's and the searcher's offsets are steady: the same answers, in week-minute
   * arithmetic on int32s. An occurrence is placed by `rel`, its start in whole minutes after now's minute; now lies
   * less than a minute past that, so an occurrence has started when rel ≤ 0 and has ended when rel + duration ≤ 0.
   */
  private evaluateSteady(days: number, start: number, duration: number, storeZone: number): boolean {
    const weekDays = this.steadyWeekDays(days, start, storeZone);
    if (weekDays === FAILS) return false;
    const nowWeekMin = this.nowWeekMin[storeZone]!;
    // Per weekday, the latest start at or before now's minute; if it has ended, the next (a week later) has not.
    // The occurrence in progress wins, else the earliest to start: the least rel either way, since one in progress
    // has rel ≤ 0 and the others rel > 0.
    const fromNow = start - nowWeekMin;
    let best = 2 * WEEK_MIN;
    for (let bits = days; bits !== 0; bits &= bits - 1) {
      let rel = (31 - Math.clz32(bits & -bits)) * DAY_MIN + fromNow;
      // Branch-free, as which way each goes depends on the meeting (branches here were often mispredicted):
      // (x − 1) >> 31 is all ones when x ≤ 0, else zero (|x| is less than a few weeks of minutes).
      rel -= WEEK_MIN & ~((rel - 1) >> 31);
      rel += WEEK_MIN & ((rel + duration - 1) >> 31);
      if (rel < best) best = rel;
    }
    const startMs = this.nowMinuteMs + best * MINUTE_MS;
    // One that has started has not ended (it would have moved a week on).
    const happeningNow = best <= 0;
    if (this.judgesOccurrence && !this.passesWhen(days, start, nowWeekMin, startMs, happeningNow)) return false;
    return this.result(startMs, startMs + duration * MINUTE_MS, happeningNow, weekDays);
  }

  /** For evaluateSteady, apart so that the scan's loops inline less: the now, soon and today filters. */
  private passesWhen(days: number, start: number, nowWeekMin: number, startMs: number, happeningNow: boolean): boolean {
    switch (this.q.when) {
      case 'now':
        return happeningNow;
      case 'soon':
        return !happeningNow && startMs - this.nowMs <= this.q.soonMinutes * 60_000;
      case 'today':
      case 'later_today':
        return this.startsToday(days, start, nowWeekMin);
      default:
        return true;
    }
  }

  /**
   * A meeting's searcher-local weekdays if it passes the day and part-of-day filters, else FAILS, when its and the
   * searcher's offsets are steady. Exactly one start per weekday falls in [now, now + week), each at the same minute
   * of the day on the searcher's clock (see rotateDays).
   */
  private steadyWeekDays(days: number, start: number, storeZone: number): number {
    const shifted = start + this.shift[storeZone]!;
    const shiftedDays = wholeDays(shifted);
    const weekDays = rotateDays(days, shiftedDays);
    if (this.dayMask !== 0 && (weekDays & this.dayMask) === 0) return FAILS;
    const inPartOfDay = this.inPartOfDay;
    if (inPartOfDay !== null && inPartOfDay[shifted - shiftedDays * DAY_MIN] === 0) return FAILS;
    return weekDays;
  }

  /** For evaluateSteady: whether an occurrence starts in the searcher's today (from now, for later_today). */
  private startsToday(days: number, start: number, nowWeekMin: number): boolean {
    const from = this.q.when === 'today' ? this.searcher.startOfTodayMs : this.nowMs;
    const to = this.searcher.startOfTomorrowMs;
    // The start of the zone's current local week, as an instant.
    const weekStartMs = this.nowMinuteMs - nowWeekMin * MINUTE_MS;
    for (let d = 0; d < 7; d++) {
      if (!(days & (1 << d))) continue;
      const someStart = weekStartMs + (d * DAY_MIN + start) * MINUTE_MS;
      if (someStart + Math.ceil((from - someStart) / WEEK_MS) * WEEK_MS < to) return true;
    }
    return false;
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

/**
 * The searcher-local weekdays (bits) of a weekly meeting's occurrences, given its weekdays and `shiftedDays`, the
 * whole days in its start plus the shift from its clock to the searcher's. Weekday d's occurrence reads
 * (d × DAY_MIN + shifted) mod WEEK_MIN on the searcher's clock: every weekday moves by the same whole days, so the
 * mask rotates, and each reads the same minute of the day (shifted mod DAY_MIN).
 */
function rotateDays(days: number, shiftedDays: number): number {
  // Three copies of the mask side by side (days × 0x4081): any seven consecutive bits of it are the mask rotated,
  // for a rotation of 0 … 14 days (shiftedDays is at most 8) with no branch and no remainder.
  return ((days * 0x4081) >>> (14 - shiftedDays)) & 0x7f;
}

/**
 * floor(minutes / DAY_MIN) for 0 ≤ minutes < 32,768 (a start plus a shift is less than 13,000), in integer
 * multiplication: DAY_MIN = 32 × 45, and 1457 / 65536 is close enough to 1/45 for quotients below 1024 (checked
 * over the whole range). It runs for every candidate, where a division and remainder were the time pass's costliest
 * line.
 */
function wholeDays(minutes: number): number {
  return Math.imul(minutes >> 5, 1457) >>> 16;
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
