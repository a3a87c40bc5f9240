import { describe, expect, it } from 'vitest';
import type { MeetingSummary } from './meetings-api.js';
import { badgeFor, distanceText, whenText, whereText } from './meeting-format.js';

const at = (start: string, startsIn: number, now = false) => ({ start, end: start, happening_now: now, starts_in_min: startsIn });

describe('result formatting', () => {
  it('badges a meeting in progress or starting within the hour, and nothing later', () => {
    expect(badgeFor(at('2026-11-30T11:30:00Z', -10, true))).toEqual({ kind: 'now' });
    expect(badgeFor(at('2026-11-30T11:30:00Z', 25))).toEqual({ kind: 'soon', minutes: 25 });
    expect(badgeFor(at('2026-11-30T11:30:00Z', 61))).toBeNull();
    expect(badgeFor(null)).toBeNull();
  });

  it('shows the viewer’s time, and the meeting’s own time with its zone only where the clocks differ', () => {
    // Monday 30 November 2026, 11:30 UTC: 6:30 in New York, 5:30 in Chicago.
    const next = at('2026-11-30T11:30:00.000Z', 100);
    expect(whenText(next, 'America/New_York', 'America/New_York', 'en-US')).toEqual({ viewer: 'Monday 6:30 AM', meeting: null });
    // Detroit keeps New York's clock: no label for a different name with the same time.
    expect(whenText(next, 'America/Detroit', 'America/New_York', 'en-US').meeting).toBeNull();
    expect(whenText(next, 'America/Chicago', 'America/New_York', 'en-US')).toEqual({
      viewer: 'Monday 6:30 AM',
      meeting: '5:30 AM CST',
    });
    // Another day on the meeting's clock: the weekday is named too.
    expect(whenText(next, 'Pacific/Auckland', 'America/New_York', 'en-US').meeting).toMatch(/^Tuesday,? 12:30 AM GMT\+13$/);
    expect(whenText(next, 'America/Chicago', 'America/New_York', 'es').viewer).toMatch(/^lunes,? 6:30/);
    expect(whenText(next, 'Not/AZone', 'UTC', 'en-US')).toEqual({ viewer: 'Monday 11:30 AM', meeting: null });
  });

  it('says where in one line and a distance in the viewer’s units', () => {
    const m = { location: 'Malvern Center', city: null, region: 'Chester County > Malvern' } as MeetingSummary;
    expect(whereText(m)).toBe('Malvern Center, Malvern');
    expect(whereText({ ...m, location: null, region: null })).toBeNull();
    expect(distanceText(2.52, 'mi', 'en-US')).toBe('2.5 mi');
    expect(distanceText(12.4, 'km', 'es')).toBe('12 km');
  });
});
