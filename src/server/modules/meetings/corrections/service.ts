import { withWriteTransaction, type DatabaseHandle } from '../../../db/index.js';
import type { Correction, CorrectionRequest } from '../../../../shared/schemas/corrections.js';
import { isLiveMeeting } from '../repository/live-meeting.js';
import { insertCorrection, listCorrections, type CorrectionRow } from './repository.js';

/**
 * Stores a correction for a listed meeting, open for its owner. An empty contact is stored as none.
 * @returns the request's id, or null when the meeting is unknown or no longer listed.
 */
export function submitCorrection(database: DatabaseHandle, meetingId: number, input: CorrectionRequest): Promise<number | null> {
  return withWriteTransaction(database, async (tx) => {
    if (!(await isLiveMeeting(tx, meetingId))) return null;
    const contact = input.contact?.trim() ? input.contact.trim() : null;
    return insertCorrection(
      tx,
      { meeting_id: meetingId, kind: input.kind, details: input.details, contact },
      new Date().toISOString(),
    );
  });
}

/** One page of open requests, newest first, and the cursor for the next. */
export async function openCorrections(
  database: DatabaseHandle,
  limit: number,
  before?: number,
): Promise<{ corrections: Correction[]; next_before: number | null }> {
  const rows = await listCorrections(database.db, 'open', limit + 1, before);
  const page = rows.slice(0, limit);
  return { corrections: page.map(presentCorrection), next_before: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

function presentCorrection(row: CorrectionRow): Correction {
  return {
    id: row.id,
    meeting_id: row.meeting_id,
    meeting_name: row.meeting_name,
    kind: row.kind as Correction['kind'],
    details: row.details,
    contact: row.contact,
    status: row.status,
    created_at: row.created_at,
  };
}
