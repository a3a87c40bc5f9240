import { sql, type Kysely } from 'kysely';

/**
 * Passkeys and password reset by e-mail (issue 6).
 *
 * - `webauthn_user_id`: the random user handle given to authenticators (WebAuthn §14.6.1: it must not reveal the
 *   account, so not the numeric id). One per account, so an authenticator keeps one passkey per member.
 * - An index on `lower(email)`: reset requests look accounts up by address without case, on both databases alike
 *   (the same expression in the index and the query, so both planners use it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('webauthn_user_id', 'varchar(64)').execute();
  await db.schema.createIndex('accounts_webauthn_user_id_idx').on('accounts').column('webauthn_user_id').unique().execute();
  await db.schema
    .createIndex('accounts_email_lower_idx')
    .on('accounts')
    .expression(sql`lower(email)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('accounts_email_lower_idx').execute();
  await db.schema.dropIndex('accounts_webauthn_user_id_idx').execute();
  await db.schema.alterTable('accounts').dropColumn('webauthn_user_id').execute();
}
