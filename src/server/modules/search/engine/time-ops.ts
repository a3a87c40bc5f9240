/**
 * What the search engine needs to know about time, in plain numbers so the
 * per-meeting work stays arithmetic. Implemented over the zone tables of
 * `search/time`; the brute-force reference in tests uses luxon instead.
 */
export interface TimeOps {
  /** Small id of an IANA zone. */
  zoneId(zone: string): number;
  /** UTC offset of a zone at an instant, in minutes east of UTC. */
  offsetMinutes(zoneId: number, utcMs: number): number;
  /** The occurrence in progress at `nowMs`, else the next to start. */
  nextOccurrence(day: number, start: number, duration: number, zoneId: number, nowMs: number): { startMs: number; endMs: number };
  /** Starts of occurrences in [fromMs, toMs), appended to `out` when given (no allocation per call). */
  occurrencesBetween(
    day: number,
    start: number,
    duration: number,
    zoneId: number,
    fromMs: number,
    toMs: number,
    out?: number[],
  ): number[];
  /** Prepares the tables of every zone seen so far, so the first queries do not pay for them. */
  warm?(nowMs: number): void;
  /** The searcher's day boundaries and local calendar. */
  searcher(zone: string, nowMs: number): SearcherTime;
}

export interface SearcherTime {
  startOfTodayMs: number;
  startOfTomorrowMs: number;
  /** Local weekday (0 = Sunday) and minute of day of an instant, in the searcher's zone. */
  localDayMinute(utcMs: number): { day: number; minute: number };
}
