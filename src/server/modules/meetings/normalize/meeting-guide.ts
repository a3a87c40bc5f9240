import type { NormalizedEntity, NormalizedLocation, NormalizeResult } from '../model.js';
import { asRecord, IssueList } from './issues.js';
import { LIMITS, describeType, readText } from './text.js';
import { composeAddress, looksApproximate, parseCoordinates } from './geo.js';
import { IN_PERSON_ONLY_TYPES, readTypes } from './types.js';
import { deriveAttendance } from './attendance.js';
import { parseUpdated } from './updated.js';
import { isSpecific, readContacts, readEmail, readHandle, readOnline, readSchedule, readUrl } from './shared-fields.js';

export interface SourceDefaults {
  /** IANA zone for meetings that carry none (most feeds). */
  timezone: string | null;
  fellowship: string | null;
}

/**
 * One meeting of a Meeting Guide JSON feed (spec: README of @code4recovery/spec,
 * plus the leniencies of the 12 Step Meeting List plugin and tsml-ui). Never
 * throws: a bad meeting comes back rejected with every reason found.
 */
export function normalizeMeetingGuide(raw: unknown, defaults: SourceDefaults): NormalizeResult {
  const issues = new IssueList();
  const r = asRecord(raw, issues);
  if (r === null) return { ok: false, slug: null, reasons: issues.reasons };

  const slug = readSlug(r.slug, issues);
  const name = readText(r.name, 'name', issues, { max: LIMITS.name, required: true });
  if (name === null && !issues.reasons.some((x) => x.field === 'name')) issues.reject('missing_name', 'name', 'name is missing');
  const schedule = readSchedule(
    { day: r.day, time: r.time, end_time: r.end_time, timezone: r.timezone },
    defaults.timezone,
    issues,
  );
  const types = readTypes(r.types, issues);
  const online = readOnline(r.conference_url, r.conference_phone, issues);
  const location = readLocation(r, issues);
  if (location === null && !online.usableLink && !online.usablePhone) {
    issues.reject('no_geography', 'formatted_address', 'has no address, city or coordinates, and no way to join online');
  } else if (location === null) {
    issues.warn('no_geography', 'formatted_address', 'has no address or city; apps that search by place will not find it');
  }

  if (issues.rejected || slug === null || name === null) {
    return { ok: false, slug, reasons: issues.reasons };
  }

  const attendance = deriveAttendance({
    specificAddress: isSpecific(location),
    temporarilyClosed: types.types.includes('TC'),
    usableLink: online.usableLink,
    usablePhone: online.usablePhone,
  });
  if (types.legacyOnline && !online.usableLink && !online.usablePhone) {
    issues.warn('online_without_link', 'types', 'marked online (ONL) but has no usable link or phone number');
  }
  if (attendance === 'online') {
    const misplaced = types.types.filter((t) => IN_PERSON_ONLY_TYPES.has(t));
    if (misplaced.length > 0)
      issues.warn('in_person_type_online', 'types', `in-person types on an online-only meeting: ${misplaced.join(', ')}`);
  }

  const groupName = readText(r.group, 'group', issues, { max: LIMITS.name });
  const regionList = readRegions(r, issues);

  return {
    ok: true,
    warnings: issues.warnings,
    meeting: {
      slug,
      name,
      ...schedule,
      fellowship: defaults.fellowship,
      types: types.types,
      custom_types: types.custom,
      notes: readText(r.notes, 'notes', issues, { max: LIMITS.longText, multiline: true }),
      location,
      group:
        groupName === null
          ? null
          : { name: groupName, notes: readText(r.group_notes, 'group_notes', issues, { max: LIMITS.longText, multiline: true }) },
      regions: regionList,
      entity: readEntity(r, issues),
      conference_url: online.conference_url,
      conference_url_notes: readText(r.conference_url_notes, 'conference_url_notes', issues, {
        max: LIMITS.shortText * 4,
        multiline: true,
      }),
      conference_provider: online.conference_provider,
      conference_phone: online.conference_phone,
      conference_phone_notes: readText(r.conference_phone_notes, 'conference_phone_notes', issues, {
        max: LIMITS.shortText * 4,
        multiline: true,
      }),
      url: readUrl(r.url, 'url', issues),
      edit_url: readUrl(r.edit_url, 'edit_url', issues),
      feedback_url: readUrl(r.feedback_url, 'feedback_url', issues, true),
      feedback_emails: readEmails(r.feedback_emails, issues),
      venmo: readHandle(r.venmo, 'venmo', issues),
      square: readHandle(r.square, 'square', issues),
      paypal: readHandle(r.paypal, 'paypal', issues),
      homegroup_online: readHandle(r.homegroup_online, 'homegroup_online', issues),
      contacts: readContacts(r, issues),
      attendance,
      updated: parseUpdated(r.updated) ?? null,
    },
  };
}

