/**
 * Indexed meetings for the 1,000,000-meeting stress case, built without a database: a 1M import would take over a
 * minute and a 600 MB feed, and only the in-memory search is measured at that size. Each generated feed meeting
 * becomes the row the importer would have stored (the same fields, attendance rules and type clean-up, simplified),
 * and that row goes through the application's own `toIndexed`, so the search text and the pre-serialised summary
 * are what a real index would hold.
 */
import type { MeetingRow } from '../../src/server/modules/meetings/repository/meeting-rows.js';
import { SPEC_TYPES } from '../../src/server/modules/meetings/normalize/types.js';
import type { IndexedMeeting } from '../../src/server/modules/search/index/indexed-meeting.js';
import { toIndexed } from '../../src/server/modules/search/loader.js';
import { type FeedMeeting, generateMeetings, SOURCE_TIMEZONE } from './feed-generator.js';

type UsedColumns =
  | 'id'
  | 'source_id'
  | 'slug'
  | 'name'
  | 'fellowship'
  | 'days'
  | 'time'
  | 'end_time'
  | 'timezone'
  | 'types'
  | 'notes'
  | 'attendance'
  | 'conference_provider'
  | 'conference_phone'
  | 'location_name'
  | 'formatted_address'
  | 'city'
  | 'latitude'
  | 'longitude'
  | 'approximate'
  | 'group_name'
  | 'region_path';

/** The stored row of a feed meeting, as far as the index reads it. */
function rowOf(m: FeedMeeting, id: number): MeetingRow {
  const online = m.conference_url !== '';
  const onlineOnly = m.location === 'Online';
  const row: Pick<MeetingRow, UsedColumns> = {
    id,
    source_id: 1,
    slug: m.slug,
    name: m.name,
    fellowship: 'AA',
    days: (Array.isArray(m.day) ? m.day : [m.day]).join(','),
    time: m.time,
    end_time: m.end_time,
    timezone: m.timezone ?? SOURCE_TIMEZONE,
    // Spec codes only, sorted, as the importer stores them (ONL and unknown codes go elsewhere).
    types: JSON.stringify(m.types.filter((t) => SPEC_TYPES[t] !== undefined).sort()),
    notes: m.notes === '' ? null : m.notes.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&'),
    attendance: online ? (onlineOnly ? 'online' : 'hybrid') : 'in_person',
    conference_provider: online ? 'zoom' : null,
    conference_phone: m.conference_phone === '' ? null : m.conference_phone,
    location_name: m.location,
    formatted_address: m.formatted_address,
    city: null,
    latitude: Number(m.latitude),
    longitude: Number(m.longitude),
    approximate: onlineOnly ? 1 : 0,
    group_name: m.group === '' ? null : m.group,
    region_path: m.regions.join(' > '),
  };
  // The other columns are not read by toIndexed.
  return row as MeetingRow;
}

/** `count` meetings from the import benchmark's generator, ids 1…count, in the index's form. */
export function* syntheticMeetings(count: number, seed: number): Generator<IndexedMeeting> {
  let id = 0;
  for (const m of generateMeetings(count, seed)) yield toIndexed(rowOf(m, ++id));
}
