/**
 * BMLT has one weekday per meeting; Kinship meetings can have several. Each
 * meeting-day needs its own `id_bigint`, stable across requests and restarts:
 * - the meeting's first day (the earliest, Sunday first) uses the meeting id;
 * - every other day uses weekday_tinyint × 10^10 + the meeting id, e.g.
 *   meeting 42 on Tuesday (3) and Thursday (5) is 42 and 50000000042.
 * Meeting ids stay below 2^31, so the two ranges never meet, and the largest
 * id (7 × 10^10 + 2^31) is a safe JavaScript integer. An id changes only when
 * the meeting's own schedule changes which day comes first.
 */
export const EXTRA_DAY_FACTOR = 10_000_000_000;

/** The `id_bigint` of a meeting on a BMLT weekday (1 = Sunday … 7 = Saturday). */
export function meetingDayId(meetingId: number, weekday: number, isFirstDay: boolean): number {
  return isFirstDay ? meetingId : weekday * EXTRA_DAY_FACTOR + meetingId;
}

/** The meeting behind an `id_bigint` (the weekday is not needed to find it). */
export function meetingIdOf(dayId: number): number {
  return dayId % EXTRA_DAY_FACTOR;
}
