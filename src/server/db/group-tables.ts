import type { Generated } from 'kysely';

/*
 * The online support groups' tables (issue 7; migration 0006, docs/groups.md), kept apart from types.ts so each file
 * stays readable. Same conventions: ISO-8601 UTC strings, 0/1 booleans, JSON text.
 */

export type GroupApproach = 'twelve_step' | 'smart' | 'secular' | 'open';
export type GroupVisibility = 'public' | 'approval';
export type GroupRole = 'facilitator' | 'member' | 'observer';

/** An online support group (`groups` is the directory's Meeting Guide groups). */
export interface SupportGroupsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  approach: GroupApproach;
  fellowship: string | null;
  language: string;
  time_zone: string;
  code_of_conduct: string;
  conduct_version: Generated<number>;
  visibility: GroupVisibility;
  /** NULL: live-meeting chat is deleted when the meeting ends; otherwise kept this many days. */
  chat_retention_days: number | null;
  /** JSON array of Meeting Guide type codes. */
  types: Generated<string>;
  organization: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface GroupMembersTable {
  id: Generated<number>;
  group_id: number;
  account_id: number;
  role: GroupRole;
  status: 'active' | 'pending';
  conduct_version: number;
  created_at: string;
  updated_at: string;
}

export interface LiveMeetingsTable {
  id: Generated<number>;
  group_id: number;
  title: string;
  recurrence: 'weekly' | 'once';
  /** 0 = Sunday … 6 = Saturday; NULL for a one-off meeting. */
  weekday: number | null;
  /** HH:MM in the group's time zone. */
  start_time: string;
  /** YYYY-MM-DD */
  starts_on: string;
  duration_minutes: number;
  cross_talk: Generated<number>;
  share_minutes: Generated<number>;
  /** JSON format template. */
  format: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export interface RoomsTable {
  id: Generated<number>;
  group_id: number;
  kind: 'open' | 'live';
  live_meeting_id: number | null;
  occurrence_at: string | null;
  status: 'open' | 'closed';
  locked: Generated<number>;
  slow_mode_seconds: Generated<number>;
  cross_talk: Generated<number>;
  /** The last sequence number given out in this room. */
  last_seq: Generated<number>;
  /** JSON live-meeting state. */
  state: Generated<string>;
  retention_days: number | null;
  opened_at: string;
  closes_at: string | null;
  closed_at: string | null;
  purge_at: string | null;
  purged_at: string | null;
}

export interface RoomMessagesTable {
  id: Generated<number>;
  room_id: number;
  seq: number;
  author_id: number | null;
  body: string | null;
  client_nonce: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  pinned: Generated<number>;
}

export type RoomLogKind = 'message' | 'edit' | 'delete' | 'hide' | 'unhide' | 'pin' | 'unpin';

export interface RoomLogTable {
  room_id: number;
  seq: number;
  message_id: number;
  kind: RoomLogKind;
  created_at: string;
}

export interface RoomRestrictionsTable {
  id: Generated<number>;
  room_id: number;
  account_id: number;
  kind: 'mute' | 'remove';
  created_by: number | null;
  created_at: string;
}

export interface ThreadPostsTable {
  id: Generated<number>;
  group_id: number;
  parent_id: number | null;
  author_id: number | null;
  title: string | null;
  body: string | null;
  helpful: Generated<number>;
  reply_count: Generated<number>;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  last_activity_at: string;
}

export type ReactionKind = 'with_you' | 'strength' | 'heart';

export interface ThreadReactionsTable {
  post_id: number;
  account_id: number;
  kind: ReactionKind;
  created_at: string;
}

export type ReportReason = 'harassment' | 'self_harm' | 'spam' | 'explicit' | 'other';

export interface ReportsTable {
  id: Generated<number>;
  group_id: number | null;
  room_id: number | null;
  message_id: number | null;
  post_id: number | null;
  reporter_id: number | null;
  reported_id: number | null;
  reason: ReportReason;
  note: string | null;
  /** JSON copy of the reported item and its context. */
  snapshot: string;
  status: 'open' | 'resolved';
  created_at: string;
}

export interface BlocksTable {
  blocker_id: number;
  blocked_id: number;
  created_at: string;
}

export interface AttendanceTable {
  id: Generated<number>;
  account_id: number;
  room_id: number | null;
  group_name: string;
  meeting_title: string;
  occurrence_at: string;
  created_at: string;
}

export interface AttendanceProofsTable {
  id: string;
  attendance_id: number | null;
  account_id: number;
  issued_by: number | null;
  status: 'requested' | 'issued' | 'revoked';
  /** JSON statement exactly as signed. */
  statement: string;
  signature: string | null;
  created_at: string;
  issued_at: string | null;
}
