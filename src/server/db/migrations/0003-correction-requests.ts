import type { Kysely } from 'kysely';
import { addIdColumn } from '../schema-helpers.js';

/**
 * Corrections the public suggests for a meeting's listing (issue 5), kept for the listing's owner. `contact` is
 * personal data: optional, never published, and removed with the request. Deleting a meeting's source deletes its
 * requests too, so a source can always be removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('correction_requests'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // The admin queue reads open requests newest first.
  await db.schema.createIndex('correction_requests_status_idx').on('correction_requests').columns(['status', 'id']).execute();
  await db.schema.createIndex('correction_requests_meeting_idx').on('correction_requests').column('meeting_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('correction_requests').execute();
}