function readSlug(raw: unknown, issues: IssueList): string | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string' || raw.trim() === '') {
    issues.reject(
      'missing_slug',
      'slug',
      raw === undefined || raw === null || raw === '' ? 'slug is missing' : `slug should be text, not ${describeType(raw)}`,
    );
    return null;
  }
  const slug = raw.trim();
  if (slug.length > LIMITS.slug) {
    issues.reject('too_long', 'slug', `slug is longer than ${LIMITS.slug} characters`);
    return null;
  }
  return slug;
}

function readLocation(r: Record<string, unknown>, issues: IssueList): NormalizedLocation | null {
  const split = {
    address: readText(r.address, 'address', issues),
    city: readText(r.city, 'city', issues),
    state: readText(r.state, 'state', issues),
    postal_code: readText(r.postal_code, 'postal_code', issues, { max: 32 }),
    country: readText(r.country, 'country', issues, { max: 64 }),
  };
  const formatted = readText(r.formatted_address, 'formatted_address', issues) ?? composeAddress(split);
  let coords = parseCoordinates(r.latitude, r.longitude, r.coordinates);
  if (coords === undefined) {
    issues.warn('bad_coordinates', 'latitude', 'latitude/longitude are not valid coordinates; ignored');
    coords = null;
  }
  const name = readText(r.location, 'location', issues);
  if (formatted === null && coords === null) return null;
  let approximate: boolean;
  const flag = typeof r.approximate === 'string' ? r.approximate.trim().toLowerCase() : r.approximate;
  if (flag === 'yes' || flag === true) approximate = true;
  else if (flag === 'no' || flag === false) approximate = false;
  else approximate = formatted === null || looksApproximate(formatted);
  return {
    name,
    notes: readText(r.location_notes, 'location_notes', issues, { max: LIMITS.longText, multiline: true }),
    formatted_address: formatted,
    ...split,
    latitude: coords?.lat ?? null,
    longitude: coords?.lng ?? null,
    approximate,
  };
}

function readRegions(r: Record<string, unknown>, issues: IssueList): string[] {
  const list: unknown[] = Array.isArray(r.regions) ? r.regions : [r.region, r.sub_region];
  const out: string[] = [];
  for (const [i, item] of list.slice(0, 10).entries()) {
    const name = readText(item, Array.isArray(r.regions) ? `regions[${i}]` : i === 0 ? 'region' : 'sub_region', issues, {
      max: 200,
    });
    if (name !== null) out.push(name.replace(/ > /g, ' - '));
  }
  return out;
}

function readEmails(raw: unknown, issues: IssueList): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
  return list
    .slice(0, 10)
    .map((e) => readEmail(e, 'feedback_emails', issues))
    .filter((e): e is string => e !== null);
}

/** Service entity fields (spec); both entity_url and entity_website_url occur in the wild. */
function readEntity(r: Record<string, unknown>, issues: IssueList): NormalizedEntity | null {
  const name = readText(r.entity, 'entity', issues, { max: LIMITS.name });
  if (name === null) return null;
  return {
    external_id: name,
    name,
    email: readEmail(r.entity_email, 'entity_email', issues),
    phone: readText(r.entity_phone, 'entity_phone', issues, { max: 64 }),
    location: readText(r.entity_location, 'entity_location', issues),
    url: readUrl(
      r.entity_website_url ?? r.entity_url,
      r.entity_website_url !== undefined ? 'entity_website_url' : 'entity_url',
      issues,
    ),
    logo: readUrl(r.entity_logo, 'entity_logo', issues),
  };
}
