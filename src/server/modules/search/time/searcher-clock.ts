import type { ZoneTable } from './zone-table.js';
import { DAY_MIN, DAY_MS, MINUTE_MS, weekMinuteOf } from './units.js';

/** A wall-clock reading: weekday (0 = Sunday) and minute of the day (0–1439). */
export interface LocalDayAndMinute {
  day: number;
  minute: number;
}

/**
 * The searcher's side of a query: "today" and "later today" as instants, and the searcher's wall clock for any
 * instant (the "day" and "time of day" filters are evaluated where the searcher is, not where the meeting is).
 * Build one per query; its methods are a table lookup and arithmetic.
 */
export class SearcherClock {
  /** Searcher's local midnight that began today, as an instant (the first one, if the clock went back over it). */
  readonly startOfTodayMs: number;
  /** Next local midnight as an instant: a searcher's day can be 23 or 25 hours long (or 24.5 on Lord Howe). */
  readonly startOfTomorrowMs: number;
  /** Searcher's weekday now, 0 = Sunday. */
  readonly today: number;
  /** Searcher's minute of the day now. */
  readonly minuteNow: number;

  /**
   * @param zones the shared zone table
   * @param zoneId the searcher's zone, from `zones.zoneId`
   * @param nowMs the instant of the query
   */
  constructor(
    private readonly zones: ZoneTable,
    readonly zoneId: number,
    readonly nowMs: number,
  ) {
    const localNowMs = nowMs + zones.offsetAt(zoneId, nowMs) * MINUTE_MS;
    const localMidnightMs = Math.floor(localNowMs / DAY_MS) * DAY_MS;
    // A midnight skipped by a spring-forward (Beirut, Santiago) resolves to the first instant of the day.
    this.startOfTodayMs = zones.localToUtc(zoneId, localMidnightMs);
    this.startOfTomorrowMs = zones.localToUtc(zoneId, localMidnightMs + DAY_MS);
    const weekMin = weekMinuteOf(Math.floor(localNowMs / MINUTE_MS));
    this.today = Math.floor(weekMin / DAY_MIN);
    this.minuteNow = weekMin % DAY_MIN;
  }

  /** Minute of the searcher's week (0 = Sunday 00:00 … 10079 = Saturday 23:59) at an instant; allocates nothing. */
  localWeekMinute(utcMs: number): number {
    return weekMinuteOf(Math.floor(utcMs / MINUTE_MS) + this.zones.offsetAt(this.zoneId, utcMs));
  }

  /** Searcher's weekday and minute of the day at an instant, e.g. where an occurrence's start falls for them. */
  localDayAndMinute(utcMs: number): LocalDayAndMinute {
    const weekMin = this.localWeekMinute(utcMs);
    return { day: Math.floor(weekMin / DAY_MIN), minute: weekMin % DAY_MIN };
  }

  /** Whether an instant falls on the searcher's today, [startOfTodayMs, startOfTomorrowMs). */
  isToday(utcMs: number): boolean {
    return utcMs >= this.startOfTodayMs && utcMs < this.startOfTomorrowMs;
  }

  /** Whether an instant is still to come today for the searcher, [nowMs, startOfTomorrowMs). */
  isLaterToday(utcMs: number): boolean {
    return utcMs >= this.nowMs && utcMs < this.startOfTomorrowMs;
  }
}
