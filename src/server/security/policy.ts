import { AppError, forbidden, unauthorized } from '../errors.js';
import type { Role } from '../../shared/schemas/accounts.js';
import type { Actor, MemberActor } from './actor.js';
import type { GroupRole } from '../db/types.js';

/**
 * Every action the policy knows. Routes name one of these and never look at roles themselves (issue 6: one policy
 * decides every access), so the authorization matrix test can reason about routes by action.
 */
export const ACTIONS = {
  // The directory's administration: feed sources, imports, the public's correction requests.
  'sources.read': 'directory',
  'sources.write': 'directory',
  'imports.run': 'directory',
  'imports.read': 'directory',
  'corrections.read': 'directory',
  // A member's own account: only its owner, whatever their roles (an admin cannot read a member's private data).
  'account.read': 'own',
  'account.update': 'own',
  'account.export': 'own',
  'account.delete': 'own',
  // People administration, for site admins.
  'accounts.list': 'people',
  'roles.grant': 'people',
  'audit.read': 'people',
  // Online groups (issue 7; docs/groups.md "Who may do what"). The resource carries the asker's place in the group.
  'groups.create': 'group_create',
  'group.read': 'group_read',
  'group.post': 'group_post',
  'group.facilitate': 'group_facilitate',
  // Reports across all groups, for moderators (the review queue comes with the moderation issue).
  'reports.review': 'moderation',
} as const satisfies Record<
  string,
  'directory' | 'own' | 'people' | 'group_create' | 'group_read' | 'group_post' | 'group_facilitate' | 'moderation'
>;

export type Action = keyof typeof ACTIONS;

/** The asker's place in a group, as `group_members` has it; null when they are not in it. */
export interface GroupPlace {
  role: GroupRole;
  status: 'active' | 'pending';
}

/**
 * What an action is about: the account whose data it touches, for the `own` actions; the asker's place in the
 * group, for the group actions (resolved by `groupResource` in the groups module).
 */
export interface Resource {
  accountId?: number;
  group?: GroupPlace | null;
}

export const secondFactorRequired = () =>
  new AppError(
    'second_factor_required',
    'This needs a session signed in with a second factor (an authenticator app or passkey).',
  );

/**
 * The one place access is decided: returns when `actor` may do `action` on `resource`, and throws otherwise —
 * `unauthorized` for no one signed in, `second_factor_required` for a privileged role used without a second factor,
 * `forbidden` for the rest.
 */
export function authorize(actor: Actor, action: Action, resource: Resource = {}): void {
  if (actor.kind === 'anonymous') throw unauthorized();
  switch (ACTIONS[action]) {
    case 'directory':
      if (actor.kind === 'operator') return;
      return requireRole(actor, 'site_admin');
    case 'people':
      if (actor.kind === 'operator') throw forbidden();
      return requireRole(actor, 'site_admin');
    case 'own':
      if (actor.kind !== 'member' || resource.accountId === undefined || actor.accountId !== resource.accountId)
        throw forbidden();
      return;
    case 'group_create':
      if (actor.kind !== 'member') throw forbidden();
      return requireAnyRole(actor, ['facilitator', 'org_admin', 'site_admin']);
    case 'group_read':
      if (actor.kind !== 'member') throw forbidden();
      if (resource.group?.status === 'active') return;
      return requireRole(actor, 'moderator');
    case 'group_post':
      if (actor.kind !== 'member') throw forbidden();
      if (resource.group?.status === 'active' && resource.group.role !== 'observer') return;
      throw forbidden();
    case 'group_facilitate':
      if (actor.kind !== 'member') throw forbidden();
      // A facilitator acts on other people (mutes, removals, proofs): like every such role, only with a second factor.
      if (resource.group?.status === 'active' && resource.group.role === 'facilitator') {
        if (!actor.secondFactor) throw secondFactorRequired();
        return;
      }
      return requireRole(actor, 'moderator');
    case 'moderation':
      if (actor.kind !== 'member') throw forbidden();
      return requireRole(actor, 'moderator');
  }
}

/** True when `authorize` would let the actor through, for presenters that show or hide things. */
export function isAllowed(actor: Actor, action: Action, resource: Resource = {}): boolean {
  // The refusal is thrown away: no stack to capture (it cost more than the decision on the chat's joins, issue 7).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    authorize(actor, action, resource);
    return true;
  } catch {
    return false;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Any grant of one of `roles`, whatever its scope (a facilitator of one group may start another). */
function requireAnyRole(actor: MemberActor, roles: readonly Role[]): void {
  if (!actor.roles.some((g) => roles.includes(g.role))) throw forbidden();
  if (!actor.secondFactor) throw secondFactorRequired();
}

function requireRole(actor: MemberActor, role: Role, scope = ''): void {
  const held = actor.roles.some((g) => g.role === role && (g.scope === '' || g.scope === scope));
  if (!held) throw forbidden();
  if (!actor.secondFactor) throw secondFactorRequired();
}
