import type { MeetingSummary, Occurrence } from './meetings-api.js';

/** Minutes ahead within which a meeting gets a "Starting in N min" badge (the API's default `soon_minutes`). */
export const SOON_MINUTES = 60;

export type Badge = { kind: 'now' } | { kind: 'soon'; minutes: number } | null;

/** "Happening now" or "Starting in N min" from the API's `next` occurrence, else nothing. */
export function badgeFor(next: Occurrence | null): Badge {
  if (!next) return null;
  if (next.happening_now) return { kind: 'now' };
  if (next.starts_in_min >= 0 && next.starts_in_min <= SOON_MINUTES) return { kind: 'soon', minutes: next.starts_in_min };
  return null;
}

/**
 * When the next occurrence is, in the viewer's zone ("Monday 7:30 PM"), and also in the meeting's own zone with the
 * zone named ("6:30 PM CST") when the meeting's clock shows another time: someone in New York joining a Chicago
 * online meeting must not be an hour late, and the group announces its own local time.
 */
export function whenText(
  next: Occurrence,
  meetingZone: string | null,
  viewerZone: string,
  locale: string | undefined,
): { viewer: string; meeting: string | null } {
  const start = new Date(next.start);
  const opts: Intl.DateTimeFormatOptions = { weekday: 'long', hour: 'numeric', minute: '2-digit' };
  const viewer = new Intl.DateTimeFormat(locale, { ...opts, timeZone: viewerZone }).format(start);
  if (!meetingZone || meetingZone === viewerZone) return { viewer, meeting: null };
  let own: string;
  try {
    own = new Intl.DateTimeFormat(locale, { ...opts, timeZone: meetingZone }).format(start);
  } catch {
    return { viewer, meeting: null }; // A zone this browser does not know: the viewer's time is still right.
  }
  if (own === viewer) return { viewer, meeting: null };
  // The weekday only when the meeting's clock is on another day ("Tuesday 1:00 AM GMT+1" for a Monday evening).
  const weekday = (timeZone: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone }).format(start);
  const sameDay = weekday(meetingZone) === weekday(viewerZone);
  const labelled = new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { weekday: 'long' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZone: meetingZone,
    timeZoneName: 'short',
  }).format(start);
  return { viewer, meeting: labelled };
}

/** Where, in one short line: the place's name and its town (the last part of the region path when no city is given). */
export function whereText(m: MeetingSummary): string | null {
  const town = m.city ?? m.region?.split('>').pop()?.trim() ?? null;
  const parts = [m.location, town].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? [...new Set(parts)].join(', ') : null;
}

/** A distance with its unit in the viewer's language ("2.5 mi", "4,1 km"). */
export function distanceText(distance: number, units: 'km' | 'mi', locale: string | undefined): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units === 'mi' ? 'mile' : 'kilometer',
    maximumFractionDigits: distance < 10 ? 1 : 0,
  }).format(distance);
}
