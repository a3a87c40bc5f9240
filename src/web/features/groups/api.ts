import { apiRequest } from '../../lib/account-api.js';

/**
 * The groups module's REST side for the group pages (docs/groups.md "REST API"). The shapes repeat
 * src/shared/schemas/groups.ts as types only, so zod stays out of these pages; `group-limits.test.ts` checks the
 * copied limits against the shared ones.
 */
export const APPROACHES = ['twelve_step', 'smart', 'secular', 'open'] as const;
export type Approach = (typeof APPROACHES)[number];
export type Visibility = 'public' | 'approval';
export type GroupRole = 'facilitator' | 'member' | 'observer';

/** Copies of `GROUP_LIMITS` (src/shared/schemas/groups.ts). */
export const GROUP_FORM_LIMITS = {
  nameMin: 3,
  nameMax: 100,
  descriptionMax: 4000,
  fellowshipMax: 60,
  conductMax: 10_000,
  retentionMinDays: 1,
  retentionMaxDays: 365,
  typesMax: 20,
  searchMax: 100,
} as const;

export interface GroupSummary {
  slug: string;
  name: string;
  short_description: string;
  approach: Approach;
  fellowship: string | null;
  language: string;
  time_zone: string;
  visibility: Visibility;
  member_count: number;
}

export interface YourPlace {
  role: GroupRole;
  status: 'active' | 'pending';
  conduct_current: boolean;
}

export interface GroupPage extends GroupSummary {
  description: string;
  code_of_conduct: string;
  conduct_version: number;
  types: string[];
  chat_retention_days: number | null;
  retention: { kind: 'delete_at_end' | 'days'; statement: string };
  observer_count: number;
  facilitator_count: number;
  open_room_id: number | null;
  archived: boolean;
  created_at: string;
  you: YourPlace | null;
}

/** The fields a facilitator writes (create and edit). */
export interface GroupFields {
  name: string;
  description: string;
  approach: Approach;
  fellowship: string | null;
  language: string;
  time_zone: string;
  code_of_conduct: string;
  visibility: Visibility;
  chat_retention_days: number | null;
  types: string[];
}

export interface DirectoryQuery {
  q?: string | undefined;
  approach?: Approach | undefined;
  language?: string | undefined;
  cursor?: string | undefined;
}

export interface Member {
  handle: string;
  role: GroupRole;
  status: 'active' | 'pending';
  conduct_current: boolean;
  since: string;
}

const base = (slug: string) => `/api/groups/${encodeURIComponent(slug)}`;

export function listGroups(query: DirectoryQuery, limit = 20) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, String(v));
  params.set('limit', String(limit));
  return apiRequest<{ groups: GroupSummary[]; next_cursor: string | null }>('GET', `/api/groups?${params.toString()}`);
}

export const fetchGroup = (slug: string) => apiRequest<GroupPage>('GET', base(slug));
export const createGroup = (fields: GroupFields & { open_room_slow_mode_seconds: number }) =>
  apiRequest<GroupPage>('POST', '/api/groups', fields);
export const editGroup = (slug: string, fields: Partial<GroupFields> & { archived?: boolean }) =>
  apiRequest<GroupPage>('PATCH', base(slug), fields);

/** Joins (or accepts the current code of conduct again) as a member or an observer. */
export const joinGroup = (slug: string, as: 'member' | 'observer', conductVersion: number) =>
  apiRequest<YourPlace>('POST', `${base(slug)}/membership`, { as, conduct_version: conductVersion });
export const leaveGroup = (slug: string) => apiRequest<unknown>('DELETE', `${base(slug)}/membership`);

export const listMembers = (slug: string) => apiRequest<{ members: Member[] }>('GET', `${base(slug)}/members`);
export const changeMember = (slug: string, handle: string, change: { status?: 'active'; role?: GroupRole }) =>
  apiRequest<{ members: Member[] }>('PATCH', `${base(slug)}/members/${encodeURIComponent(handle)}`, change);
export const removeMember = (slug: string, handle: string) =>
  apiRequest<unknown>('DELETE', `${base(slug)}/members/${encodeURIComponent(handle)}`);
