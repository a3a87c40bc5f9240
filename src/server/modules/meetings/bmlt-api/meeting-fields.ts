import type { Contact } from '../model.js';
import { durationMinutes, toMinutes } from '../normalize/time.js';
import type { FormatCatalog } from './formats.js';
import type { CandidateRow } from './repository.js';
import { splitAddress } from './address.js';
import { KM_PER_MILE } from './geo.js';

/** One meeting on one weekday: a BMLT meeting. */
export interface MeetingDay {
  row: CandidateRow;
  /** BMLT weekday: 1 = Sunday … 7 = Saturday. */
  weekday: number;
  id: number;
  formatIds: number[];
  /** Set in searches around a point, for meetings with coordinates. */
  distanceKm?: number;
}

export interface PresentContext {
  catalog: FormatCatalog;
  rootServerUri: string;
}

/** BMLT's default when a meeting has no end time. */
export const DEFAULT_DURATION_MINUTES = 60;

export const startMinutes = (d: MeetingDay): number | null => (d.row.time ? toMinutes(d.row.time) : null);

export const meetingMinutes = (d: MeetingDay): number =>
  d.row.time && d.row.end_time ? durationMinutes(d.row.time, d.row.end_time) : DEFAULT_DURATION_MINUTES;

const hms = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/** in_person 1, online 2, hybrid 3; a temporarily closed meeting stays 1 and carries the TC format. */
export const VENUE_OF = { in_person: 1, inactive: 1, online: 2, hybrid: 3 } as const;

const VENUE_ATTENDANCE = { 1: ['in_person', 'inactive'], 2: ['online'], 3: ['hybrid'] } as const;
export const attendanceOfVenue = (venue: number) => VENUE_ATTENDANCE[venue as 1 | 2 | 3] ?? [];

const text = (v: string | null | undefined) => v ?? '';
const num = (v: number | string | null) => (v === null ? '' : String(Number(v)));
const rounded = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v * 1e6) / 1e6));
const address = (d: MeetingDay) => splitAddress(d.row);

function contact(d: MeetingDay, n: number, field: keyof Contact): string {
  // Contacts are personal data: shown only when the source chose to publish them, as in the other feeds.
  if (d.row.publish_contacts !== 1 || !d.row.contacts) return '';
  try {
    const list = JSON.parse(d.row.contacts) as Contact[];
    return text(list[n - 1]?.[field]);
  } catch {
    return '';
  }
}

type Getter = (d: MeetingDay, ctx: PresentContext) => string;

/**
 * The fields of a GetSearchResults meeting, in the order a BMLT server sends
 * them, with GetFieldKeys' descriptions. Every value is a string; fields
 * Kinship does not keep are "". `lang_enum` is the server's language.
 */
