import type { Kysely } from 'kysely';

/**
 * The first table: facts about this installation. It proves the path from
 * migration to route end to end, and records the schema version for /api/meta.
 * Timestamps are ISO-8601 UTC text so that both dialects store them alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_meta').execute();
}
