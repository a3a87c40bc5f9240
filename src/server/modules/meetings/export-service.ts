import type { DbOrTx } from '../../db/types.js';
import { meetingRowPages, type FeedFilter } from './repository/feeds.js';
import type { MeetingRow } from './repository/meeting-rows.js';
import { toMeetingGuide } from './export/meeting-guide-json.js';
import { csvHeader, csvRow } from './export/csv.js';
import { buildCalendar, type IcsMeeting } from './export/ics.js';

export type ExportFormat = 'meeting-guide' | 'csv' | 'ics';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  'meeting-guide': 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
};

/** The Meeting Guide feed as text chunks: `[`, meetings, `]`, never the whole feed in memory. */
export async function* meetingGuideChunks(db: DbOrTx, filter: FeedFilter): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const page of meetingRowPages(db, filter)) {
    const parts = page.map((row) => JSON.stringify(toMeetingGuide(row)));
    yield (first ? '' : ',') + parts.join(',');
    first = false;
  }
  yield ']';
}

export async function* csvChunks(db: DbOrTx, filter: FeedFilter): AsyncGenerator<string> {
  // A byte-order mark so spreadsheet programs read the file as UTF-8.
  yield `\ufeff${csvHeader()}`;
  for await (const page of meetingRowPages(db, filter)) yield page.map(csvRow).join('');
}

/** Weekly meetings only: one "by appointment", or without a zone, has no place in a calendar. */
export function toIcsMeeting(row: MeetingRow, publicUrl: string, host: string): IcsMeeting | null {
  if (row.days === '' || !row.time || !row.end_time || !row.timezone) return null;
  const types = JSON.parse(row.types) as string[];
  return {
    uid: `meeting-${row.id}@${host}`,
    name: row.name,
    days: row.days.split(',').map(Number),
    time: row.time,
    endTime: row.end_time,
    timezone: row.timezone,
    url: `${publicUrl}/meetings/${row.id}`,
    conferenceUrl: row.conference_url,
    conferencePhone: row.conference_phone,
    conferenceNotes: [row.conference_url_notes, row.conference_phone_notes].filter(Boolean).join('\n') || null,
    locationName: row.attendance === 'online' ? null : row.location_name,
    formattedAddress: row.attendance === 'online' ? null : row.formatted_address,
    latitude: row.attendance === 'online' || row.latitude === null ? null : Number(row.latitude),
    longitude: row.attendance === 'online' || row.longitude === null ? null : Number(row.longitude),
    notes: row.notes,
    updated: row.updated_at,
    cancelled: types.includes('TC') && row.attendance === 'inactive',
  };
}

/** An iCalendar of the matching weekly meetings, at most `limit` of them. */
export async function calendarFor(
  db: DbOrTx,
  filter: FeedFilter,
  publicUrl: string,
  name: string,
  limit: number,
): Promise<{ text: string; count: number; truncated: boolean }> {
  const host = new URL(publicUrl).host;
  const events: IcsMeeting[] = [];
  let truncated = false;
  for await (const page of meetingRowPages(db, filter)) {
    for (const row of page) {
      const event = toIcsMeeting(row, publicUrl, host);
      if (!event) continue;
      if (events.length >= limit) {
        truncated = true;
        break;
      }
      events.push(event);
    }
    if (truncated) break;
  }
  return { text: buildCalendar(events, { name }), count: events.length, truncated };
}

export function calendarForRow(row: MeetingRow, publicUrl: string): string | null {
  const event = toIcsMeeting(row, publicUrl, new URL(publicUrl).host);
  return event ? buildCalendar([event], { name: row.name }) : null;
}
