/**
 * Times of day. The spec says "HH:MM" 24-hour, but real feeds also send
 * "8:00 PM", "8 pm", "08:00:00" and "noon"; all become "HH:MM".
 * @returns "HH:MM", or undefined when the value is not a time.
 */
export function parseTime(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 2359 && raw % 100 < 60) {
    return fmt(Math.floor(raw / 100), raw % 100); // 1930 -> 19:30
  }
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().toLowerCase().replace(/\./g, '');
  if (s === 'noon') return '12:00';
  if (s === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?\s*(am|pm|a|p)?$/.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[4];
  if (m[2] === undefined && !meridiem) return undefined; // a bare "8" is too ambiguous
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem.startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 24 || (hour === 24 && minute > 0)) {
    return undefined;
  }
  return fmt(hour % 24, minute);
}

function fmt(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Minutes after midnight of an "HH:MM" time. */
export function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function fromMinutes(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return fmt(Math.floor(m / 60), m % 60);
}

/** Length of a meeting; an end before the start means it ends after midnight. */
export function durationMinutes(start: string, end: string): number {
  const d = toMinutes(end) - toMinutes(start);
  return d <= 0 ? d + 1440 : d;
}
