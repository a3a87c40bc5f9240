import { AppError, forbidden, unauthorized } from '../errors.js';
import type { Role } from '../../shared/schemas/accounts.js';
import type { Actor, MemberActor } from './actor.js';

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
} as const satisfies Record<string, 'directory' | 'own' | 'people'>;

export type Action = keyof typeof ACTIONS;

/** What an action is about: the account whose data it touches, for the `own` actions. */
export interface Resource {
  accountId?: number;
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
  }
}

/** True when `authorize` would let the actor through, for presenters that show or hide things. */
export function isAllowed(actor: Actor, action: Action, resource: Resource = {}): boolean {
  try {
    authorize(actor, action, resource);
    return true;
  } catch {
    return false;
  }
}

function requireRole(actor: MemberActor, role: Role, scope = ''): void {
  const held = actor.roles.some((g) => g.role === role && (g.scope === '' || g.scope === scope));
  if (!held) throw forbidden();
  if (!actor.secondFactor) throw secondFactorRequired();
}
