import type { DbOrTx } from '../../../db/types.js';
import type { GroupPlace } from '../../../security/policy.js';

/** The account's place in the group (role and status), or undefined when they are not in it. */
export async function findPlace(db: DbOrTx, groupId: number, accountId: number): Promise<GroupPlace | undefined> {
  return db
    .selectFrom('group_members')
    .select(['role', 'status'])
    .where('group_id', '=', groupId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}
