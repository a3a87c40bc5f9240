import type { MeetingStore } from '../index/meeting-store.js';
import type { SearchQuery } from './query.js';
import { TIME_OF_DAY } from './query.js';
import type { SearcherTime, TimeOps } from './time-ops.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface Timing {
  startMs: number | null;
  endMs: number | null;
  happeningNow: boolean;
  /** Searcher-local weekdays (bits) of the occurrences in the coming week. */
  weekDays: number;
}

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
  }

  /** The time-ops zone id of a slot's meeting. */
  zoneOf(slot: number): number {
    return this.zoneOfStoreZone(this.store.zone[slot]!);
  }

  /** The time-ops zone id of a store zone id. */
  zoneOfStoreZone(storeZone: number): number {
    let zone = this.zoneMap[storeZone];
    if (zone === undefined) zone = this.zoneMap[storeZone] = this.time.zoneId(this.store.zones.values[storeZone]!);
    return zone;
  }

  /** Timing of a meeting, or null when it fails a time filter. */
  evaluate(slot: number): Timing | null {
    const s = this.store;
    const start = s.start[slot]!;
    const days = s.days[slot]!;
    if (start < 0 || days === 0) return this.active ? null : { startMs: null, endMs: null, happeningNow: false, weekDays: 0 };
    const zone = this.zoneOf(slot);
    const duration = s.duration[slot]!;
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
    if (when === 'now' && !happeningNow) return null;
    if (when === 'soon' && (happeningNow || bestStart - now > this.q.soonMinutes * 60_000)) return null;
    if (when === 'today' || when === 'later_today') {
      const from = when === 'today' ? this.searcher.startOfTodayMs : now;
      if (!this.anyStart(days, start, duration, zone, from, this.searcher.startOfTomorrowMs)) return null;
    }

    // The coming week's occurrences, seen from the searcher's calendar: for the day and part-of-day filters and the day facet.
    let weekDays = 0;
    let partOfDay = this.buckets === null;
    for (let d = 0; d < 7; d++) {
      if (!(days & (1 << d))) continue;
      for (const startMs of this.occurrences(d, start, duration, zone, now, now + WEEK_MS)) {
        const local = this.searcher.localDayMinute(startMs);
        weekDays |= 1 << local.day;
        if (!partOfDay && (this.dayMask === 0 || this.dayMask & (1 << local.day))) partOfDay = this.inBuckets(local.minute);
      }
    }
    if (this.dayMask && !(weekDays & this.dayMask)) return null;
    if (!partOfDay) return null;
    return { startMs: bestStart, endMs: bestEnd, happeningNow, weekDays };
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

  private inBuckets(minute: number): boolean {
    for (const [from, to] of this.buckets!) {
      if (from < to ? minute >= from && minute < to : minute >= from || minute < to) return true;
    }
    return false;
  }
}
