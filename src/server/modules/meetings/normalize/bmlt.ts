import type { NormalizedEntity, NormalizedLocation, NormalizeResult } from '../model.js';
import { asRecord, IssueList } from './issues.js';
import { LIMITS, readText } from './text.js';
import { composeAddress, parseCoordinates } from './geo.js';
import { IN_PERSON_ONLY_TYPES } from './types.js';
import { deriveAttendance } from './attendance.js';
import { mapFormats, type BmltFormat } from './bmlt-formats.js';
import { readContacts, readOnline, readSchedule } from './shared-fields.js';
import { fromMinutes, parseTime, toMinutes } from './time.js';
import type { SourceDefaults } from './meeting-guide.js';

export interface BmltContext {
  formats: Map<string, BmltFormat>;
  serviceBodies: Map<string, NormalizedEntity>;
  defaults: SourceDefaults;
}

/** BMLT free text sometimes carries a legacy "label#@-@#value" prefix. */
const legacyNoise = (s: string | null) => (s === null ? null : s.replace(/^[^#]*#@-@#/, '').trim() || null);

/**
 * One meeting of a BMLT GetSearchResults response. Every value there is a
 * string; weekday_tinyint runs 1 = Sunday … 7 = Saturday; start_time and
 * duration_time are HH:MM:SS; venue_type 1 = in person, 2 = virtual,
 * 3 = hybrid. Never throws.
 */
export function normalizeBmlt(raw: unknown, ctx: BmltContext): NormalizeResult {
  const issues = new IssueList();
  const r = asRecord(raw, issues);
  if (r === null) return { ok: false, slug: null, reasons: issues.reasons };
  const id = readText(r.id_bigint, 'id_bigint', issues, { max: 32 });
  const slug = id !== null && /^\d+$/.test(id) ? id : null;
  if (slug === null) issues.reject('missing_slug', 'id_bigint', 'id_bigint is missing or not a number');
  const name = readText(r.meeting_name, 'meeting_name', issues, { max: LIMITS.name, required: true });
  if (name === null && !issues.reasons.some((x) => x.field === 'meeting_name'))
    issues.reject('missing_name', 'meeting_name', 'meeting_name is missing');

  const weekday = readText(r.weekday_tinyint, 'weekday_tinyint', issues, { max: 2 });
  let day: number | undefined;
  if (weekday !== null) {
    day = /^[1-7]$/.test(weekday) ? Number(weekday) - 1 : undefined;
    if (day === undefined)
      issues.reject('invalid_day', 'weekday_tinyint', `weekday_tinyint "${weekday}" is not 1 (Sunday) to 7 (Saturday)`);
  }
  const start = readText(r.start_time, 'start_time', issues, { max: 8 });
  const duration = readText(r.duration_time, 'duration_time', issues, { max: 8 });
  let end: string | null = null;
  if (start !== null && duration !== null && /^\d{1,2}:\d{2}(:\d{2})?$/.test(duration) && /^\d{1,2}:\d{2}/.test(start)) {
    const [h, m] = duration.split(':').map(Number);
    const minutes = (h ?? 0) * 60 + (m ?? 0);
    const startHm = parseTime(start);
    if (minutes > 0 && minutes < 1440 && startHm !== undefined) end = fromMinutes(toMinutes(startHm) + minutes);
  }
  const schedule = readSchedule(
    {
      day,
      time: start === null ? null : start.slice(0, start.lastIndexOf(':') > 2 ? 5 : undefined),
      end_time: end,
      timezone: r.time_zone,
    },
    ctx.defaults.timezone,
    issues,
  );

  const formats = mapFormats(typeof r.formats === 'string' ? r.formats : '', ctx.formats, issues);
  const venue = readText(r.venue_type, 'venue_type', issues, { max: 2 });
  const online = readOnline(r.virtual_meeting_link, r.phone_meeting_number, issues);
  const location = readLocation(r, venue, issues);
  if (location === null && !online.usableLink && !online.usablePhone) {
    issues.reject('no_geography', 'location_street', 'has no address or coordinates, and no way to join online');
  }
  if (issues.rejected || slug === null || name === null) return { ok: false, slug, reasons: issues.reasons };

  const attendance = deriveAttendance({
    specificAddress: location !== null && !location.approximate,
    temporarilyClosed: formats.types.includes('TC'),
    usableLink: online.usableLink,
    usablePhone: online.usablePhone,
  });
  if ((formats.virtual || venue === '2' || venue === '3') && !online.usableLink && !online.usablePhone) {
    issues.warn('online_without_link', 'virtual_meeting_link', 'marked virtual or hybrid but has no usable link or phone number');
  }
  if (attendance === 'online') {
    const misplaced = formats.types.filter((t) => IN_PERSON_ONLY_TYPES.has(t));
    if (misplaced.length > 0)
      issues.warn('in_person_type_online', 'formats', `in-person types on an online-only meeting: ${misplaced.join(', ')}`);
  }

  const notes = [
    readText(r.comments, 'comments', issues, { max: LIMITS.longText, multiline: true }),
    legacyNoise(readText(r.train_lines, 'train_lines', issues)),
    legacyNoise(readText(r.bus_lines, 'bus_lines', issues)),
  ].filter(Boolean);
  const regions = [
    readText(r.location_sub_province, 'location_sub_province', issues),
    readText(r.location_municipality, 'location_municipality', issues),
  ];
  const serviceBody = readText(r.service_body_bigint, 'service_body_bigint', issues, { max: 32 });

  return {
    ok: true,
    warnings: issues.warnings,
    meeting: {
      slug,
      name,
      ...schedule,
      fellowship: ctx.defaults.fellowship,
      types: formats.types,
      custom_types: formats.custom,
      notes: notes.length > 0 ? notes.join('\n') : null,
      location,
      group: null,
      regions: regions.filter((x): x is string => x !== null),
      entity: serviceBody === null ? null : (ctx.serviceBodies.get(serviceBody) ?? null),
      conference_url: online.conference_url,
      conference_url_notes: readText(r.virtual_meeting_additional_info, 'virtual_meeting_additional_info', issues, {
        max: 2000,
        multiline: true,
      }),
      conference_provider: online.conference_provider,
      conference_phone: online.conference_phone,
      conference_phone_notes: null,
      url: null,
      edit_url: null,
      feedback_url: null,
      feedback_emails: [],
      venmo: null,
      square: null,
      paypal: null,
      homegroup_online: null,
      contacts: readContacts(
        {
          contact_1_name: r.contact_name_1,
          contact_1_email: r.contact_email_1,
          contact_1_phone: r.contact_phone_1,
          contact_2_name: r.contact_name_2,
          contact_2_email: r.contact_email_2,
          contact_2_phone: r.contact_phone_2,
        },
        issues,
      ),
      attendance,
      updated: null,
    },
  };
}

function readLocation(r: Record<string, unknown>, venue: string | null, issues: IssueList): NormalizedLocation | null {
  const split = {
    address: readText(r.location_street, 'location_street', issues),
    city:
      readText(r.location_municipality, 'location_municipality', issues) ??
      readText(r.location_city_subsection, 'location_city_subsection', issues),
    state: readText(r.location_province, 'location_province', issues),
    postal_code: readText(r.location_postal_code_1, 'location_postal_code_1', issues, { max: 32 }),
    country: readText(r.location_nation, 'location_nation', issues, { max: 64 }),
  };
  let coords = parseCoordinates(r.latitude, r.longitude, undefined);
  if (coords === undefined) {
    issues.warn('bad_coordinates', 'latitude', 'latitude/longitude are not valid coordinates; ignored');
    coords = null;
  }
  const formatted = composeAddress(split);
  if (formatted === null && coords === null) return null;
  return {
    name: readText(r.location_text, 'location_text', issues),
    notes: readText(r.location_info, 'location_info', issues, { max: LIMITS.longText, multiline: true }),
    formatted_address: formatted,
    ...split,
    latitude: coords?.lat ?? null,
    longitude: coords?.lng ?? null,
    // A virtual meeting's address is where it is based, not a door to walk in.
    approximate: venue === '2' || split.address === null,
  };
}

/** Reads GetServiceBodies into entities keyed by service body id. */
export function readServiceBodies(raw: unknown, issues: IssueList): Map<string, NormalizedEntity> {
  const map = new Map<string, NormalizedEntity>();
  if (!Array.isArray(raw)) return map;
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const b = item as Record<string, unknown>;
    const id = readText(b.id, 'id', issues, { max: 32 });
    const name = readText(b.name, 'name', issues, { max: LIMITS.name });
    if (id === null || name === null) continue;
    const url = readText(b.url, 'url', issues, { max: LIMITS.url });
    map.set(id, {
      external_id: id,
      parent_external_id: readText(b.parent_id, 'parent_id', issues, { max: 32 }),
      type: readText(b.type, 'type', issues, { max: 20 }),
      description: readText(b.description, 'description', issues, { max: 2000, multiline: true }),
      world_id: readText(b.world_id, 'world_id', issues, { max: 32 }),
      name,
      email: null,
      phone: readText(b.helpline, 'helpline', issues, { max: 64 }),
      location: null,
      url: url !== null && /^https?:\/\//i.test(url) ? url : null,
      logo: null,
    });
  }
  return map;
}
