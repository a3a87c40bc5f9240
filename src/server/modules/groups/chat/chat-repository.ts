import type { Selectable } from 'kysely';
import type { DbOrTx, GroupRole, RoomsTable } from '../../../db/types.js';
import { compiledOnce } from '../../../db/compiled-once.js';
import { handleKey } from '../../accounts/handle.js';

/** The chat's reads and writes besides the numbered log (room-log.ts): rooms, places, restrictions, blocks. */

export type RoomRow = Selectable<RoomsTable>;

export function findRoom(db: DbOrTx, roomId: number): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
}

/**
 * Locks the room's row for the rest of the caller's write transaction (PostgreSQL row lock; SQLite has one writer)
 * and returns it, so a read-modify-write of its state cannot interleave with another instance's.
 */
export function lockRoom(tx: DbOrTx, roomId: number): Promise<RoomRow | undefined> {
  return tx
    .updateTable('rooms')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('id', '=', roomId)
    .returningAll()
    .executeTakeFirst();
}

export async function updateRoom(
  tx: DbOrTx,
  roomId: number,
  set: Partial<Pick<RoomRow, 'locked' | 'slow_mode_seconds' | 'cross_talk' | 'state'>>,
): Promise<void> {
  await tx.updateTable('rooms').set(set).where('id', '=', roomId).execute();
}

/** Everything a send is checked against, in one query: the room, the sender's place, mute, last message time. */
export interface PostingContext {
  room: RoomRow;
  groupConduct: number;
  /** The group was archived: it is read, no longer posted in. */
  archived: boolean;
  place: { role: GroupRole; status: 'active' | 'pending'; conduct_version: number } | null;
  muted: boolean;
  removed: boolean;
  /** When the sender last posted in this room (slow mode counts from it, whichever instance stored it). */
  lastPostAt: string | null;
  /** The sequence of the sender's message with this nonce, when one was stored already. */
  nonceSeq: number | null;
}

/** The query behind `postingContext`, compiled once (it runs for every send and join). */
const postingContextQuery = compiledOnce((db, roomId: number, accountId: number, nonce: string | null) =>
  db
    .selectFrom('rooms as r')
    .innerJoin('support_groups as g', 'g.id', 'r.group_id')
    .leftJoin('group_members as gm', (j) => j.onRef('gm.group_id', '=', 'r.group_id').on('gm.account_id', '=', accountId))
    .selectAll('r')
    .select((eb) => [
      'g.conduct_version as group_conduct',
      'g.archived_at as group_archived_at',
      'gm.role as place_role',
      'gm.status as place_status',
      'gm.conduct_version as place_conduct',
      eb
        .selectFrom('room_restrictions as x')
        .select((e) => e.fn.count<number>('x.id').as('n'))
        .whereRef('x.room_id', '=', 'r.id')
        .where('x.account_id', '=', accountId)
        .where('x.kind', '=', 'mute')
        .as('mutes'),
      eb
        .selectFrom('room_restrictions as x')
        .select((e) => e.fn.count<number>('x.id').as('n'))
        .whereRef('x.room_id', '=', 'r.id')
        .where('x.account_id', '=', accountId)
        .where('x.kind', '=', 'remove')
        .as('removals'),
      eb
        .selectFrom('room_messages as n')
        .select('n.seq')
        .whereRef('n.room_id', '=', 'r.id')
        .where('n.author_id', '=', accountId)
        .where('n.client_nonce', '=', nonce)
        .as('nonce_seq'),
    ])
    .where('r.id', '=', roomId),
);

/** `nonce`: the send's, to find a message stored already under it (a re-send after a reconnect). */
export async function postingContext(
  db: DbOrTx,
  roomId: number,
  accountId: number,
  nonce: string | null = null,
): Promise<PostingContext | undefined> {
  const row = (await postingContextQuery(db, roomId, accountId, nonce)).rows[0];
  if (!row) return undefined;
  const { group_conduct, group_archived_at, place_role, place_status, place_conduct, mutes, removals, nonce_seq, ...room } = row;
  return {
    room,
    groupConduct: group_conduct,
    archived: group_archived_at !== null,
    place:
      place_role && place_status && place_conduct !== null
        ? { role: place_role, status: place_status, conduct_version: place_conduct }
        : null,
    muted: Number(mutes) > 0,
    removed: Number(removals) > 0,
    // Read only in slow mode: it scans the member's messages in the room.
    lastPostAt: room.slow_mode_seconds > 0 ? await lastPostAt(db, roomId, accountId) : null,
    nonceSeq: nonce_seq ?? null,
  };
}

/** When the member last posted in the room (slow mode counts from it, whichever instance stored it). */
async function lastPostAt(db: DbOrTx, roomId: number, accountId: number): Promise<string | null> {
  const row = await db
    .selectFrom('room_messages')
    .select((e) => e.fn.max('created_at').as('t'))
    .where('room_id', '=', roomId)
    .where('author_id', '=', accountId)
    .executeTakeFirst();
  return (row?.t as string | null | undefined) ?? null;
}

export async function hasRestriction(db: DbOrTx, roomId: number, accountId: number, kind: 'mute' | 'remove'): Promise<boolean> {
  const row = await db
    .selectFrom('room_restrictions')
    .select('id')
    .where('room_id', '=', roomId)
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds a mute or removal; false when it was already there. */
export async function addRestriction(
  tx: DbOrTx,
  r: { roomId: number; accountId: number; kind: 'mute' | 'remove'; by: number; now: string },
): Promise<boolean> {
  if (await hasRestriction(tx, r.roomId, r.accountId, r.kind)) return false;
  await tx
    .insertInto('room_restrictions')
    .values({ room_id: r.roomId, account_id: r.accountId, kind: r.kind, created_by: r.by, created_at: r.now })
    .execute();
  return true;
}

export async function removeRestriction(
  tx: DbOrTx,
  roomId: number,
  accountId: number,
  kind: 'mute' | 'remove',
): Promise<boolean> {
  const result = await tx
    .deleteFrom('room_restrictions')
    .where('room_id', '=', roomId)
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The account with this handle and its place in the group (role null when not in it). */
export async function findPerson(
  db: DbOrTx,
  groupId: number,
  handle: string,
): Promise<{ id: number; handle: string; role: GroupRole | null } | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .leftJoin('group_members as gm', (j) => j.onRef('gm.account_id', '=', 'a.id').on('gm.group_id', '=', groupId))
    .select(['a.id', 'a.handle', 'gm.role', 'gm.status'])
    .where('a.handle_key', '=', handleKey(handle))
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, handle: row.handle, role: row.status === 'active' ? row.role : null };
}

/** Handles of accounts by id (state and presence show pseudonyms only). */
export async function handlesOf(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'handle'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.handle]));
}

const blockedByQuery = compiledOnce((db, blockerId: number) =>
  db.selectFrom('blocks').select('blocked_id').where('blocker_id', '=', blockerId),
);

/** The accounts `blockerId` blocked: their messages reach the blocker as `skip` (docs/groups.md "Safety"). */
export async function blockedBy(db: DbOrTx, blockerId: number): Promise<number[]> {
  return (await blockedByQuery(db, blockerId)).rows.map((r) => r.blocked_id);
}

const handleQuery = compiledOnce((db, id: number) => db.selectFrom('accounts').select('handle').where('id', '=', id));

/** One account's handle (a socket's, at the upgrade). */
export async function handleOf(db: DbOrTx, id: number): Promise<string | undefined> {
  return (await handleQuery(db, id)).rows[0]?.handle;
}
