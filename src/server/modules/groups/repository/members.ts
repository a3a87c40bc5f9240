import type { Insertable, Updateable } from 'kysely';
import type { DbOrTx, GroupMembersTable, GroupRole } from '../../../db/types.js';
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

export interface MemberRow {
  account_id: number;
  handle: string;
  role: GroupRole;
  status: 'active' | 'pending';
  conduct_version: number;
  created_at: string;
}

/** The account's full membership row, or undefined when they are not in the group. */
export function findMember(db: DbOrTx, groupId: number, accountId: number) {
  return db
    .selectFrom('group_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function insertMember(db: DbOrTx, row: Insertable<GroupMembersTable>): Promise<void> {
  await db.insertInto('group_members').values(row).execute();
}

export async function updateMember(
  db: DbOrTx,
  groupId: number,
  accountId: number,
  patch: Updateable<GroupMembersTable>,
): Promise<void> {
  await db.updateTable('group_members').set(patch).where('group_id', '=', groupId).where('account_id', '=', accountId).execute();
}

export async function deleteMember(db: DbOrTx, groupId: number, accountId: number): Promise<boolean> {
  const res = await db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Active facilitators of the group: the last one may not leave or be demoted. */
export async function countFacilitators(db: DbOrTx, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('group_members')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('group_id', '=', groupId)
    .where('role', '=', 'facilitator')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The group's people with their handles: pending requests first, then by when they joined. */
export function listMembers(db: DbOrTx, groupId: number): Promise<MemberRow[]> {
  return db
    .selectFrom('group_members as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.account_id', 'a.handle', 'm.role', 'm.status', 'm.conduct_version', 'm.created_at'])
    .where('m.group_id', '=', groupId)
    .orderBy((eb) => eb.case().when('m.status', '=', 'pending').then(0).else(1).end())
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}
