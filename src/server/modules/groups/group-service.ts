import { withWriteTransaction, type DatabaseHandle } from '../../db/index.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Bus } from '../../bus/index.js';
import type { Updateable } from 'kysely';
import type { SupportGroupsTable } from '../../db/types.js';
import type { Actor, MemberActor } from '../../security/actor.js';
import { recordAudit } from '../audit/record.js';
import type { CreateGroup, GroupPage, UpdateGroup } from '../../../shared/schemas/groups.js';
import { createOpenRoom } from './rooms/lifecycle.js';
import {
  findGroupById,
  findOpenRoomId,
  groupCounts,
  insertGroup,
  listDirectory,
  slugsLike,
  updateGroup,
  type DirectoryFilter,
  type GroupRow,
} from './repository/groups.js';
import { findMember, insertMember } from './repository/members.js';
import { presentPage, presentSummary } from './presenters.js';
import { freeSlug, slugBase } from './slug.js';

export interface GroupDeps {
  database: DatabaseHandle;
  bus: Bus;
  now: () => Date;
}

/** One page of the directory; `next_cursor` is the offset of the next page, or null at the end. */
export async function directory(deps: GroupDeps, filter: DirectoryFilter) {
  const rows = await listDirectory(deps.database.db, filter);
  const more = rows.length > filter.limit;
  return {
    groups: rows.slice(0, filter.limit).map(presentSummary),
    next_cursor: more ? String(filter.offset + filter.limit) : null,
  };
}

/**
 * Creates a group in one transaction: the group under a free slug, its creator as its first (active) facilitator
 * having accepted the code of conduct, and its always-open room (docs/groups.md). Audited as `group.created`.
 */
export async function createGroup(deps: GroupDeps, actor: MemberActor, body: CreateGroup): Promise<GroupRow> {
  const base = slugBase(body.name);
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await withWriteTransaction(deps.database, async (tx) => {
        const now = deps.now().toISOString();
        const slug = freeSlug(base, await slugsLike(tx, base));
        const groupId = await insertGroup(tx, {
          slug,
          name: body.name,
          description: body.description,
          approach: body.approach,
          fellowship: body.fellowship ?? null,
          language: body.language,
          time_zone: body.time_zone,
          code_of_conduct: body.code_of_conduct,
          conduct_version: 1,
          visibility: body.visibility,
          chat_retention_days: body.chat_retention_days,
          types: JSON.stringify(body.types),
          created_by: actor.accountId,
          created_at: now,
          updated_at: now,
          archived_at: null,
        });
        await insertMember(tx, {
          group_id: groupId,
          account_id: actor.accountId,
          role: 'facilitator',
          status: 'active',
          conduct_version: 1,
          created_at: now,
          updated_at: now,
        });
        const roomId = await createOpenRoom(tx, groupId, body.open_room_slow_mode_seconds, now);
        await recordAudit(
          tx,
          actor,
          { action: 'group.created', target: { kind: 'group', id: String(groupId) }, detail: { open_room_id: roomId } },
          deps.now(),
        );
        return groupId;
      });
      return (await findGroupById(deps.database.db, id))!;
    } catch (err) {
      // Two groups of one name created at the same moment (PostgreSQL): the loser picks the next free slug.
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

/**
 * Edits a group. A changed code of conduct raises its version: members accept it again before they post. Archiving
 * takes the group out of the directory. Audited with the names of the fields changed (not their values).
 */
export async function editGroup(deps: GroupDeps, actor: Actor, group: GroupRow, body: UpdateGroup): Promise<GroupRow> {
  const { archived, types, fellowship, ...rest } = body;
  const patch: Updateable<SupportGroupsTable> = { ...rest };
  if (types !== undefined) patch.types = JSON.stringify(types);
  if (fellowship !== undefined) patch.fellowship = fellowship;
  const conductChanged = body.code_of_conduct !== undefined && body.code_of_conduct !== group.code_of_conduct;
  if (conductChanged) patch.conduct_version = group.conduct_version + 1;
  if (archived !== undefined) patch.archived_at = archived ? (group.archived_at ?? deps.now().toISOString()) : null;
  await withWriteTransaction(deps.database, async (tx) => {
    await updateGroup(tx, group.id, { ...patch, updated_at: deps.now().toISOString() });
    await recordAudit(
      tx,
      actor,
      {
        action: archived === true ? 'group.archived' : 'group.updated',
        target: { kind: 'group', id: String(group.id) },
        detail: { fields: Object.keys(body).sort().join(','), conduct_version: patch.conduct_version ?? group.conduct_version },
      },
      deps.now(),
    );
  });
  return (await findGroupById(deps.database.db, group.id))!;
}

/** The group's public page, with the asker's own place when they are in it. */
export async function groupPage(deps: GroupDeps, actor: Actor, group: GroupRow): Promise<GroupPage> {
  const db = deps.database.db;
  const row = actor.kind === 'member' ? await findMember(db, group.id, actor.accountId) : undefined;
  const you = row ? { role: row.role, status: row.status, conduct_current: row.conduct_version === group.conduct_version } : null;
  return presentPage(group, { counts: await groupCounts(db, group.id), openRoomId: await findOpenRoomId(db, group.id), you });
}
