/** Time units as plain numbers, shared by the time engine's hot paths. */
/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in a 24-hour day (wall-clock arithmetic: a local day may be 23 or 25 hours of real time). */
export const DAY_MS = 86_400_000;
/** Minutes in a wall-clock day. */
export const DAY_MIN = 1440;
/** Minutes in a wall-clock week: weekly slots repeat every WEEK_MIN local minutes. */
export const WEEK_MIN = 10_080;

/**
 * 1970-01-01 (epoch minute 0) was a Thursday, so epoch minute 0 is minute 4 × 1440 of a week that starts on
 * Sunday. Adding this turns "minutes since the epoch" into a count whose remainder mod 10080 is the week-minute.
 */
const EPOCH_WEEK_MIN = 4 * DAY_MIN;

/**
 * How far a zone's offset can move within about a week, with margin. Samoa skipped a whole day in 2011, so a day
 * is the largest jump on record; candidates are searched this far either side so no occurrence is missed.
 */
export const SLACK_MIN = 1500;

/**
 * Minute of the week (0 = Sunday 00:00 … 10079 = Saturday 23:59) of a count of local minutes since the epoch.
 * Works before 1970 too, where the remainder is negative.
 */
export function weekMinuteOf(localMin: number): number {
  const r = (localMin + EPOCH_WEEK_MIN) % WEEK_MIN;
  return r < 0 ? r + WEEK_MIN : r;
}
