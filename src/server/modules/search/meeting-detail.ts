import { DateTime } from 'luxon';
import { toMeetingGuide } from '../meetings/export/meeting-guide-json.js';
import type { MeetingRow } from '../meetings/repository/meeting-rows.js';
import { durationMinutes, toMinutes } from '../meetings/normalize/time.js';
import type { TimeOps } from './engine/time-ops.js';

/**
 * A live meeting's row (findLiveMeeting) as `GET /api/meetings/:id` answers it: Meeting Guide fields, how to attend,
 * and its next occurrences (the one in progress and those of the next three weeks, at most six) in its own zone and
 * in `viewerZone`. The server-rendered meeting page embeds the same answer, from the row it has already read, so
 * the app shows the meeting at once when it takes the page over.
 */
export function meetingDetail(row: MeetingRow, time: TimeOps, viewerZone: string, now = Date.now()): Record<string, unknown> {
  const next: Record<string, unknown>[] = [];
  if (row.days !== '' && row.time && row.end_time && row.timezone) {
    const zone = time.zoneId(row.timezone);
    const start = toMinutes(row.time);
    const duration = durationMinutes(row.time, row.end_time);
    const starts = row.days
      .split(',')
      .map(Number)
      .flatMap((d) => time.occurrencesBetween(d, start, duration, zone, now - duration * 60_000, now + 21 * 86_400_000))
      .sort((a, b) => a - b)
      .slice(0, 6);
    for (const s of starts) {
      const e = s + duration * 60_000;
      const local = (ms: number, z: string) =>
        DateTime.fromMillis(ms, { zone: z }).toISO({ suppressMilliseconds: true, includeOffset: true });
      next.push({
        start: new Date(s).toISOString(),
        end: new Date(e).toISOString(),
        happening_now: s <= now && now < e,
        meeting_local: { start: local(s, row.timezone), end: local(e, row.timezone), zone: row.timezone },
        viewer_local: { start: local(s, viewerZone), end: local(e, viewerZone), zone: viewerZone },
      });
    }
  }
  return {
    id: row.id,
    source: row.source_name,
    ...toMeetingGuide(row),
    attendance: row.attendance,
    conference_provider: row.conference_provider,
    next_occurrences: next,
  };
}
