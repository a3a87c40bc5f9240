/**
 * Worker-thread entry (started by build-thread.ts): the text half of the boot-time index build (bulk-text.ts), read
 * on a read-only connection of its own to the same SQLite file (WAL lets it read beside the main thread's
 * connection) inside one read transaction, so places, groups, regions and meetings come from one snapshot. Answers
 * with one message: `{ text }` (its arrays transferred, not copied) or `{ error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { type BuiltText, MeetingTextBuilder, transferables } from './bulk-text.js';
import { PackedRow } from './packed-rows.js';

export interface BuildWorkerData {
  file: string;
  /** Page queries taking (after id, limit); see textPageSql in search-rows.ts (meetings as packed rows). */
  sql: { places: string; groups: string; regions: string; meetings: string };
  pageSize: number;
}

export type BuildWorkerMessage = { text: BuiltText } | { error: string };

function build({ file, sql, pageSize }: BuildWorkerData): BuiltText {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const builder = new MeetingTextBuilder();
    // One text per row (packed-rows.ts): its fields are read in place.
    const row = new PackedRow();
    const pages = (text: string, use: (row: PackedRow) => void) => {
      const statement = db.prepare(text).pluck(true);
      for (let after = 0; ;) {
        const rows = statement.all(after, pageSize) as string[];
        for (const packed of rows) use(row.start(packed));
        if (rows.length < pageSize) return;
        after = row.start(rows[rows.length - 1]!).int()!;
      }
    };
    db.exec('BEGIN');
    pages(sql.places, (r) => builder.addPlace(r.int()!, r.rest()));
    pages(sql.groups, (r) => builder.addGroup(r.int()!, r.rest()));
    pages(sql.regions, (r) => builder.addRegion(r.int()!, r.rest()));
    pages(sql.meetings, (r) => builder.addPackedMeeting(r));
    db.exec('COMMIT');
    return builder.build();
  } finally {
    db.close();
  }
}

const port = parentPort;
if (port) {
  let message: BuildWorkerMessage;
  let transfer: ArrayBuffer[] = [];
  try {
    const text = build(workerData as BuildWorkerData);
    message = { text };
    transfer = transferables(text);
  } catch (err) {
    message = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(message, transfer);
}
