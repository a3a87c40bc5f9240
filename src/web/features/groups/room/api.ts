import { apiRequest } from '../../../lib/account-api.js';

/**
 * The room's REST side (the groups module): what the page needs before it connects to /ws, and the member's own
 * attendance and reports. Types only here, so zod stays out of these requests (the socket's frames are parsed).
 */
export interface ProofStatus {
  id: string | number;
  status: string;
}

export interface RoomInfo {
  id: number;
  kind: 'open' | 'live';
  status: 'open' | 'closed';
  group: { slug: string; name: string };
  meeting_title: string | null;
  occurrence_at: string | null;
  closes_at: string | null;
  retention: { delete_at_end: boolean; days: number | null };
  /** Live rooms only: whether this member recorded their attendance, and their proof request. */
  attendance: { recorded: boolean; proof: ProofStatus | null } | null;
}

export const REPORT_REASONS = ['harassment', 'self_harm', 'spam', 'explicit', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
/** Characters in a report's note. */
export const REPORT_NOTE_MAX = 1000;

export const fetchRoom = (id: number) => apiRequest<RoomInfo>('GET', `/api/rooms/${id}`);

/** Records (or removes) this member's attendance: consent, never assumed (issue 7). */
export const setAttendance = (id: number, recorded: boolean) =>
  apiRequest<unknown>(recorded ? 'PUT' : 'DELETE', `/api/rooms/${id}/attendance`);

export const requestProof = (id: number) =>
  apiRequest<Partial<ProofStatus> | undefined>('POST', `/api/rooms/${id}/proof-request`);

/** What a report is about: a chat message or a thread post (`POST /api/reports` takes exactly one of the two ids). */
export type ReportKind = 'message' | 'post';

export const sendReport = (kind: ReportKind, id: number, reason: ReportReason, note: string) =>
  apiRequest<{ id: number; helplines_hint: boolean }>('POST', '/api/reports', {
    [kind === 'post' ? 'post_id' : 'message_id']: id,
    reason,
    ...(note.trim() ? { note: note.trim() } : {}),
  });
