import type { Role } from '../../shared/schemas/accounts.js';

export interface Grant {
  role: Role;
  /** The group or organisation the role is for; '' for site-wide roles. */
  scope: string;
}

/**
 * Who is asking. `operator` is a script holding the installation's ADMIN_TOKEN (imports from cron, for example);
 * people sign in and act as `member`, with whatever roles they were granted.
 */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'operator' }
  | {
      kind: 'member';
      accountId: number;
      roles: readonly Grant[];
      /** A second factor was checked in this session; privileged roles count only then. */
      secondFactor: boolean;
      /** The SHA-256 id of the current session. */
      sessionId: string;
    };

export type MemberActor = Extract<Actor, { kind: 'member' }>;

export const ANONYMOUS: Actor = { kind: 'anonymous' };
