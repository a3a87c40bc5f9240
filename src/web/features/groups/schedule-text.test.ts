import { describe, expect, it } from 'vitest';
import { clockText, dayText, languageName, occurrenceWords, underWay, weekdayName } from './schedule-text.js';

describe('a group’s times in words', () => {
  it('shows an occurrence in the viewer’s time and, when it differs, in the group’s', () => {
    // 18:00 in London on a Tuesday in January is 19:00 in Madrid.
    const w = occurrenceWords('2025-01-14T18:00:00Z', 'Europe/London', 'Europe/Madrid', 'en-GB');
    expect(w.viewer).toBe('Tuesday 14 January at 19:00');
    expect(w.group).toBe('18:00');
  });

  it('names the group’s weekday when it is another day there', () => {
    const w = occurrenceWords('2025-01-15T01:00:00Z', 'Asia/Tokyo', 'America/New_York', 'en-US');
    expect(w.viewer).toBe('Tuesday, January 14 at 8:00 PM');
    expect(w.group).toBe('Wednesday 10:00 AM');
  });

  it('says it once when the clocks agree', () => {
    expect(occurrenceWords('2025-07-01T17:00:00Z', 'Europe/Madrid', 'Europe/Paris', 'en-GB').group).toBeNull();
  });

  it('keeps the viewer’s time when the group’s zone is unknown to the browser', () => {
    expect(occurrenceWords('2025-07-01T17:00:00Z', 'Mars/Olympus', 'UTC', 'en').group).toBeNull();
  });

  it('names weekdays, clock times, dates and languages in the page’s language', () => {
    expect([0, 2, 6].map((d) => weekdayName(d, 'en'))).toEqual(['Sunday', 'Tuesday', 'Saturday']);
    expect(weekdayName(1, 'es')).toBe('lunes');
    expect(clockText('19:05', 'en-US')).toBe('7:05 PM');
    expect(clockText('07:30', 'es')).toBe('7:30');
    expect(dayText('2025-03-04', 'en-GB')).toBe('4 March 2025');
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('en', 'es')).toBe('inglés');
  });

  it('knows an occurrence under way', () => {
    const o = { starts_at: '2025-01-01T10:00:00Z', ends_at: '2025-01-01T11:00:00Z' };
    expect(underWay(o, Date.parse('2025-01-01T10:30:00Z'))).toBe(true);
    expect(underWay(o, Date.parse('2025-01-01T11:00:00Z'))).toBe(false);
  });
});
