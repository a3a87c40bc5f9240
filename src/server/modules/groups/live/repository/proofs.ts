import type { Selectable, Updateable } from 'kysely';
import type { AttendanceProofsTable, DbOrTx } from '../../../../db/types.js';

export type ProofRow = Selectable<AttendanceProofsTable>;

/** A proof with what deciding about it needs: its group (through the attendance and room) and the member's handle. */
export interface ProofContext extends ProofRow {
  group_id: number | null;
  group_name: string | null;
  group_time_zone: string | null;
  meeting_title: string | null;
  occurrence_at: string | null;
  handle: string;
}

function proofContexts(db: DbOrTx) {
  return db
    .selectFrom('attendance_proofs as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('attendance as t', 't.id', 'p.attendance_id')
    .leftJoin('rooms as r', 'r.id', 't.room_id')
    .leftJoin('support_groups as g', 'g.id', 'r.group_id')
    .selectAll('p')
    .select([
      'g.id as group_id',
      't.group_name as group_name',
      'g.time_zone as group_time_zone',
      't.meeting_title as meeting_title',
      't.occurrence_at as occurrence_at',
      'a.handle as handle',
    ]);
}

export function findProof(db: DbOrTx, id: string): Promise<ProofRow | undefined> {
  return db.selectFrom('attendance_proofs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProofContext(db: DbOrTx, id: string): Promise<ProofContext | undefined> {
  return proofContexts(db).where('p.id', '=', id).executeTakeFirst();
}

/** The proof of an attendance record that is not revoked, if any. */
export function findLiveProofOf(db: DbOrTx, attendanceId: number): Promise<ProofRow | undefined> {
  return db
    .selectFrom('attendance_proofs')
    .selectAll()
    .where('attendance_id', '=', attendanceId)
    .where('status', '!=', 'revoked')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function insertProof(db: DbOrTx, row: ProofRow): Promise<void> {
  await db.insertInto('attendance_proofs').values(row).execute();
}

/** Changes a proof only if it is still in `from`; false when someone changed it first. */
export async function updateProof(
  db: DbOrTx,
  id: string,
  from: ProofRow['status'],
  changes: Updateable<AttendanceProofsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('attendance_proofs')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A group's proof requests waiting for a facilitator, oldest first. */
export function listPendingProofs(db: DbOrTx, groupId: number): Promise<ProofContext[]> {
  return proofContexts(db).where('g.id', '=', groupId).where('p.status', '=', 'requested').orderBy('p.created_at').execute();
}

export function listOwnProofs(db: DbOrTx, accountId: number): Promise<ProofContext[]> {
  return proofContexts(db).where('p.account_id', '=', accountId).orderBy('p.created_at', 'desc').execute();
}
