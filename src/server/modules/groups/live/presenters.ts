import type { FormatSection } from '../../../../shared/chat-protocol.js';
import { LIVE_LIMITS, type LiveMeetingView } from '../../../../shared/schemas/live-meetings.js';
import type { LiveGroup } from './repository/groups.js';
import type { LiveMeetingRow } from './repository/meetings.js';
import { nextOccurrences, presentOccurrence } from './occurrences.js';

/** A live meeting's schedule with its next occurrences, in UTC and in the group's zone. */
export function presentMeeting(row: LiveMeetingRow, group: LiveGroup, now: Date): LiveMeetingView {
  return {
    id: row.id,
    title: row.title,
    recurrence: row.recurrence,
    weekday: row.weekday,
    start_time: row.start_time,
    starts_on: row.starts_on,
    duration_minutes: row.duration_minutes,
    cross_talk: row.cross_talk === 1,
    share_minutes: row.share_minutes,
    format: parseFormat(row.format),
    time_zone: group.time_zone,
    next_occurrences: nextOccurrences(row, group.time_zone, now, LIVE_LIMITS.occurrencesListed).map((o) =>
      presentOccurrence(o, group.time_zone),
    ),
  };
}

/** The stored format; a damaged value reads as no sections rather than breaking the schedule. */
export function parseFormat(json: string): FormatSection[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as FormatSection[]) : [];
  } catch {
    return [];
  }
}
