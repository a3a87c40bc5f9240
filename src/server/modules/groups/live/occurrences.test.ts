import { describe, expect, it } from 'vitest';
import { currentOccurrence, localDate, localInstant, nextOccurrences, presentOccurrence, type Schedule } from './occurrences.js';

const weekly = (weekday: number, start_time: string, starts_on = '2024-01-01', duration_minutes = 60): Schedule => ({
  recurrence: 'weekly',
  weekday,
  start_time,
  starts_on,
  duration_minutes,
});
const starts = (s: Schedule, zone: string, from: string, n = 3) =>
  nextOccurrences(s, zone, new Date(from), n).map((o) => o.start.toISO());

describe('live meeting occurrences', () => {
  it('keeps a weekly New York meeting at 19:00 local across spring-forward and fall-back', () => {
    // Sundays 19:00; DST starts 2025-03-09 and ends 2025-11-02.
    expect(starts(weekly(0, '19:00'), 'America/New_York', '2025-03-01T00:00:00Z')).toEqual([
      '2025-03-03T00:00:00.000Z', // Sunday 2 March, 19:00 EST (UTC-5)
      '2025-03-09T23:00:00.000Z', // Sunday 9 March, 19:00 EDT (UTC-4): the day clocks went forward
      '2025-03-16T23:00:00.000Z',
    ]);
    expect(starts(weekly(0, '19:00'), 'America/New_York', '2025-10-25T00:00:00Z', 2)).toEqual([
      '2025-10-26T23:00:00.000Z',
      '2025-11-03T00:00:00.000Z',
    ]);
  });

  it('moves a time skipped by spring-forward forward by the gap (New York 02:30 → 03:30 EDT)', () => {
    const o = nextOccurrences(weekly(0, '02:30'), 'America/New_York', new Date('2025-03-08T00:00:00Z'), 2);
    expect(o[0]!.start.toISO()).toBe('2025-03-09T07:30:00.000Z');
    expect(presentOccurrence(o[0]!, 'America/New_York').local_start).toBe('2025-03-09T03:30:00-04:00');
    // The next week it is 02:30 again.
    expect(presentOccurrence(o[1]!, 'America/New_York').local_start).toBe('2025-03-16T02:30:00-04:00');
  });

  it('takes the first of two 01:30s on a fall-back day (New York: EDT, not EST)', () => {
    expect(localInstant('2025-11-02', '01:30', 'America/New_York').toISO()).toBe('2025-11-02T05:30:00.000Z');
    expect(localInstant('2025-11-09', '01:30', 'America/New_York').toISO()).toBe('2025-11-09T06:30:00.000Z');
  });

  it('follows London across its changes, the gap included (01:30 on 30 March 2025 is 02:30 BST)', () => {
    expect(starts(weekly(0, '10:00'), 'Europe/London', '2025-03-20T00:00:00Z', 2)).toEqual([
      '2025-03-23T10:00:00.000Z',
      '2025-03-30T09:00:00.000Z',
    ]);
    expect(localInstant('2025-03-30', '01:30', 'Europe/London').toISO()).toBe('2025-03-30T01:30:00.000Z');
    expect(localInstant('2025-10-26', '01:30', 'Europe/London').toISO()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('follows Sydney, whose DST runs the other way round the year', () => {
    // Mondays 18:00; AEDT (UTC+11) ends on 6 April 2025, AEST (UTC+10) after.
    expect(starts(weekly(1, '18:00'), 'Australia/Sydney', '2025-03-30T00:00:00Z', 2)).toEqual([
      '2025-03-31T07:00:00.000Z',
      '2025-04-07T08:00:00.000Z',
    ]);
    // Spring forward on 5 October 2025: 02:00 → 03:00; 02:15 moves to 03:15 AEDT.
    expect(localInstant('2025-10-05', '02:15', 'Australia/Sydney').setZone('Australia/Sydney').toFormat('HH:mm')).toBe('03:15');
    // Fall back on 6 April 2025: 02:30 happens twice; the first is AEDT (UTC+11).
    expect(localInstant('2025-04-06', '02:30', 'Australia/Sydney').toISO()).toBe('2025-04-05T15:30:00.000Z');
  });

  it('starts a weekly meeting on its first matching day on or after starts_on', () => {
    // starts_on is a Wednesday; the meeting is on Fridays.
    expect(starts(weekly(5, '12:00', '2025-06-04'), 'UTC', '2025-01-01T00:00:00Z', 1)).toEqual(['2025-06-06T12:00:00.000Z']);
  });

  it('lists an occurrence under way, and one that runs past local midnight', () => {
    const s = weekly(6, '23:30', '2025-01-01', 90);
    const o = nextOccurrences(s, 'Europe/Madrid', new Date('2025-06-08T00:10:00+02:00'), 1);
    expect(o[0]!.start.toISO()).toBe('2025-06-07T21:30:00.000Z');
    expect(currentOccurrence(s, 'Europe/Madrid', new Date('2025-06-08T00:10:00+02:00'))).toBeDefined();
    expect(currentOccurrence(s, 'Europe/Madrid', new Date('2025-06-08T01:00:00+02:00'))).toBeUndefined();
  });

  it('gives a one-off meeting one occurrence, and none once it is over', () => {
    const once: Schedule = {
      recurrence: 'once',
      weekday: null,
      start_time: '18:00',
      starts_on: '2024-05-01',
      duration_minutes: 60,
    };
    expect(nextOccurrences(once, 'America/New_York', new Date('2024-04-01T00:00:00Z'), 3)).toHaveLength(1);
    expect(nextOccurrences(once, 'America/New_York', new Date('2024-05-01T22:30:00Z'), 3)).toHaveLength(1);
    expect(nextOccurrences(once, 'America/New_York', new Date('2024-05-01T23:00:00Z'), 3)).toEqual([]);
    expect(nextOccurrences(once, 'America/New_York', new Date('2026-01-01T00:00:00Z'), 3)).toEqual([]);
  });

  it('states the local date of an occurrence in the group zone', () => {
    expect(localDate('2025-03-02T00:00:00.000Z', 'America/New_York')).toBe('2025-03-01');
    expect(localDate('2025-03-02T00:00:00.000Z', 'Australia/Sydney')).toBe('2025-03-02');
  });
});
