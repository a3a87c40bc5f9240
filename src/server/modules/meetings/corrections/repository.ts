import type { CorrectionStatus, DbOrTx } from '../../../db/types.js';

export interface NewCorrection {
  meeting_id: number;
  kind: string;
  details: string;
  contact: string | null;
}

/** Stores a request as open and returns its id. */
export async function insertCorrection(db: DbOrTx, c: NewCorrection, now: string): Promise<number> {
  const row = await db
    .insertInto('correction_requests')
    .values({ ...c, status: 'open', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Requests with the given status, newest first, with the meeting's current name; `before` pages by id. */
export function listCorrections(db: DbOrTx, status: CorrectionStatus, limit: number, before?: number) {
  let q = db
    .selectFrom('correction_requests as c')
    .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
    .select(['c.id', 'c.meeting_id', 'm.name as meeting_name', 'c.kind', 'c.details', 'c.contact', 'c.status', 'c.created_at'])
    .where('c.status', '=', status)
    .orderBy('c.id', 'desc')
    .limit(limit);
  if (before !== undefined) q = q.where('c.id', '<', before);
  return q.execute();
}

export type CorrectionRow = Awaited<ReturnType<typeof listCorrections>>[number];
