import { describe, expect, it } from 'vitest';
import { isHappeningNow, nextStartAtOrAfter, startsWithin } from './filters.js';
import { luxonNextOccurrence } from './luxon-reference.js';
import { nextOccurrence, occurrencesBetween, type WeeklySlot } from './occurrences.js';
import { SearcherClock } from './searcher-clock.js';
import { ZoneTable } from './zone-table.js';

const zones = new ZoneTable();
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const SUN = 0;
const MON = 1;
const TUE = 2;
const SAT = 6;

/** A weekly slot at HH:MM local time, lasting `duration` minutes. */
function slot(zone: string, day: number, hhmm: string, duration: number): WeeklySlot {
  const [h, m] = hhmm.split(':').map(Number);
  return { day, start: h! * 60 + m!, duration, zoneId: zones.zoneId(zone) };
}

/** nextOccurrence as ISO strings, after checking it against the luxon brute force. */
function next(s: WeeklySlot, nowMs: number): [string, string] {
  const { startMs, endMs } = nextOccurrence(zones, s, nowMs);
  expect({ startMs, endMs }).toEqual(luxonNextOccurrence(zones.zoneName(s.zoneId), s.day, s.start, s.duration, nowMs));
  return [iso(startMs), iso(endMs)];
}

describe('a Sydney searcher looking at a Los Angeles online meeting (Tuesday 19:00 in LA)', () => {
  const meeting = slot('America/Los_Angeles', TUE, '19:00', 60);
  const sydney = zones.zoneId('Australia/Sydney');
  const seenFromSydney = (nowIso: string): { day: number; minute: number } =>
    new SearcherClock(zones, sydney, at(nowIso)).localDayAndMinute(nextOccurrence(zones, meeting, at(nowIso)).startMs);

  it('is Wednesday 14:00 in January, 12:00 in July, 13:00 in March while only LA has changed', () => {
    expect(seenFromSydney('2026-01-13T00:00Z')).toEqual({ day: 3, minute: 14 * 60 }); // PST −8, AEDT +11
    expect(seenFromSydney('2026-07-13T00:00Z')).toEqual({ day: 3, minute: 12 * 60 }); // PDT −7, AEST +10
    expect(seenFromSydney('2026-03-16T00:00Z')).toEqual({ day: 3, minute: 13 * 60 }); // PDT −7, AEDT +11
  });

  it("shows LA's Saturday evening on the Sydney searcher's Sunday, today and later today", () => {
    const saturday = slot('America/Los_Angeles', SAT, '20:00', 60);
    const clock = new SearcherClock(zones, sydney, at('2026-01-17T22:00Z')); // Sunday 09:00 in Sydney
    expect(clock.today).toBe(SUN);
    expect([iso(clock.startOfTodayMs), iso(clock.startOfTomorrowMs)]).toEqual([
      '2026-01-17T13:00:00.000Z',
      '2026-01-18T13:00:00.000Z',
    ]);
    const starts = occurrencesBetween(zones, saturday, clock.startOfTodayMs, clock.startOfTomorrowMs);
    expect(starts.map(iso)).toEqual(['2026-01-18T04:00:00.000Z']);
    expect(clock.localDayAndMinute(starts[0]!)).toEqual({ day: SUN, minute: 15 * 60 });
    expect(clock.isLaterToday(starts[0]!)).toBe(true);
  });
});

