import { apiRequest } from '../../lib/account-api.js';

/**
 * A group's live meetings, rooms, proof requests and reports (docs/groups.md "Live meetings", "Proofs of
 * attendance", "Safety"), as the group and manage pages use them. Types only; the shapes are in
 * src/shared/schemas/live-meetings.ts and group-threads.ts.
 */
export const SECTION_KINDS = ['welcome', 'reading', 'check_in', 'topic', 'sharing', 'closing', 'other'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Copies of `LIVE_LIMITS` and the format section's limits (src/shared). */
export const LIVE_FORM_LIMITS = {
  titleMax: 100,
  durationMin: 15,
  durationMax: 240,
  shareMinutesMax: 30,
  formatSectionsMax: 12,
  sectionTitleMax: 100,
  readingMax: 8000,
} as const;

export interface FormatSection {
  kind: SectionKind;
  title: string;
  minutes: number;
  text?: string;
}

export interface Occurrence {
  starts_at: string;
  ends_at: string;
  local_start: string;
  local_end: string;
}

export interface LiveMeeting {
  id: number;
  title: string;
  recurrence: 'weekly' | 'once';
  weekday: number | null;
  start_time: string;
  starts_on: string;
  duration_minutes: number;
  cross_talk: boolean;
  share_minutes: number;
  format: FormatSection[];
  time_zone: string;
  next_occurrences: Occurrence[];
}

export interface MeetingInput {
  title: string;
  recurrence: 'weekly' | 'once';
  weekday?: number | null;
  start_time: string;
  starts_on: string;
  duration_minutes: number;
  cross_talk: boolean;
  share_minutes: number;
  format: FormatSection[];
}

export interface RoomSummary {
  id: number;
  kind: 'open' | 'live';
  status: 'open' | 'closed';
  meeting_title: string | null;
  occurrence_at: string | null;
  closes_at: string | null;
}

export interface ProofRequest {
  id: string;
  pseudonym: string;
  meeting_title: string;
  date: string;
  occurrence_at: string;
  requested_at: string;
}

export interface ReportItem {
  kind: 'message' | 'post';
  id: number;
  handle: string | null;
  title?: string | null;
  body: string | null;
  created_at: string;
}

export interface Report {
  id: number;
  room_id: number | null;
  reason: 'harassment' | 'self_harm' | 'spam' | 'explicit' | 'other';
  note: string | null;
  created_at: string;
  snapshot: { item: ReportItem; context: ReportItem[] };
}

const base = (slug: string) => `/api/groups/${encodeURIComponent(slug)}`;

export const listMeetings = (slug: string) => apiRequest<{ meetings: LiveMeeting[] }>('GET', `${base(slug)}/meetings`);
export const createMeeting = (slug: string, input: MeetingInput) =>
  apiRequest<LiveMeeting>('POST', `${base(slug)}/meetings`, input);
export const updateMeeting = (slug: string, id: number, input: Partial<MeetingInput>) =>
  apiRequest<LiveMeeting>('PATCH', `${base(slug)}/meetings/${id}`, input);
export const cancelMeeting = (slug: string, id: number) => apiRequest<unknown>('DELETE', `${base(slug)}/meetings/${id}`);

/** The open room, live rooms under way and the last closed ones (the group's people and moderators). */
export const listRooms = (slug: string) =>
  apiRequest<{ open_room: RoomSummary | null; live_now: RoomSummary[]; recently_closed: RoomSummary[] }>(
    'GET',
    `${base(slug)}/rooms`,
  );

export const listProofRequests = (slug: string) =>
  apiRequest<{ requests: ProofRequest[] }>('GET', `${base(slug)}/proof-requests`);
export const issueProof = (id: string) => apiRequest<unknown>('POST', `/api/proofs/${encodeURIComponent(id)}/issue`);
export const listReports = (slug: string) => apiRequest<{ reports: Report[] }>('GET', `${base(slug)}/reports`);

/**
 * A new meeting's starting format, as the server's default template (live/format-template.ts): welcome, a reading,
 * check-in round, topic and sharing, closing; sharing takes what the others leave. Titles in the page's language.
 */
export function defaultFormat(duration: number, title: (kind: SectionKind) => string): FormatSection[] {
  const part = (share: number) => Math.max(1, Math.round(duration * share));
  const [welcome, reading, checkIn, closing] = [part(0.08), part(0.08), part(0.17), part(0.08)];
  return [
    { kind: 'welcome', title: title('welcome'), minutes: welcome },
    { kind: 'reading', title: title('reading'), minutes: reading, text: '' },
    { kind: 'check_in', title: title('check_in'), minutes: checkIn },
    { kind: 'sharing', title: title('sharing'), minutes: Math.max(0, duration - welcome - reading - checkIn - closing) },
    { kind: 'closing', title: title('closing'), minutes: closing },
  ];
}
