import { DateTime } from 'luxon';
import { withWriteTransaction } from '../../../db/index.js';
import { conflict } from '../../../errors.js';
import type { Actor } from '../../../security/actor.js';
import { LIVE_LIMITS } from '../../../../shared/schemas/live-meetings.js';
import type { LiveDeps } from './meetings-service.js';
import {
  deleteAttendance,
  findAttendance,
  insertAttendance,
  listOwnAttendance,
  type AttendanceRow,
} from './repository/attendance.js';
import { attendableRoom } from './rooms-service.js';
import type { RoomDetail } from './repository/rooms.js';

export function presentAttendance(row: AttendanceRow) {
  return {
    id: row.id,
    room_id: row.room_id,
    group_name: row.group_name,
    meeting_title: row.meeting_title,
    occurrence_at: row.occurrence_at,
    created_at: row.created_at,
  };
}

/** Attendance is recorded in a live meeting while it runs, or within a day after it ended (people forget to tick). */
function checkWindow(room: RoomDetail, now: Date): void {
  if (room.kind !== 'live' || room.occurrence_at === null)
    throw conflict('attendance is recorded for live meetings only, not for the always-open room');
  if (room.status === 'closed' && room.closed_at) {
    const last = DateTime.fromISO(room.closed_at, { zone: 'utc' }).plus({ hours: LIVE_LIMITS.attendanceWindowHours });
    if (now.getTime() > last.toMillis())
      throw conflict(`attendance can be recorded until ${LIVE_LIMITS.attendanceWindowHours} hours after the meeting ended`);
  }
}

/**
 * Records, at the member's own request (issue 7: nothing without consent), that they attended this meeting: copies
 * of the group's name, the meeting's title and the occurrence, so the record reads right after they change.
 */
export async function recordAttendance(deps: LiveDeps, actor: Actor, roomId: number) {
  const { room, accountId } = await attendableRoom(deps, actor, roomId);
  const now = deps.now();
  checkWindow(room, now);
  const row = await withWriteTransaction(deps.database, (tx) =>
    insertAttendance(tx, {
      account_id: accountId,
      room_id: room.id,
      group_name: room.group_name,
      meeting_title: room.meeting_title ?? room.group_name,
      occurrence_at: room.occurrence_at!,
      created_at: now.toISOString(),
    }),
  );
  return { recorded: true, attendance: presentAttendance(row) };
}

/**
 * Withdraws the member's record and any proof request pending on it. A member's own record can always go, even
 * after they left the group; otherwise the asker must be someone of the group (to reveal nothing to others).
 */
export async function withdrawAttendance(deps: LiveDeps, actor: Actor, roomId: number) {
  const own = actor.kind === 'member' ? await findAttendance(deps.database.db, actor.accountId, roomId) : undefined;
  if (!own) await attendableRoom(deps, actor, roomId);
  else await withWriteTransaction(deps.database, (tx) => deleteAttendance(tx, own.id));
  return { recorded: false, attendance: null };
}

export async function ownAttendance(deps: LiveDeps, accountId: number) {
  return { attendance: (await listOwnAttendance(deps.database.db, accountId)).map(presentAttendance) };
}
