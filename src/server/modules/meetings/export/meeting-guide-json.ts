import type { MeetingRow } from '../repository/meeting-rows.js';

const list = <T>(json: string | null): T[] => (json ? (JSON.parse(json) as T[]) : []);

/** "2024-05-01T12:00:00.000Z" → "2024-05-01 12:00:00", the spec's UTC format for `updated`. */
export function specTimestamp(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

/**
 * One meeting in the Meeting Guide format (spec: README of
 * @code4recovery/spec), so the Meeting Guide app and tsml-ui can read
 * Kinship's feed. Field names are the spec's. `types` holds spec codes only;
 * codes a single source invented mean nothing to other clients. Contact
 * fields are personal data and appear only when the source chose to publish
 * them. `attendance_option` and `fellowship` are extensions (the first as
 * the 12 Step Meeting List plugin writes it); clients ignore fields they do
 * not know.
 */
export function toMeetingGuide(row: MeetingRow): Record<string, unknown> {
  const days = row.days === '' ? [] : row.days.split(',').map(Number);
  const regions = row.region_path ? row.region_path.split(' > ') : [];
  const out: Record<string, unknown> = {
    name: row.name,
    slug: row.slug,
  };
  if (days.length > 0) {
    out.day = days.length === 1 ? days[0] : days;
    out.time = row.time;
    out.end_time = row.end_time;
  }
  if (row.timezone) out.timezone = row.timezone;
  out.types = list<string>(row.types);
  set(out, 'notes', row.notes);
  set(out, 'location', row.location_name);
  set(out, 'location_notes', row.location_notes);
  set(out, 'formatted_address', row.formatted_address);
  for (const key of ['address', 'city', 'state', 'postal_code', 'country'] as const) set(out, key, row[key]);
  if (row.latitude !== null && row.longitude !== null) {
    out.latitude = Number(row.latitude);
    out.longitude = Number(row.longitude);
  }
  if (row.location_id !== null) out.approximate = row.approximate === 1 ? 'yes' : 'no';
  if (regions.length > 0) {
    out.regions = regions;
    out.region = regions[0];
    if (regions[1]) out.sub_region = regions[1];
  }
  set(out, 'group', row.group_name);
  set(out, 'group_notes', row.group_notes);
  // Always present, even when empty, so clients can rely on them.
  out.conference_url = row.conference_url;
  out.conference_url_notes = row.conference_url_notes;
  out.conference_phone = row.conference_phone;
  out.conference_phone_notes = row.conference_phone_notes;
  set(out, 'url', row.url);
  set(out, 'edit_url', row.edit_url);
  set(out, 'feedback_url', row.feedback_url);
  const feedbackEmails = list<string>(row.feedback_emails);
  if (feedbackEmails.length > 0) out.feedback_emails = feedbackEmails;
  for (const key of ['venmo', 'square', 'paypal', 'homegroup_online'] as const) set(out, key, row[key]);
  if (row.entity_name) {
    out.entity = row.entity_name;
    set(out, 'entity_email', row.entity_email);
    set(out, 'entity_phone', row.entity_phone);
    set(out, 'entity_location', row.entity_location);
    set(out, 'entity_url', row.entity_url);
    set(out, 'entity_logo', row.entity_logo);
  }
  if (row.publish_contacts === 1) {
    list<{ name: string | null; email: string | null; phone: string | null }>(row.contacts).forEach((c, i) => {
      set(out, `contact_${i + 1}_name`, c.name);
      set(out, `contact_${i + 1}_email`, c.email);
      set(out, `contact_${i + 1}_phone`, c.phone);
    });
  }
  out.updated = specTimestamp(row.source_updated ?? row.updated_at);
  out.attendance_option = row.attendance;
  set(out, 'fellowship', row.fellowship);
  return out;
}

function set(out: Record<string, unknown>, key: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && value !== '') out[key] = value;
}
