import type { Kysely } from 'kysely';
import { addIdColumn } from '../schema-helpers.js';

/**
 * The meeting directory: feeds (sources) and what they hold. Conventions for
 * portability: timestamps are ISO-8601 UTC text, booleans are 0/1 integers,
 * lists and small objects are JSON text. Every record belongs to a source, so
 * two sources never overwrite each other, and deleting a source removes all it
 * brought in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('sources'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('format', 'varchar(20)', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('timezone', 'varchar(64)')
    .addColumn('fellowship', 'varchar(40)')
    .addColumn('refresh_minutes', 'integer')
    .addColumn('publish_contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_status', 'varchar(20)')
    .addColumn('last_error', 'text')
    .addColumn('last_import_id', 'integer')
    .addColumn('last_fetched_at', 'varchar(32)')
    .addColumn('next_refresh_at', 'varchar(32)')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addIdColumn(db, db.schema.createTable('imports'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('trigger', 'varchar(20)', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('report', 'text')
    .execute();
  await db.schema.createIndex('imports_source_idx').on('imports').columns(['source_id', 'started_at']).execute();

  await addIdColumn(db, db.schema.createTable('entities'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('external_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('parent_external_id', 'varchar(64)')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'varchar(20)')
    .addColumn('description', 'text')
    .addColumn('url', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'varchar(64)')
    .addColumn('location', 'text')
    .addColumn('logo', 'text')
    .addColumn('world_id', 'varchar(32)')
    .addUniqueConstraint('entities_source_external_uq', ['source_id', 'external_id'])
    .execute();

  await addIdColumn(db, db.schema.createTable('regions'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('regions.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addUniqueConstraint('regions_source_path_uq', ['source_id', 'path'])
    .execute();

  await addIdColumn(db, db.schema.createTable('groups'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addUniqueConstraint('groups_source_name_uq', ['source_id', 'name'])
    .execute();

  await addIdColumn(db, db.schema.createTable('locations'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('notes', 'text')
    .addColumn('formatted_address', 'text')
    .addColumn('address', 'text')
    .addColumn('city', 'text')
    .addColumn('state', 'text')
    .addColumn('postal_code', 'varchar(32)')
    .addColumn('country', 'varchar(64)')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('approximate', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('locations_source_key_uq', ['source_id', 'key'])
    .execute();
  // The B-tree indexes a BMLT-style radius query relies on (issue 4's baseline).
  await db.schema.createIndex('locations_lat_idx').on('locations').column('latitude').execute();
  await db.schema.createIndex('locations_lng_idx').on('locations').column('longitude').execute();

  await addIdColumn(db, db.schema.createTable('custom_types'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('description', 'text')
    .addUniqueConstraint('custom_types_source_code_uq', ['source_id', 'code'])
    .execute();

  await addIdColumn(db, db.schema.createTable('meetings'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('slug', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fellowship', 'varchar(40)')
    .addColumn('days', 'varchar(20)', (c) => c.notNull())
    .addColumn('time', 'varchar(5)')
    .addColumn('end_time', 'varchar(5)')
    .addColumn('timezone', 'varchar(64)')
    .addColumn('types', 'text', (c) => c.notNull())
    .addColumn('custom_types', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('location_id', 'integer', (c) => c.references('locations.id'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('entity_id', 'integer', (c) => c.references('entities.id'))
    .addColumn('conference_url', 'text')
    .addColumn('conference_url_notes', 'text')
    .addColumn('conference_provider', 'varchar(40)')
    .addColumn('conference_phone', 'varchar(128)')
    .addColumn('conference_phone_notes', 'text')
    .addColumn('url', 'text')
    .addColumn('edit_url', 'text')
    .addColumn('feedback_url', 'text')
    .addColumn('feedback_emails', 'text')
    .addColumn('venmo', 'varchar(64)')
    .addColumn('square', 'varchar(64)')
    .addColumn('paypal', 'varchar(64)')
    .addColumn('homegroup_online', 'varchar(64)')
    .addColumn('contacts', 'text')
    .addColumn('attendance', 'varchar(10)', (c) => c.notNull())
    .addColumn('source_updated', 'varchar(32)')
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    // Fingerprint of the feed element last imported: an identical element skips building and hashing the record.
    .addColumn('raw_hash', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('deleted_at', 'varchar(32)')
    .addUniqueConstraint('meetings_source_slug_uq', ['source_id', 'slug'])
    .execute();
  await db.schema.createIndex('meetings_location_idx').on('meetings').column('location_id').execute();
  await db.schema.createIndex('meetings_updated_idx').on('meetings').column('updated_at').execute();

  await addIdColumn(db, db.schema.createTable('meeting_changes'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('import_id', 'integer', (c) => c.references('imports.id').onDelete('set null'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_changes_time_idx').on('meeting_changes').columns(['changed_at', 'id']).execute();
  await db.schema.createIndex('meeting_changes_meeting_idx').on('meeting_changes').column('meeting_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'meeting_changes',
    'meetings',
    'custom_types',
    'locations',
    'groups',
    'regions',
    'entities',
    'imports',
    'sources',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
