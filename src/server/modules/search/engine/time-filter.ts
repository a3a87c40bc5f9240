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
 * filter is set.
 */
export class TimeFilter {
  readonly active: boolean;
  private readonly searcher: SearcherTime;
  private readonly dayMask: number;
  private readonly buckets: (readonly [number, number])[] | null;

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

  /** Timing of a meeting, or null when it fails a time filter. */
  evaluate(slot: number): Timing | null {
    const s = this.store;
    const start = s.start[slot]!;
    const days = s.days[slot]!;
    if (start < 0 || days === 0) return this.active ? null : { startMs: null, endMs: null, happeningNow: false, weekDays: 0 };
    const storeZone = s.zone[slot]!;
    let zone = this.zoneMap[storeZone];
    if (zone === undefined) zone = this.zoneMap[storeZone] = this.time.zoneId(s.zones.values[storeZone]!);
    const duration = s.duration[slot]!;
    const now = this.nowMs;
    let best: { startMs: number; endMs: number } | null = null;
    let weekDays = 0;
    let partOfDay = this.buckets === null;
    let today = false;
    let laterToday = false;
    for (let d = 0; d < 7; d++) {
      if (!(days & (1 << d))) continue;
      const occ = this.time.nextOccurrence(d, start, duration, zone, now);
      // The occurrence in progress wins; otherwise the earliest to start.
      const inProgress = occ.startMs <= now;
      const bestInProgress = best !== null && best.startMs <= now;
      if (best === null || (inProgress && !bestInProgress) || (inProgress === bestInProgress && occ.startMs < best.startMs))
        best = occ;
      for (const startMs of this.time.occurrencesBetween(d, start, duration, zone, now, now + WEEK_MS)) {
        const local = this.searcher.localDayMinute(startMs);
        weekDays |= 1 << local.day;
        if (!partOfDay && (this.dayMask === 0 || this.dayMask & (1 << local.day))) partOfDay = this.inBuckets(local.minute);
      }
      if (this.q.when === 'today' || this.q.when === 'later_today') {
        for (const startMs of this.time.occurrencesBetween(
          d,
          start,
          duration,
          zone,
          this.searcher.startOfTodayMs,
          this.searcher.startOfTomorrowMs,
        )) {
          today = true;
          if (startMs >= now) laterToday = true;
        }
      }
    }
    if (!best) return null;
    if (this.dayMask && !(weekDays & this.dayMask)) return null;
    if (!partOfDay) return null;
    const happeningNow = best.startMs <= now && now < best.endMs;
    switch (this.q.when) {
      case 'now':
        if (!happeningNow) return null;
        break;
      case 'soon':
        if (happeningNow || best.startMs - now > this.q.soonMinutes * 60_000) return null;
        break;
      case 'today':
        if (!today) return null;
        break;
      case 'later_today':
        if (!laterToday) return null;
        break;
      default:
        break;
    }
    return { startMs: best.startMs, endMs: best.endMs, happeningNow, weekDays };
  }

  private inBuckets(minute: number): boolean {
    for (const [from, to] of this.buckets!) {
      if (from < to ? minute >= from && minute < to : minute >= from || minute < to) return true;
    }
    return false;
  }
}
