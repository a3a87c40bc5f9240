import { apiRequest } from '../../lib/account-api.js';

/**
 * The member's own attendance records and proofs of attendance (issue 7, docs/groups.md "Live meetings"): only
 * what they chose to record, and the proofs they asked for. Types only here; the server's schemas are in
 * src/shared/schemas/live-meetings.ts.
 */
export interface AttendanceRecord {
  id: number;
  /** Null once the room itself is gone: the record stays, but can no longer be withdrawn through its room. */
  room_id: number | null;
  group_name: string;
  meeting_title: string;
  occurrence_at: string;
  created_at: string;
}

export interface OwnProof {
  id: string;
  status: 'requested' | 'issued' | 'revoked';
  group_name: string | null;
  meeting_title: string | null;
  occurrence_at: string | null;
  created_at: string;
  issued_at: string | null;
  verify_url: string;
}

export const listAttendance = () => apiRequest<{ attendance: AttendanceRecord[] }>('GET', '/api/account/attendance');
export const listProofs = () => apiRequest<{ proofs: OwnProof[] }>('GET', '/api/account/proofs');
export const withdrawAttendance = (roomId: number) => apiRequest<unknown>('DELETE', `/api/rooms/${roomId}/attendance`);
export const revokeProof = (id: string) => apiRequest<unknown>('DELETE', `/api/proofs/${id}`);
