import type { Generated, Kysely, Transaction } from 'kysely';
import type {
  SupportGroupsTable,
  GroupMembersTable,
  LiveMeetingsTable,
  RoomsTable,
  RoomMessagesTable,
  RoomLogTable,
  RoomRestrictionsTable,
  ThreadPostsTable,
  ThreadReactionsTable,
  ReportsTable,
  BlocksTable,
  AttendanceTable,
  AttendanceProofsTable,
} from './group-tables.js';
export type {
  GroupApproach,
  GroupVisibility,
  GroupRole,
  SupportGroupsTable,
  GroupMembersTable,
  LiveMeetingsTable,
  RoomsTable,
  RoomMessagesTable,
  RoomLogKind,
  RoomLogTable,
  RoomRestrictionsTable,
  ThreadPostsTable,
  ReactionKind,
  ThreadReactionsTable,
  ReportReason,
  ReportsTable,
  BlocksTable,
  AttendanceTable,
  AttendanceProofsTable,
} from './group-tables.js';

/*
 * Table types, one interface per table. Conventions shared by both dialects:
 * timestamps are ISO-8601 UTC strings, booleans are 0/1, lists are JSON text.
 */

/** Key/value facts about this installation, e.g. the schema version. */
export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export type FeedFormat = 'meeting-guide' | 'bmlt';
export type ImportStatus = 'running' | 'succeeded' | 'failed' | 'not_modified';
export type Attendance = 'in_person' | 'online' | 'hybrid' | 'inactive';
export type ChangeKind = 'added' | 'changed' | 'removed' | 'restored';

