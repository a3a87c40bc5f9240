import type { Attendance } from '../../db/types.js';

/**
 * A meeting as Kinship understands it after normalisation, independent of the
 * feed format it came from. Field names follow the Meeting Guide spec (the
 * README of `@code4recovery/spec`) wherever the spec has one.
 */
export interface NormalizedMeeting {
  slug: string;
  name: string;
  /** 0 = Sunday … 6 = Saturday, sorted and unique; empty means "by appointment". */
  days: number[];
  /** "HH:MM", 24-hour, in `timezone`; null when by appointment. */
  time: string | null;
  /** "HH:MM"; one hour after `time` when the feed gave none (spec: end_time). */
  end_time: string | null;
  timezone: string | null;
  fellowship: string | null;
  /** Meeting Guide type codes from the spec. */
  types: string[];
  /** Codes the spec does not define, kept as the source wrote them. */
  custom_types: string[];
  notes: string | null;
  location: NormalizedLocation | null;
  group: { name: string; notes: string | null } | null;
  /** Region path, most general first (spec: regions, or region + sub_region). */
  regions: string[];
  entity: NormalizedEntity | null;
  conference_url: string | null;
  conference_url_notes: string | null;
  /** Recognised provider of `conference_url` (zoom, google_meet, …), null when unknown. */
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
  attendance: Attendance;
  /** When the source last changed the listing, ISO-8601 UTC. */
  updated: string | null;
}

export interface NormalizedLocation {
  name: string | null;
  notes: string | null;
  formatted_address: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Only a city or area is known, not a place one can walk into. */
  approximate: boolean;
}

export interface NormalizedEntity {
  /** The source's own id for it (BMLT service body id); for Meeting Guide, the name. */
  external_id: string;
  /** BMLT only: the parent service body, its type (RS, AS, …), description and NAWS id. */
  parent_external_id?: string | null;
  type?: string | null;
  description?: string | null;
  world_id?: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  location: string | null;
  url: string | null;
  logo: string | null;
}

export interface Contact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** Why a meeting was rejected or warned about; codes are stable for clients. */
export type IssueCode =
  | 'invalid_record'
  | 'not_utf8'
  | 'missing_slug'
  | 'duplicate_slug'
  | 'missing_name'
  | 'invalid_day'
  | 'invalid_time'
  | 'invalid_end_time'
  | 'no_timezone'
  | 'invalid_timezone'
  | 'no_geography'
  | 'unknown_type'
  | 'legacy_type'
  | 'bad_url'
  | 'unknown_provider'
  | 'bad_phone'
  | 'bad_coordinates'
  | 'bad_payment_handle'
  | 'too_long'
  | 'wrong_type'
  | 'long_meeting'
  | 'online_without_link'
  | 'in_person_type_online'
  | 'conflicting_location';

export interface MeetingIssue {
  code: IssueCode;
  field?: string;
  message: string;
}

export type NormalizeResult =
  | { ok: true; meeting: NormalizedMeeting; warnings: MeetingIssue[] }
  | { ok: false; slug: string | null; reasons: MeetingIssue[] };
