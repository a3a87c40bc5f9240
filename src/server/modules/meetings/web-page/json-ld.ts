import { DateTime } from 'luxon';
import type { MeetingView } from './meeting-view.js';

const SCHEMA_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MODES = {
  in_person: 'OfflineEventAttendanceMode',
  online: 'OnlineEventAttendanceMode',
  hybrid: 'MixedEventAttendanceMode',
  inactive: 'OfflineEventAttendanceMode',
} as const;

const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));

function place(view: MeetingView): Record<string, unknown> | null {
  const l = view.location;
  if (!l || view.attendance === 'online') return null;
  const p = l.parts;
  const structured = p.street || p.city || p.region || p.postalCode || p.country;
  return compact({
    '@type': 'Place',
    name: l.name ?? l.address,
    address: structured
      ? compact({
          '@type': 'PostalAddress',
          streetAddress: p.street,
          addressLocality: p.city,
          addressRegion: p.region,
          postalCode: p.postalCode,
          addressCountry: p.country,
        })
      : l.address,
    geo: l.point && !l.approximate ? { '@type': 'GeoCoordinates', latitude: l.point.lat, longitude: l.point.lng } : null,
  });
}

/**
 * schema.org Event for search engines (https://schema.org/Event): the next occurrence as startDate/endDate, the
 * weekly recurrence as a Schedule in the meeting's own zone, and where it happens as a Place, a VirtualLocation
 * or both for a hybrid meeting.
 */
export function meetingJsonLd(view: MeetingView, pageUrl: string, description: string): Record<string, unknown> {
  const s = view.schedule;
  const first = view.next[0];
  const iso = (ms: number) => (s ? DateTime.fromMillis(ms, { zone: s.zone }).toISO({ suppressMilliseconds: true }) : null);
  const inPerson = place(view);
  const virtual =
    view.online?.url && view.attendance !== 'in_person' ? { '@type': 'VirtualLocation', url: view.online.url } : null;
  const locations = [inPerson, virtual].filter((x) => x !== null);
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: view.name,
    description,
    url: pageUrl,
    startDate: first ? iso(first.startMs) : null,
    endDate: first ? iso(first.endMs) : null,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: `https://schema.org/${MODES[view.attendance]}`,
    eventSchedule: s
      ? {
          '@type': 'Schedule',
          repeatFrequency: 'P1W',
          byDay: s.days.map((d) => `https://schema.org/${SCHEMA_DAYS[d]}`),
          startTime: `${s.time}:00`,
          endTime: `${s.endTime}:00`,
          scheduleTimezone: s.zone,
        }
      : null,
    location: locations.length === 0 ? null : locations.length === 1 ? locations[0] : locations,
    organizer: view.organizer ? compact({ '@type': 'Organization', name: view.organizer.name, url: view.organizer.url }) : null,
    isAccessibleForFree: true,
  });
}