export interface SourcesTable {
  id: Generated<number>;
  name: string;
  format: FeedFormat;
  url: string | null;
  timezone: string | null;
  fellowship: string | null;
  refresh_minutes: number | null;
  publish_contacts: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_status: ImportStatus | null;
  last_error: string | null;
  last_import_id: number | null;
  last_fetched_at: string | null;
  next_refresh_at: string | null;
  failures: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ImportsTable {
  id: Generated<number>;
  source_id: number;
  trigger: 'cli' | 'api' | 'schedule';
  dry_run: number;
  status: ImportStatus;
  started_at: string;
  finished_at: string | null;
  total: Generated<number>;
  added: Generated<number>;
  changed: Generated<number>;
  removed: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  warnings: Generated<number>;
  error: string | null;
  report: string | null;
}

export interface EntitiesTable {
  id: Generated<number>;
  source_id: number;
  external_id: string;
  parent_external_id: string | null;
  name: string;
  type: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  location: string | null;
  logo: string | null;
  world_id: string | null;
}

export interface RegionsTable {
  id: Generated<number>;
  source_id: number;
  parent_id: number | null;
  name: string;
  path: string;
  depth: number;
}

export interface GroupsTable {
  id: Generated<number>;
  source_id: number;
  name: string;
  notes: string | null;
}

export interface LocationsTable {
  id: Generated<number>;
  source_id: number;
  key: string;
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
  approximate: number;
}

export interface CustomTypesTable {
  id: Generated<number>;
  source_id: number;
  code: string;
  name: string | null;
  description: string | null;
}

export interface MeetingsTable {
  id: Generated<number>;
  source_id: number;
  slug: string;
  name: string;
  fellowship: string | null;
  /** Comma-separated weekdays, 0 = Sunday; empty means "by appointment". */
  days: string;
  time: string | null;
  end_time: string | null;
  timezone: string | null;
  /** JSON array of Meeting Guide type codes. */
  types: string;
  /** JSON array of codes this source uses that the spec does not define. */
  custom_types: string;
  notes: string | null;
  location_id: number | null;
  group_id: number | null;
  region_id: number | null;
  entity_id: number | null;
  conference_url: string | null;
  conference_url_notes: string | null;
  conference_provider: string | null;
  conference_phone: string | null;
  conference_phone_notes: string | null;
  url: string | null;
  edit_url: string | null;
  feedback_url: string | null;
  feedback_emails: string | null;
  venmo: string | null;
  square: string | null;
  paypal: string | null;
  homegroup_online: string | null;
  contacts: string | null;
  attendance: Attendance;
  source_updated: string | null;
  content_hash: string;
  /** Fingerprint of the feed element this meeting was last imported from. */
  raw_hash: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingChangesTable {
  id: Generated<number>;
  meeting_id: number;
  source_id: number;
  import_id: number | null;
  kind: ChangeKind;
  changed_at: string;
  /** JSON object: field -> [before, after]. */
  diff: string;
}

export type CorrectionStatus = 'open' | 'resolved' | 'dismissed';

/** A correction the public suggested for a meeting's listing. `contact` is personal data: never published. */
export interface CorrectionRequestsTable {
  id: Generated<number>;
  meeting_id: number;
  kind: string;
  details: string;
  contact: string | null;
  status: Generated<CorrectionStatus>;
  created_at: string;
}

/** A pseudonymous member: a handle, never a real name; `email` is optional and never shown to anyone else. */
export interface AccountsTable {
  id: Generated<number>;
  handle: string;
  handle_key: string;
  password_hash: string;
  email: string | null;
  language: Generated<string>;
  time_zone: string | null;
  discreet: Generated<number>;
  guidelines_version: string | null;
  guidelines_accepted_at: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
  /** base64url; the user handle authenticators hold for this account's passkeys (migration 0005). */
  webauthn_user_id: string | null;
}

export type RoleName = 'facilitator' | 'moderator' | 'org_admin' | 'site_admin';

export interface RoleGrantsTable {
  id: Generated<number>;
  account_id: number;
  role: RoleName;
  /** The group (facilitator) or organisation (org_admin) the role is for; '' for site-wide roles. */
  scope: Generated<string>;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token: a copy of the database signs no one in. */
  id: string;
  account_id: number;
  csrf_token: string;
  /** 1 once a second factor was checked in this session. */
  mfa: Generated<number>;
  /** A coarse device description ("Firefox on Android") for the member's session list. */
  label: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  account_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  account_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PasskeysTable {
  id: Generated<number>;
  account_id: number;
  /** base64url */
  credential_id: string;
  /** base64url COSE public key */
  public_key: string;
  counter: Generated<number>;
  /** JSON array of transport hints */
  transports: Generated<string>;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export type ChallengeKind = 'second_factor' | 'passkey_register' | 'passkey_auth' | 'totp_setup';

export interface AuthChallengesTable {
  id: string;
  kind: ChallengeKind;
  account_id: number | null;
  data: Generated<string>;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  target_account_id: number | null;
  /** JSON with no personal data. */
  detail: Generated<string>;
  created_at: string;
}

/** Every table, by name. */
export interface Database {
  app_meta: AppMetaTable;
  sources: SourcesTable;
  imports: ImportsTable;
  entities: EntitiesTable;
  regions: RegionsTable;
  groups: GroupsTable;
  locations: LocationsTable;
  custom_types: CustomTypesTable;
  meetings: MeetingsTable;
  meeting_changes: MeetingChangesTable;
  correction_requests: CorrectionRequestsTable;
  accounts: AccountsTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  password_resets: PasswordResetsTable;
  passkeys: PasskeysTable;
  auth_challenges: AuthChallengesTable;
  audit_log: AuditLogTable;
  support_groups: SupportGroupsTable;
  group_members: GroupMembersTable;
  live_meetings: LiveMeetingsTable;
  rooms: RoomsTable;
  room_messages: RoomMessagesTable;
  room_log: RoomLogTable;
  room_restrictions: RoomRestrictionsTable;
  thread_posts: ThreadPostsTable;
  thread_reactions: ThreadReactionsTable;
  reports: ReportsTable;
  blocks: BlocksTable;
  attendance: AttendanceTable;
  attendance_proofs: AttendanceProofsTable;
}

export type Db = Kysely<Database>;
/** Repositories accept either the database or an open transaction. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export type Dialect = 'sqlite' | 'postgres';
