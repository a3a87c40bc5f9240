import { getTypesForLanguage, isSupportedLanguage } from '@code4recovery/spec';
import type { Attendance } from '../../../db/types.js';
import type { MeetingRow } from '../repository/meeting-rows.js';
import { durationMinutes, toMinutes } from '../normalize/time.js';
import type { TimeOps } from '../../search/engine/time-ops.js';
import type { PageLanguage } from './locale.js';
import { providerName } from '../../../../shared/conference-providers.js';

/** Types that tell someone with a disability whether they can take part (shown under "Accessibility"). */
const ACCESSIBILITY_TYPES = new Set(['X', 'XB', 'ASL', 'FF']);
/** Type names in the page's language where the spec translates them (nine languages), else in English. */
const typeNamesIn = (lang: PageLanguage): Record<string, string> => getTypesForLanguage(isSupportedLanguage(lang) ? lang : 'en');
const HANDLE = /^[A-Za-z0-9._-]{1,64}$/;

export interface NamedType {
  code: string;
  name: string;
}

export interface MeetingView {
  id: number;
  name: string;
  fellowship: string | null;
  attendance: Attendance;
  /** Null when the meeting is by appointment. */
  schedule: { days: number[]; time: string; endTime: string; zone: string } | null;
  next: { startMs: number; endMs: number; now: boolean }[];
  location: {
    name: string | null;
    address: string | null;
    notes: string | null;
    approximate: boolean;
    parts: {
      street: string | null;
      city: string | null;
      region: string | null;
      postalCode: string | null;
      country: string | null;
    };
    point: { lat: number; lng: number } | null;
  } | null;
  online: {
    url: string | null;
    provider: string | null;
    urlNotes: string | null;
    phone: string | null;
    phoneNotes: string | null;
  } | null;
  types: NamedType[];
  accessibility: NamedType[];
  temporarilyClosed: boolean;
  notes: string | null;
  group: { name: string; notes: string | null } | null;
  tradition: { service: 'venmo' | 'square' | 'paypal'; handle: string; url: string | null }[];
  organizer: { name: string; url: string | null } | null;
}

const list = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);
const httpUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** The next few occurrences over the coming two weeks, the one in progress included. */
function nextOccurrences(row: MeetingRow, time: TimeOps, nowMs: number): MeetingView['next'] {
  if (row.days === '' || !row.time || !row.end_time || !row.timezone) return [];
  const start = toMinutes(row.time);
  const minutes = durationMinutes(row.time, row.end_time);
  const zone = time.zoneId(row.timezone);
  return row.days
    .split(',')
    .flatMap((day) =>
      time.occurrencesBetween(Number(day), start, minutes, zone, nowMs - minutes * 60_000, nowMs + 15 * 86_400_000),
    )
    .sort((a, b) => a - b)
    .slice(0, 4)
    .map((s) => ({ startMs: s, endMs: s + minutes * 60_000, now: s <= nowMs && nowMs < s + minutes * 60_000 }));
}

/** 7th-Tradition links as the Meeting Guide spec's handles imply them (venmo "@", Cash App "$", PayPal.me). */
function traditionLinks(row: MeetingRow): MeetingView['tradition'] {
  const out: MeetingView['tradition'] = [];
  if (row.venmo) {
    const h = row.venmo.replace(/^@/, '');
    out.push({ service: 'venmo', handle: row.venmo, url: HANDLE.test(h) ? `https://venmo.com/${h}` : null });
  }
  if (row.square) {
    const h = row.square.replace(/^\$/, '');
    out.push({ service: 'square', handle: row.square, url: HANDLE.test(h) ? `https://cash.app/$${h}` : null });
  }
  if (row.paypal) {
    out.push({
      service: 'paypal',
      handle: row.paypal,
      url: HANDLE.test(row.paypal) ? `https://www.paypal.me/${row.paypal}` : null,
    });
  }
  return out;
}

/**
 * What the meeting page shows, from a stored row: types as names in the page's language (spec codes through
 * @code4recovery/spec, a source's own codes through the names it gave them; a code without a name is not shown),
 * only safe link targets, and the next occurrences computed with the search's time tables.
 */
export function meetingView(
  row: MeetingRow,
  customNames: Map<string, string>,
  lang: PageLanguage,
  time: TimeOps,
  nowMs: number,
): MeetingView {
  const names = typeNamesIn(lang);
  const codes = list(row.types);
  const named: NamedType[] = [
    ...codes.filter((c) => c !== 'TC' && names[c]).map((c) => ({ code: c, name: names[c]! })),
    ...list(row.custom_types)
      .filter((c) => customNames.has(c))
      .map((c) => ({ code: c, name: customNames.get(c)! })),
  ];
  const hasPoint = row.latitude !== null && row.longitude !== null;
  return {
    id: row.id,
    name: row.name,
    fellowship: row.fellowship,
    attendance: row.attendance,
    schedule:
      row.days !== '' && row.time && row.end_time && row.timezone
        ? { days: row.days.split(',').map(Number), time: row.time, endTime: row.end_time, zone: row.timezone }
        : null,
    next: nextOccurrences(row, time, nowMs),
    location:
      row.location_id === null
        ? null
        : {
            name: row.location_name,
            address: row.formatted_address,
            notes: row.location_notes,
            approximate: row.approximate === 1,
            parts: { street: row.address, city: row.city, region: row.state, postalCode: row.postal_code, country: row.country },
            point: hasPoint ? { lat: Number(row.latitude), lng: Number(row.longitude) } : null,
          },
    online:
      row.conference_url || row.conference_phone
        ? {
            url: httpUrl(row.conference_url),
            provider: providerName(row.conference_provider),
            urlNotes: row.conference_url_notes,
            phone: row.conference_phone,
            phoneNotes: row.conference_phone_notes,
          }
        : null,
    types: named.filter((t) => !ACCESSIBILITY_TYPES.has(t.code)),
    accessibility: named.filter((t) => ACCESSIBILITY_TYPES.has(t.code)),
    temporarilyClosed: codes.includes('TC'),
    notes: row.notes,
    group: row.group_name ? { name: row.group_name, notes: row.group_notes } : null,
    tradition: traditionLinks(row),
    organizer: row.entity_name ? { name: row.entity_name, url: httpUrl(row.entity_url) } : null,
  };
}

/** A one-tap dialling link: RFC 3966 keeps pauses (",") and "*", and "#" must be escaped. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+,;*#pw]/gi, '').replace(/#/g, '%23')}`;
}

/** A geo: URI (RFC 5870) with a labelled pin, which phones hand to the user's own maps app. */
export function geoHref(point: { lat: number; lng: number }, label: string): string {
  return `geo:${point.lat},${point.lng}?q=${point.lat},${point.lng}(${encodeURIComponent(label)})`;
}

/** The same place on OpenStreetMap, for devices with no handler for geo: (most desktop browsers). */
export function openStreetMapHref(point: { lat: number; lng: number }): string {
  return `https://www.openstreetmap.org/?mlat=${point.lat}&mlon=${point.lng}#map=17/${point.lat}/${point.lng}`;
}
