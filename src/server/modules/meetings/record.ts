import { hash } from 'node:crypto';
import type { Contact, NormalizedEntity, NormalizedLocation, NormalizedMeeting } from './model.js';

/**
 * A meeting flattened to one level with the spec's field names: what change
 * detection hashes and what change history diffs. Built the same way from a
 * freshly normalised meeting and from stored rows, so an unchanged meeting
 * hashes the same on both sides and re-importing it writes nothing.
 */
export interface MeetingRecord {
  slug: string;
  name: string;
  day: number[];
  time: string | null;
  end_time: string | null;
  timezone: string | null;
  fellowship: string | null;
  types: string[];
  custom_types: string[];
  notes: string | null;
  location: string | null;
  location_notes: string | null;
  formatted_address: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  approximate: boolean | null;
  group: string | null;
  group_notes: string | null;
  regions: string[];
  entity_id: string | null;
  entity: string | null;
  entity_email: string | null;
  entity_phone: string | null;
  entity_location: string | null;
  entity_url: string | null;
  entity_logo: string | null;
  conference_url: string | null;
  conference_url_notes: string | null;
  conference_provider: string | null;
  conference_phone: string | null;
  conference_phone_notes: string | null;
  url: string | null;
  edit_url: string | null;
  feedback_url: string | null;
  feedback_emails: string[];
  venmo: string | null;
  square: string | null;
  paypal: string | null;
  homegroup_online: string | null;
  contacts: Contact[];
  attendance: string;
  updated: string | null;
}

/** Parts a record is made from, whether from normalisation or from rows. */
export interface RecordParts {
  meeting: Omit<NormalizedMeeting, 'location' | 'group' | 'entity' | 'regions'>;
  location: NormalizedLocation | null;
  group: { name: string; notes: string | null } | null;
  entity: Pick<NormalizedEntity, 'external_id' | 'name' | 'email' | 'phone' | 'location' | 'url' | 'logo'> | null;
  regions: string[];
}

export function buildRecord({ meeting: m, location: l, group: g, entity: e, regions }: RecordParts): MeetingRecord {
  return {
    slug: m.slug,
    name: m.name,
    day: m.days,
    time: m.time,
    end_time: m.end_time,
    timezone: m.timezone,
    fellowship: m.fellowship,
    types: m.types,
    custom_types: m.custom_types,
    notes: m.notes,
    location: l?.name ?? null,
    location_notes: l?.notes ?? null,
    formatted_address: l?.formatted_address ?? null,
    address: l?.address ?? null,
    city: l?.city ?? null,
    state: l?.state ?? null,
    postal_code: l?.postal_code ?? null,
    country: l?.country ?? null,
    latitude: l?.latitude ?? null,
    longitude: l?.longitude ?? null,
    approximate: l ? l.approximate : null,
    group: g?.name ?? null,
    group_notes: g?.notes ?? null,
    regions,
    entity_id: e?.external_id ?? null,
    entity: e?.name ?? null,
    entity_email: e?.email ?? null,
    entity_phone: e?.phone ?? null,
    entity_location: e?.location ?? null,
    entity_url: e?.url ?? null,
    entity_logo: e?.logo ?? null,
    conference_url: m.conference_url,
    conference_url_notes: m.conference_url_notes,
    conference_provider: m.conference_provider,
    conference_phone: m.conference_phone,
    conference_phone_notes: m.conference_phone_notes,
    url: m.url,
    edit_url: m.edit_url,
    feedback_url: m.feedback_url,
    feedback_emails: m.feedback_emails,
    venmo: m.venmo,
    square: m.square,
    paypal: m.paypal,
    homegroup_online: m.homegroup_online,
    contacts: m.contacts,
    attendance: m.attendance,
    updated: m.updated,
  };
}

export function recordOf(m: NormalizedMeeting): MeetingRecord {
  return buildRecord({ meeting: m, location: m.location, group: m.group, entity: m.entity, regions: m.regions });
}

/** Content hash of a record; key order is fixed by `buildRecord`. */
export function hashRecord(record: MeetingRecord): string {
  return hash('sha1', JSON.stringify(record));
}

export type RecordDiff = Partial<Record<keyof MeetingRecord, [unknown, unknown]>>;

/** Field-level before/after of two records; empty when they are equal. */
export function diffRecords(before: MeetingRecord | null, after: MeetingRecord | null): RecordDiff {
  const diff: RecordDiff = {};
  const keys = Object.keys(after ?? before ?? {}) as (keyof MeetingRecord)[];
  for (const key of keys) {
    const a = before ? before[key] : null;
    const b = after ? after[key] : null;
    if (a === b) continue;
    if (a == null || b == null || typeof a !== 'object' || typeof b !== 'object' || JSON.stringify(a) !== JSON.stringify(b))
      diff[key] = [a ?? null, b ?? null];
  }
  return diff;
}

/** Stable key of a location's content: meetings at the same place share one row. */
export function locationKey(l: NormalizedLocation): string {
  const parts = [
    l.name,
    l.notes,
    l.formatted_address,
    l.address,
    l.city,
    l.state,
    l.postal_code,
    l.country,
    l.latitude,
    l.longitude,
    l.approximate,
  ];
  return hash('sha1', JSON.stringify(parts));
}
