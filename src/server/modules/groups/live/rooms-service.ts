import { forbidden, notFound } from '../../../errors.js';
import type { Actor } from '../../../security/actor.js';
import { authorize, type GroupPlace } from '../../../security/policy.js';
import { LIVE_LIMITS, type RoomInfo } from '../../../../shared/schemas/live-meetings.js';
import { groupResource } from '../access.js';
import { liveGroup, type LiveDeps } from './meetings-service.js';
import { findAttendance } from './repository/attendance.js';
import { findLiveProofOf } from './repository/proofs.js';
import { findRoomDetail, listGroupRooms, type RoomDetail } from './repository/rooms.js';

/** A room the actor may read (the group's people and moderators), with the actor's place in its group. */
export async function readableRoom(
  deps: LiveDeps,
  actor: Actor,
  roomId: number,
): Promise<{ room: RoomDetail; place: GroupPlace | null }> {
  const room = await findRoomDetail(deps.database.db, roomId);
  if (!room || room.group_archived_at !== null) throw notFound('room');
  const resource = await groupResource(deps.database.db, actor, room.group_id);
  authorize(actor, 'group.read', resource);
  return { room, place: resource.group ?? null };
}

/**
 * A live room of a group the actor is an active person of (member, facilitator or observer): attendance is about
 * having been there, so moderators who are not in the group have none.
 */
export async function attendableRoom(
  deps: LiveDeps,
  actor: Actor,
  roomId: number,
): Promise<{ room: RoomDetail; accountId: number }> {
  const { room, place } = await readableRoom(deps, actor, roomId);
  if (actor.kind !== 'member' || place?.status !== 'active') throw forbidden();
  return { room, accountId: actor.accountId };
}

async function present(deps: LiveDeps, room: RoomDetail, attendeeId: number | null): Promise<RoomInfo> {
  let attendance: RoomInfo['attendance'] = null;
  if (attendeeId !== null && room.kind === 'live') {
    const record = await findAttendance(deps.database.db, attendeeId, room.id);
    const proof = record ? await findLiveProofOf(deps.database.db, record.id) : undefined;
    attendance = { recorded: record !== undefined, proof: proof ? { id: proof.id, status: proof.status } : null };
  }
  return {
    id: room.id,
    kind: room.kind,
    status: room.status,
    group: { slug: room.group_slug, name: room.group_name },
    meeting_title: room.meeting_title,
    occurrence_at: room.occurrence_at,
    closes_at: room.closes_at,
    retention: { delete_at_end: room.retention_days === null, days: room.retention_days },
    attendance,
  };
}

const attendeeOf = (actor: Actor, place: GroupPlace | null) =>
  actor.kind === 'member' && place?.status === 'active' ? actor.accountId : null;

/** One room's info for the chat client. */
export async function roomInfo(deps: LiveDeps, actor: Actor, roomId: number): Promise<RoomInfo> {
  const { room, place } = await readableRoom(deps, actor, roomId);
  return present(deps, room, attendeeOf(actor, place));
}

/** A group's rooms: the always-open room, live meetings under way, and the last few that closed. */
export async function groupRooms(deps: LiveDeps, actor: Actor, slug: string) {
  const group = await liveGroup(deps, slug);
  const resource = await groupResource(deps.database.db, actor, group.id);
  authorize(actor, 'group.read', resource);
  const attendee = attendeeOf(actor, resource.group ?? null);
  const rooms = await listGroupRooms(deps.database.db, group.id, LIVE_LIMITS.closedRoomsListed);
  const shown = await Promise.all(rooms.map((r) => present(deps, r, attendee)));
  return {
    open_room: shown.find((r) => r.kind === 'open' && r.status === 'open') ?? null,
    live_now: shown.filter((r) => r.kind === 'live' && r.status === 'open'),
    recently_closed: shown.filter((r) => r.status === 'closed'),
  };
}
