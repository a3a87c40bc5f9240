import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../security/actor.js';
import type { Resource } from '../../security/policy.js';
import { findPlace } from './repository/members.js';

/**
 * The policy resource for a group action: the asker's place in the group (null when they are not in it). Every
 * group route and the chat hub resolve it here, then call `authorize` (issue 6: one policy decides every access).
 */
export async function groupResource(db: DbOrTx, actor: Actor, groupId: number): Promise<Resource> {
  if (actor.kind !== 'member') return { group: null };
  return { group: (await findPlace(db, groupId, actor.accountId)) ?? null };
}
