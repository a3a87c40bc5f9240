import { withWriteTransaction } from '../../db/index.js';
import type { DbOrTx } from '../../db/types.js';
import { AppError, conflict, notFound } from '../../errors.js';
import type { Actor, MemberActor } from '../../security/actor.js';
import { recordAudit } from '../audit/record.js';
import { findAccountByHandleKey } from '../accounts/repository/accounts.js';
import { handleKey } from '../accounts/handle.js';
import type { YourPlace } from '../../../shared/schemas/groups.js';
import type { GroupRole } from '../../db/types.js';
import { publishToRoom } from './chat/room-channel.js';
import type { GroupDeps } from './group-service.js';
import { openRoomIds, type GroupRow } from './repository/groups.js';
import { countFacilitators, deleteMember, findMember, insertMember, listMembers, updateMember } from './repository/members.js';

const lastFacilitator = () =>
  conflict('A group needs a facilitator: make someone else a facilitator first, or ask a moderator to archive the group.');

/**
 * Joins the group (or, called again, accepts the code of conduct's current version, or switches between member and
 * observer). `conductVersion` must be the current one: the member accepts the text they were shown, not an older
 * one. A `public` group lets them in at once; an `approval` group records a pending request.
 */
export async function join(
  deps: GroupDeps,
  actor: MemberActor,
  group: GroupRow,
  body: { as: 'member' | 'observer'; conduct_version: number },
): Promise<YourPlace> {
  if (group.archived_at !== null) throw conflict('This group is archived and takes no new members.');
  if (body.conduct_version !== group.conduct_version)
    throw new AppError(
      'conduct_not_accepted',
      `The code of conduct has changed since you read it (version ${group.conduct_version} is current). Please read it again and accept the current version.`,
    );
  return withWriteTransaction(deps.database, async (tx) => {
    const now = deps.now().toISOString();
    const row = await findMember(tx, group.id, actor.accountId);
    if (row) {
      // A facilitator stays one; others may move between member and observer themselves.
      const role: GroupRole = row.role === 'facilitator' ? 'facilitator' : body.as;
      await updateMember(tx, group.id, actor.accountId, { role, conduct_version: group.conduct_version, updated_at: now });
      return { role, status: row.status, conduct_current: true };
    }
    const status = group.visibility === 'public' ? 'active' : 'pending';
    await insertMember(tx, {
      group_id: group.id,
      account_id: actor.accountId,
      role: body.as,
      status,
      conduct_version: group.conduct_version,
      created_at: now,
      updated_at: now,
    });
    return { role: body.as, status, conduct_current: true };
  });
}

/** Leaves the group (or withdraws a request). The last facilitator cannot leave. */
export async function leave(deps: GroupDeps, actor: MemberActor, group: GroupRow): Promise<void> {
  await withWriteTransaction(deps.database, async (tx) => {
    const row = await findMember(tx, group.id, actor.accountId);
    if (!row) throw notFound('membership');
    await refuseLastFacilitator(tx, group.id, row);
    await deleteMember(tx, group.id, actor.accountId);
  });
}

async function refuseLastFacilitator(tx: DbOrTx, groupId: number, row: { role: GroupRole; status: string }): Promise<void> {
  if (row.role === 'facilitator' && row.status === 'active' && (await countFacilitators(tx, groupId)) <= 1)
    throw lastFacilitator();
}

/** The group's people for its facilitators: pending requests first. */
export async function members(deps: GroupDeps, group: GroupRow) {
  const rows = await listMembers(deps.database.db, group.id);
  return {
    members: rows.map((r) => ({
      handle: r.handle,
      role: r.role,
      status: r.status,
      conduct_current: r.conduct_version === group.conduct_version,
      since: r.created_at,
    })),
  };
}

async function target(tx: DbOrTx, group: GroupRow, handle: string) {
  const account = await findAccountByHandleKey(tx, handleKey(handle));
  const row = account ? await findMember(tx, group.id, account.id) : undefined;
  if (!account || !row) throw notFound('member');
  return { accountId: account.id, row };
}

/** Approves a request and/or changes someone's role; the last facilitator keeps theirs. Audited. */
export async function changeMember(
  deps: GroupDeps,
  actor: Actor,
  group: GroupRow,
  handle: string,
  body: { status?: 'active' | undefined; role?: GroupRole | undefined },
) {
  await withWriteTransaction(deps.database, async (tx) => {
    const { accountId, row } = await target(tx, group, handle);
    if (body.role !== undefined && body.role !== 'facilitator') await refuseLastFacilitator(tx, group.id, row);
    const status = body.status ?? row.status;
    const role = body.role ?? row.role;
    await updateMember(tx, group.id, accountId, { status, role, updated_at: deps.now().toISOString() });
    const action = row.status === 'pending' && status === 'active' ? 'group.member_approved' : 'group.member_changed';
    await recordAudit(
      tx,
      actor,
      { action, target: { kind: 'group', id: String(group.id) }, targetAccountId: accountId, detail: { role, status } },
      deps.now(),
    );
  });
  return members(deps, group);
}

/**
 * Refuses a request, or removes someone from the group. After the commit their sockets in the group's open rooms
 * are told to leave (`restrict` on each room's channel). Audited.
 */
export async function removeMember(deps: GroupDeps, actor: Actor, group: GroupRow, handle: string): Promise<void> {
  const removed = await withWriteTransaction(deps.database, async (tx) => {
    const { accountId, row } = await target(tx, group, handle);
    await refuseLastFacilitator(tx, group.id, row);
    await deleteMember(tx, group.id, accountId);
    const action = row.status === 'pending' ? 'group.request_refused' : 'group.member_removed';
    await recordAudit(
      tx,
      actor,
      { action, target: { kind: 'group', id: String(group.id) }, targetAccountId: accountId, detail: { role: row.role } },
      deps.now(),
    );
    return { accountId, wasActive: row.status === 'active', rooms: await openRoomIds(tx, group.id) };
  });
  if (!removed.wasActive) return;
  for (const roomId of removed.rooms)
    await publishToRoom(deps.bus, roomId, { k: 'restrict', account_id: removed.accountId, kind: 'remove' });
}
