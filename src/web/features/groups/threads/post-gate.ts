import type { Account } from '../../../lib/account-api.js';

/**
 * Why a reader may not post in a group's threads, from the group page's `you` (docs/groups.md "Who may do what":
 * active members and facilitators who accepted the current code of conduct post; observers only read). The
 * server decides (`assertMayPost`); this only lets the page say why before anyone types.
 */
export type PostGate = 'ok' | 'signedOut' | 'notMember' | 'pending' | 'observer' | 'conduct' | 'archived';

export interface GroupPlace {
  archived: boolean;
  you: { role: 'facilitator' | 'member' | 'observer'; status: 'active' | 'pending'; conduct_current: boolean } | null;
}

/** The first reason that stops this reader posting, or 'ok'. */
export function postGate(group: GroupPlace, signedIn: boolean): PostGate {
  if (!signedIn) return 'signedOut';
  if (group.archived) return 'archived';
  const you = group.you;
  if (!you) return 'notMember';
  if (you.status === 'pending') return 'pending';
  if (you.role === 'observer') return 'observer';
  if (!you.conduct_current) return 'conduct';
  return 'ok';
}

/**
 * Facilitators of the group and site moderators and admins "lead": they hide posts for review and mark helpful
 * replies. The server also asks them for a second factor (issue 6); without one it refuses and the page says so.
 */
export function leadsGroup(group: GroupPlace, account: Account | null): boolean {
  if (!account) return false;
  if (group.you?.role === 'facilitator' && group.you.status === 'active') return true;
  return account.roles.some((r) => r.role === 'moderator' || r.role === 'site_admin');
}
