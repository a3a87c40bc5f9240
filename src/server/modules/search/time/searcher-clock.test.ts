import { describe, expect, it } from 'vitest';
import { nextOccurrence } from './occurrences.js';
import { SearcherClock } from './searcher-clock.js';
import { ZoneTable } from './zone-table.js';

const zones = new ZoneTable();
const iso = (ms: number): string => new Date(ms).toISOString();
const today = (zone: string, nowIso: string): [string, string] => {
  const clock = new SearcherClock(zones, zones.zoneId(zone), Date.parse(nowIso));
  return [iso(clock.startOfTodayMs), iso(clock.startOfTomorrowMs)];
};

describe('SearcherClock: today as instants', () => {
  it('starts at 01:00 when the clocks skip midnight (Santiago, Beirut)', () => {
    expect(today('America/Santiago', '2026-09-06T15:00Z')).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
    expect(today('Asia/Beirut', '2026-03-29T09:00Z')).toEqual(['2026-03-28T22:00:00.000Z', '2026-03-29T21:00:00.000Z']);
  });

  it('starts at the first midnight when midnight happens twice (Havana), even during the second', () => {
    const clock = new SearcherClock(zones, zones.zoneId('America/Havana'), Date.parse('2026-11-01T05:30Z'));
    expect([clock.today, clock.minuteNow]).toEqual([0, 30]);
    expect([iso(clock.startOfTodayMs), iso(clock.startOfTomorrowMs)]).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
  });

  it('ends at midnight after the hour repeated on Saturday night (Santiago falls back at 24:00)', () => {
    expect(today('America/Santiago', '2026-04-05T02:30Z')).toEqual(['2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z']);
  });

  it('is exact at the boundaries: midnight belongs to the day it starts', () => {
    expect(today('Asia/Kolkata', '2026-02-01T18:30Z')).toEqual(['2026-02-01T18:30:00.000Z', '2026-02-02T18:30:00.000Z']);
    expect(today('Asia/Kolkata', '2026-02-01T18:29:59.999Z')).toEqual(['2026-01-31T18:30:00.000Z', '2026-02-01T18:30:00.000Z']);
  });
});

describe("SearcherClock: the searcher's wall clock", () => {
  it('sees a Kiritimati (+14) Sunday 09:00 meeting on Saturday 09:00 from Honolulu (−10)', () => {
    const meeting = { day: 0, start: 9 * 60, duration: 60, zoneId: zones.zoneId('Pacific/Kiritimati') };
    const clock = new SearcherClock(zones, zones.zoneId('Pacific/Honolulu'), Date.parse('2026-05-01T00:00Z'));
    const { startMs } = nextOccurrence(zones, meeting, clock.nowMs);
    expect(clock.localDayAndMinute(startMs)).toEqual({ day: 6, minute: 9 * 60 });
    expect(clock.localWeekMinute(startMs)).toBe(6 * 1440 + 9 * 60);
  });

  it('reads weekdays before 1970 too', () => {
    const clock = new SearcherClock(zones, zones.zoneId('UTC'), Date.parse('1969-07-20T20:17Z')); // a Sunday
    expect([clock.today, clock.minuteNow]).toEqual([0, 20 * 60 + 17]);
  });
});
