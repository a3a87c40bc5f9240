// The meeting search's time engine: weekly occurrences across time zones, DST-correct, on precomputed tables.
export { ZoneTable } from './zone-table.js';
export { nextOccurrence, nextOccurrenceStart, occurrencesBetween, type Occurrence, type WeeklySlot } from './occurrences.js';
export { SearcherClock, type LocalDayAndMinute } from './searcher-clock.js';
export { isHappeningNow, nextStartAtOrAfter, startsWithin } from './filters.js';
export { DAY_MIN, MINUTE_MS, WEEK_MIN } from './units.js';
