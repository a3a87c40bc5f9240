import type { PageLanguage } from './locale.js';

// 1 January 2023 was a Sunday: day d of the spec (0 = Sunday) is 1 + d January, formatted in UTC.
const SUNDAY = Date.UTC(2023, 0, 1);

/** Localised weekday names joined as a list: "Monday and Thursday", "lunes y jueves". */
export function dayList(days: number[], lang: PageLanguage): string {
  const name = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(
    days.map((d) => name.format(SUNDAY + d * 86_400_000)),
  );
}

/** A wall-clock "HH:MM" as the language writes it ("7:30 PM", "19:30"). */
export function wallTime(hhmm: string, lang: PageLanguage): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    SUNDAY + (h * 60 + m) * 60_000,
  );
}

/** A zone's everyday name ("Eastern Time", "hora del este") with its IANA id, so nobody has to guess. */
export function zoneLabel(zone: string, lang: PageLanguage, atMs: number): string {
  const generic = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(atMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  return generic && generic !== zone ? `${generic} (${zone})` : zone;
}

/** One occurrence in the meeting's zone: "Tuesday, May 6, 9:00 AM". */
export function occurrence(ms: number, zone: string, lang: PageLanguage): string {
  return new Intl.DateTimeFormat(lang, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
  }).format(ms);
}
