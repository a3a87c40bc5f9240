import { AppError, conflict } from '../../errors.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor, MemberActor } from '../../security/actor.js';
import { authorize } from '../../security/policy.js';
import { groupResource } from './access.js';
import { findGroupById } from './repository/groups.js';
import { findMember } from './repository/members.js';

export const conductNotAccepted = () =>
  new AppError(
    'conduct_not_accepted',
    'The group’s code of conduct has changed. Please read it and accept the new version before you post again.',
  );

/**
 * Whether `actor` may post in the group (a thread, a reply, a reaction, a chat message): the policy's `group.post`
 * (an active member or facilitator, not an observer), the group not archived, and the CURRENT code of conduct
 * accepted (docs/groups.md "Who may do what"). The chat hub calls this too, so both ways of posting agree. Mutes,
 * locks and slow mode are the room's own and checked by the hub.
 * @throws unauthorized / forbidden from the policy; `conduct_not_accepted` (409); conflict for an archived group.
 */
export async function assertMayPost(db: DbOrTx, actor: Actor, groupId: number): Promise<MemberActor> {
  authorize(actor, 'group.post', await groupResource(db, actor, groupId));
  const member = actor as MemberActor;
  const group = await findGroupById(db, groupId);
  const row = await findMember(db, groupId, member.accountId);
  if (!group || !row) throw conductNotAccepted();
  if (group.archived_at !== null) throw conflict('This group is archived: it can be read, but no longer posted in.');
  if (row.conduct_version !== group.conduct_version) throw conductNotAccepted();
  return member;
}
