import { withQuickWriteTransaction } from '../../../db/quick-transaction.js';
import type { DbOrTx } from '../../../db/types.js';
import { parseLiveState, type LiveState } from '../rooms/live-state.js';
import { roomClosed, roomNotFound } from './chat-errors.js';
import { lockRoom, updateRoom, type RoomRow } from './chat-repository.js';
import type { ChatDeps } from './chat-service.js';
import { publishToRoom } from './room-channel.js';
import { presentState } from './room-state.js';

/**
 * Changes a room's live state (queue, sharer, section) or settings in one write transaction with the room's row
 * locked, so two instances' changes never overwrite each other, then publishes the new state. `change` edits the
 * state and room copies in place and returns false when nothing changed (then nothing is written or sent); `after`
 * runs in the same transaction (the audit entry).
 */
export async function changeLiveState(
  deps: ChatDeps,
  roomId: number,
  change: (live: LiveState, room: RoomRow) => boolean,
  after?: (tx: DbOrTx, room: RoomRow) => Promise<void>,
): Promise<boolean> {
  const result = await withQuickWriteTransaction(deps.database, async (tx) => {
    const room = await lockRoom(tx, roomId);
    if (!room) throw roomNotFound();
    if (room.status !== 'open') throw roomClosed();
    const live = parseLiveState(room.state);
    const before = { locked: room.locked, slow: room.slow_mode_seconds, cross: room.cross_talk };
    if (!change(live, room)) return undefined;
    room.state = JSON.stringify(live);
    await updateRoom(tx, roomId, {
      state: room.state,
      ...(room.locked !== before.locked ? { locked: room.locked } : {}),
      ...(room.slow_mode_seconds !== before.slow ? { slow_mode_seconds: room.slow_mode_seconds } : {}),
      ...(room.cross_talk !== before.cross ? { cross_talk: room.cross_talk } : {}),
    });
    if (after) await after(tx, room);
    return { room, live };
  });
  if (!result) return false;
  const state = await presentState(deps.database.db, result.room, result.live);
  await publishToRoom(deps.bus, roomId, { k: 'state', state });
  return true;
}