export const MEETING_FIELDS: readonly (readonly [string, string, Getter])[] = [
  ['id_bigint', 'ID', (d) => String(d.id)],
  ['worldid_mixed', 'World ID', () => ''],
  ['shared_group_id_bigint', 'Shared group ID', () => ''],
  ['service_body_bigint', 'Service body ID', (d) => String(d.row.entity_id ?? 0)],
  ['service_body_name', 'Service body', (d) => text(d.row.entity_name)],
  ['weekday_tinyint', 'Weekday (1 = Sunday)', (d) => String(d.weekday)],
  ['venue_type', 'Venue type (1 in person, 2 virtual, 3 hybrid)', (d) => String(VENUE_OF[d.row.attendance])],
  ['start_time', 'Start time', (d) => (d.row.time ? `${d.row.time}:00` : '')],
  ['duration_time', 'Duration', (d) => hms(meetingMinutes(d))],
  ['time_zone', 'Time zone', (d) => text(d.row.timezone)],
  ['formats', 'Formats (key strings)', (d, c) => d.formatIds.map((id) => c.catalog.keyOf(id)).join(',')],
  ['lang_enum', 'Language', () => 'en'],
  ['longitude', 'Longitude', (d) => num(d.row.longitude)],
  ['latitude', 'Latitude', (d) => num(d.row.latitude)],
  ['distance_in_km', 'Distance (km)', (d) => rounded(d.distanceKm)],
  ['distance_in_miles', 'Distance (miles)', (d) => rounded(d.distanceKm === undefined ? undefined : d.distanceKm / KM_PER_MILE)],
  ['email_contact', 'Email contact', () => ''],
  ['published', 'Published', () => '1'],
  ['root_server_uri', 'Root server URI', (_d, c) => c.rootServerUri],
  ['format_shared_id_list', 'Format ids', (d) => d.formatIds.join(',')],
  ['meeting_name', 'Meeting name', (d) => d.row.name],
  ['location_text', 'Location name', (d) => text(d.row.location_name)],
  ['location_info', 'Additional location information', (d) => text(d.row.location_notes)],
  ['location_street', 'Street address', (d) => address(d).street],
  ['location_city_subsection', 'Borough', () => ''],
  ['location_neighborhood', 'Neighbourhood', () => ''],
  ['location_municipality', 'Town', (d) => address(d).municipality],
  ['location_sub_province', 'County', () => ''],
  ['location_province', 'State', (d) => address(d).province],
  ['location_postal_code_1', 'Postal code', (d) => address(d).postalCode],
  ['location_nation', 'Nation', (d) => address(d).nation],
  ['comments', 'Comments', (d) => text(d.row.notes)],
  ['zone', 'Zone', () => ''],
  ['train_lines', 'Train lines', () => ''],
  ['bus_lines', 'Bus lines', () => ''],
  ['contact_phone_2', 'Contact 2 phone', (d) => contact(d, 2, 'phone')],
  ['contact_email_2', 'Contact 2 email', (d) => contact(d, 2, 'email')],
  ['contact_name_2', 'Contact 2 name', (d) => contact(d, 2, 'name')],
  ['contact_phone_1', 'Contact 1 phone', (d) => contact(d, 1, 'phone')],
  ['contact_email_1', 'Contact 1 email', (d) => contact(d, 1, 'email')],
  ['contact_name_1', 'Contact 1 name', (d) => contact(d, 1, 'name')],
  ['phone_meeting_number', 'Phone meeting dial-in number', (d) => text(d.row.conference_phone)],
  ['virtual_meeting_link', 'Virtual meeting link', (d) => text(d.row.conference_url)],
  [
    'virtual_meeting_additional_info',
    'Virtual meeting additional information',
    (d) => [d.row.conference_url_notes, d.row.conference_phone_notes].filter(Boolean).join('\n'),
  ],
  ['admin_notes', 'Administrative notes', () => ''],
];

export const MEETING_FIELD_NAMES: readonly string[] = MEETING_FIELDS.map(([name]) => name);
const GETTERS = new Map(MEETING_FIELDS.map(([name, , get]) => [name, get]));

/** True for fields BMLT clients compare as numbers when sorting. */
export const NUMERIC_FIELDS = new Set([
  'id_bigint',
  'service_body_bigint',
  'weekday_tinyint',
  'venue_type',
  'longitude',
  'latitude',
  'distance_in_km',
  'distance_in_miles',
]);

/** One field of a meeting-day; "" for a name that is not a field. */
export function fieldValue(d: MeetingDay, field: string, ctx: PresentContext): string {
  return GETTERS.get(field)?.(d, ctx) ?? '';
}

/** A meeting-day with the given fields (all of them when `fields` is null), in BMLT's order. */
export function presentMeeting(d: MeetingDay, ctx: PresentContext, fields: ReadonlySet<string> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, , get] of MEETING_FIELDS) if (fields === null || fields.has(name)) out[name] = get(d, ctx);
  return out;
}

/** `data_field_key`: the known names in it, or null (every field) when it names none, as BMLT does. */
export function selectFields(dataFieldKey: string | undefined): ReadonlySet<string> | null {
  if (dataFieldKey === undefined) return null;
  const wanted = new Set(dataFieldKey.split(',').map((k) => k.trim()));
  const known = MEETING_FIELD_NAMES.filter((name) => wanted.has(name));
  return known.length > 0 ? new Set(known) : null;
}
