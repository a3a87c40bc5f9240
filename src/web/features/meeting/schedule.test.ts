import { describe, expect, it } from 'vitest';
import { badgeOf, daysOf } from './schedule.js';

const at = (iso: string) => Date.parse(iso);
const next = { start: '2025-03-04T14:00:00Z', end: '2025-03-04T15:00:00Z' };

describe('meeting badges', () => {
  it('says "happening now" from the start to the end, not after', () => {
    expect(badgeOf(next, at('2025-03-04T14:00:00Z'))).toEqual({ kind: 'now' });
    expect(badgeOf(next, at('2025-03-04T14:59:59Z'))).toEqual({ kind: 'now' });
    expect(badgeOf(next, at('2025-03-04T15:00:00Z'))).toBeNull();
  });

  it('counts down the last hour before the start, rounding up', () => {
    expect(badgeOf(next, at('2025-03-04T13:00:00Z'))).toEqual({ kind: 'soon', minutes: 60 });
    expect(badgeOf(next, at('2025-03-04T13:59:30Z'))).toEqual({ kind: 'soon', minutes: 1 });
    expect(badgeOf(next, at('2025-03-04T12:59:00Z'))).toBeNull();
    expect(badgeOf(undefined, at('2025-03-04T13:30:00Z'))).toBeNull();
  });

  it('reads one weekday or several', () => {
    expect(daysOf({ day: 2 })).toEqual([2]);
    expect(daysOf({ day: [1, 3] })).toEqual([1, 3]);
    expect(daysOf({})).toEqual([]);
  });
});
