import type { DbOrTx } from '../../../db/types.js';
import { CROSS_TALK_SECTIONS, type RoomState } from '../../../../shared/chat-protocol.js';
import { parseLiveState, type LiveState } from '../rooms/live-state.js';
import { handlesOf, type RoomRow } from './chat-repository.js';

/**
 * A room's state as members see it: the live state keeps people by account id (live-state.ts), shown here by
 * their current pseudonym. People whose account is gone drop out of the queue.
 */
export async function presentState(db: DbOrTx, room: RoomRow, live: LiveState = parseLiveState(room.state)): Promise<RoomState> {
  const ids = live.sharer === null ? live.queue : [...live.queue, live.sharer];
  const handles = await handlesOf(db, ids);
  return {
    room: room.id,
    kind: room.kind,
    status: room.status,
    locked: room.locked === 1,
    slow_mode_seconds: room.slow_mode_seconds,
    cross_talk: room.cross_talk === 1,
    format: live.format,
    section: live.section,
    section_started_at: live.section_started_at,
    share_minutes: live.share_minutes,
    queue: live.queue.flatMap((id) => handles.get(id) ?? []),
    sharer: live.sharer === null ? null : (handles.get(live.sharer) ?? null),
    share_started_at: live.share_started_at,
    closes_at: room.closes_at,
  };
}

/**
 * True when the room is in a live meeting's sharing or check-in section with cross-talk off: then only the current
 * sharer and facilitators post (issue 7; docs/groups.md "Sharing queue").
 */
export function crossTalkHolds(room: RoomRow, live: LiveState): boolean {
  if (room.kind !== 'live' || room.cross_talk === 1) return false;
  const kind = live.format[live.section]?.kind;
  return kind !== undefined && CROSS_TALK_SECTIONS.includes(kind);
}