describe('searching in New York on the nights the clocks change', () => {
  const beforeJump = at('2026-03-08T06:59Z'); // 01:59 EST
  const afterJump = at('2026-03-08T07:01Z'); // 03:01 EDT

  it('spring forward: a 01:30 meeting runs its full hour, across the jump', () => {
    const early = slot('America/New_York', SUN, '01:30', 60);
    expect(next(early, beforeJump)).toEqual(['2026-03-08T06:30:00.000Z', '2026-03-08T07:30:00.000Z']);
    expect(isHappeningNow(zones, early, beforeJump)).toBe(true);
    expect(isHappeningNow(zones, early, afterJump)).toBe(true); // until 03:30 EDT
  });

  it('spring forward: a 03:00 meeting starts one real minute after 01:59', () => {
    const three = slot('America/New_York', SUN, '03:00', 30);
    expect(next(three, beforeJump)[0]).toBe('2026-03-08T07:00:00.000Z');
    expect(startsWithin(zones, three, beforeJump, 1)).toBe(true);
    expect(isHappeningNow(zones, three, afterJump)).toBe(true);
  });

  it('spring forward: a 02:30 meeting (a wall time that does not exist) starts at 03:30 EDT', () => {
    const gap = slot('America/New_York', SUN, '02:30', 60);
    expect(next(gap, beforeJump)).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-08T08:30:00.000Z']);
    expect(next(gap, afterJump)[0]).toBe('2026-03-08T07:30:00.000Z');
    expect(isHappeningNow(zones, gap, afterJump)).toBe(false);
  });

  it('spring forward: the searcher’s day is 23 hours long', () => {
    const clock = new SearcherClock(zones, zones.zoneId('America/New_York'), afterJump);
    expect([iso(clock.startOfTodayMs), iso(clock.startOfTomorrowMs)]).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
    expect(clock.minuteNow).toBe(3 * 60 + 1);
  });

  const firstPass = at('2026-11-01T05:30Z'); // 01:30 EDT
  const secondPass = at('2026-11-01T06:30Z'); // 01:30 EST

  it('fall back: a 01:00 meeting (an ambiguous wall time) is held the first time the clock reads 01:00', () => {
    const one = slot('America/New_York', SUN, '01:00', 45);
    expect(next(one, firstPass)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T05:45:00.000Z']);
    expect(isHappeningNow(zones, one, firstPass)).toBe(true);
    expect(isHappeningNow(zones, one, secondPass)).toBe(false);
    expect(next(one, secondPass)[0]).toBe('2026-11-08T06:00:00.000Z'); // next Sunday, 01:00 EST
  });

  it('fall back: at the second 01:30 a 01:50 meeting is already over (it met at 01:50 EDT)', () => {
    const late = slot('America/New_York', SUN, '01:50', 1);
    expect(next(late, firstPass)[0]).toBe('2026-11-01T05:50:00.000Z');
    expect(next(late, secondPass)[0]).toBe('2026-11-08T06:50:00.000Z');
  });

  it('fall back: the searcher’s day is 25 hours long and reads 01:30 twice', () => {
    for (const now of [firstPass, secondPass]) {
      const clock = new SearcherClock(zones, zones.zoneId('America/New_York'), now);
      expect([iso(clock.startOfTodayMs), iso(clock.startOfTomorrowMs)]).toEqual([
        '2026-11-01T04:00:00.000Z',
        '2026-11-02T05:00:00.000Z',
      ]);
      expect([clock.today, clock.minuteNow]).toEqual([SUN, 90]);
    }
  });
});

describe('meetings across midnight', () => {
  it('Monday 23:30–00:30 is happening now at Tuesday 00:15, though it is not "today" on Tuesday', () => {
    const late = slot('Europe/Berlin', MON, '23:30', 60);
    const now = at('2026-06-15T22:15Z'); // Tuesday 00:15 CEST
    expect(next(late, now)).toEqual(['2026-06-15T21:30:00.000Z', '2026-06-15T22:30:00.000Z']);
    expect(isHappeningNow(zones, late, now)).toBe(true);
    const clock = new SearcherClock(zones, late.zoneId, now);
    expect(clock.today).toBe(TUE);
    expect(occurrencesBetween(zones, late, clock.startOfTodayMs, clock.startOfTomorrowMs)).toEqual([]);
  });

  it('Saturday 23:30–00:30 wraps into Sunday: happening at Saturday 23:50 and Sunday 00:15, over at 00:30', () => {
    const late = slot('America/New_York', SAT, '23:30', 60);
    const clock = new SearcherClock(zones, late.zoneId, at('2026-06-21T03:50Z')); // Saturday 23:50 EDT
    expect(next(late, clock.nowMs)).toEqual(['2026-06-21T03:30:00.000Z', '2026-06-21T04:30:00.000Z']);
    expect(isHappeningNow(zones, late, clock.nowMs)).toBe(true);
    expect(isHappeningNow(zones, late, at('2026-06-21T04:15Z'))).toBe(true);
    expect(isHappeningNow(zones, late, at('2026-06-21T04:30Z'))).toBe(false);
    expect(next(late, at('2026-06-21T04:30Z'))[0]).toBe('2026-06-28T03:30:00.000Z');
    expect(clock.localDayAndMinute(at('2026-06-21T04:30Z'))).toEqual({ day: SUN, minute: 30 });
  });
});

describe('odd offsets and starting soon', () => {
  it('Chatham: 03:00 on the spring-forward day (02:45 → 03:45) becomes 04:00 +13:45', () => {
    expect(next(slot('Pacific/Chatham', SUN, '03:00', 60), at('2026-09-26T00:00Z'))[0]).toBe('2026-09-26T14:15:00.000Z');
  });

  it('Lord Howe: 02:15 on the half-hour spring-forward day becomes 02:45 +11', () => {
    expect(next(slot('Australia/Lord_Howe', SUN, '02:15', 60), at('2026-10-03T00:00Z'))[0]).toBe('2026-10-03T15:45:00.000Z');
  });

  it('"starting within" skips a meeting already running and finds its next week', () => {
    const noon = slot('Asia/Kathmandu', MON, '12:00', 60);
    const running = at('2026-06-15T06:30Z'); // Monday 12:15 +05:45
    expect(isHappeningNow(zones, noon, running)).toBe(true);
    expect(startsWithin(zones, noon, running, 60)).toBe(false);
    expect(iso(nextStartAtOrAfter(zones, noon, running))).toBe('2026-06-22T06:15:00.000Z');
    expect(startsWithin(zones, noon, at('2026-06-15T06:15Z'), 0)).toBe(true);
  });
});
