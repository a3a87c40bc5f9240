import type { LiveMeeting } from './live-api.js';

/**
 * Words for a group's times (issue 7: live meetings "in the group's time zone, listed with their next
 * occurrences"). Someone in Madrid joining a London group must not be an hour late, so an occurrence is shown in the
 * viewer's own time first and in the group's zone after it. Pure: the server test project runs its test.
 */

/** Languages offered in the directory filter and the group form (BCP 47); any other tag a group has is kept. */
export const LANGUAGE_CHOICES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'pl',
  'ru',
  'uk',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
] as const;

/** A language tag in the page's language ("Spanish", "español"); the tag itself when the browser cannot name it. */
export function languageName(tag: string, locale: string | undefined): string {
  try {
    return new Intl.DisplayNames(locale ? [locale] : [], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A weekday (0 = Sunday, as Meeting Guide) by name in the page's language. */
export function weekdayName(day: number, locale: string | undefined): string {
  // 2024-01-07 was a Sunday; noon UTC is the same weekday in every zone.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day, 12)));
}

/** "19:00" or "7:00 PM", as the page's language writes a time, from a schedule's HH:MM. */
export function clockText(hhmm: string, locale: string | undefined): string {
  const [h, m] = hhmm.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 7, h ?? 0, m ?? 0)),
  );
}

/** A date of a schedule (YYYY-MM-DD) in words ("4 March 2025"). */
export function dayText(isoDate: string, locale: string | undefined): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1, 12)),
  );
}

export interface OccurrenceWords {
  /** In the viewer's zone, with its weekday and date: "Tuesday 14 January, 19:00". */
  viewer: string;
  /** In the group's zone ("18:00", with the weekday when it is another day there); null when the clocks agree. */
  group: string | null;
}

/** One occurrence (a UTC instant) for the viewer, and for the group's clock when that shows another time. */
export function occurrenceWords(
  startIso: string,
  groupZone: string,
  viewerZone: string,
  locale: string | undefined,
): OccurrenceWords {
  const start = new Date(startIso);
  const full: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' };
  const viewer = new Intl.DateTimeFormat(locale, { ...full, timeZone: viewerZone }).format(start);
  let own: string;
  let sameDay: boolean;
  try {
    const day = (timeZone: string) => new Intl.DateTimeFormat('en', { dateStyle: 'short', timeZone }).format(start);
    sameDay = day(groupZone) === day(viewerZone);
    own = new Intl.DateTimeFormat(locale, {
      ...(sameDay ? {} : { weekday: 'long' }),
      hour: 'numeric',
      minute: '2-digit',
      timeZone: groupZone,
    }).format(start);
  } catch {
    return { viewer, group: null }; // A zone this browser does not know: the viewer's own time is still right.
  }
  const mine = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: viewerZone }).format(start);
  return { viewer, group: sameDay && own === mine ? null : own };
}

/** "Every Tuesday at 19:00" or "Once, on 4 March 2025 at 19:00", in the group's zone. */
export function scheduleText(
  m: Pick<LiveMeeting, 'recurrence' | 'weekday' | 'start_time' | 'starts_on' | 'time_zone'>,
  t: (key: string, values: Record<string, string>) => string,
  locale: string,
): string {
  const time = clockText(m.start_time, locale);
  return m.recurrence === 'weekly' && m.weekday !== null
    ? t('groups.schedule.weekly', { day: weekdayName(m.weekday, locale), time, zone: m.time_zone })
    : t('groups.schedule.once', { date: dayText(m.starts_on, locale), time, zone: m.time_zone });
}

/** Whether an occurrence is under way at `now`. */
export const underWay = (o: { starts_at: string; ends_at: string }, now = Date.now()) =>
  Date.parse(o.starts_at) <= now && now < Date.parse(o.ends_at);
