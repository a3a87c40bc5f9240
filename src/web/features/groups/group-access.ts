import type { Account } from '../../lib/account-api.js';
import type { GroupPage } from './api.js';

/**
 * What the pages offer; the server decides (src/server/security/policy.ts `group_create`, `group_facilitate`). These
 * only keep controls that would be refused out of sight, and say why instead.
 */

/** A facilitator grant (any scope), an organisation admin or a site admin may start a group. */
export const canCreateGroups = (account: Account | null | undefined): boolean =>
  account?.roles.some((r) => r.role === 'facilitator' || r.role === 'org_admin' || r.role === 'site_admin') ?? false;

/** Site moderators act in every group (the policy's `requireRole(actor, 'moderator')`). */
export const isModerator = (account: Account | null | undefined): boolean =>
  account?.roles.some((r) => r.role === 'moderator') ?? false;

/** The group's active facilitators, and moderators. */
export const canFacilitate = (group: GroupPage, account: Account | null | undefined): boolean =>
  (group.you?.status === 'active' && group.you.role === 'facilitator') || isModerator(account);

/** Active members, observers and facilitators read rooms and threads; so do moderators. */
export const canRead = (group: GroupPage, account: Account | null | undefined): boolean =>
  group.you?.status === 'active' || isModerator(account);
