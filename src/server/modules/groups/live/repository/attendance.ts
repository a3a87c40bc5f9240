import type { Selectable } from 'kysely';
import type { AttendanceTable, DbOrTx } from '../../../../db/types.js';

export type AttendanceRow = Selectable<AttendanceTable>;

export function findAttendance(db: DbOrTx, accountId: number, roomId: number): Promise<AttendanceRow | undefined> {
  return db
    .selectFrom('attendance')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('room_id', '=', roomId)
    .executeTakeFirst();
}

/** Records attendance once per person and room; returns the record (new or already there). */
export async function insertAttendance(db: DbOrTx, row: Omit<AttendanceRow, 'id'> & { room_id: number }): Promise<AttendanceRow> {
  await db
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'room_id']).doNothing())
    .execute();
  return (await findAttendance(db, row.account_id, row.room_id))!;
}

/** Deletes the record and the proof requests still pending on it; issued proofs stay until revoked. */
export async function deleteAttendance(db: DbOrTx, attendanceId: number): Promise<void> {
  await db.deleteFrom('attendance_proofs').where('attendance_id', '=', attendanceId).where('status', '=', 'requested').execute();
  await db.deleteFrom('attendance').where('id', '=', attendanceId).execute();
}

export function listOwnAttendance(db: DbOrTx, accountId: number): Promise<AttendanceRow[]> {
  return db
    .selectFrom('attendance')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('occurrence_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
