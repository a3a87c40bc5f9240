import { sql, type Kysely } from 'kysely';
import { addIdColumn, isPostgres } from '../schema-helpers.js';

/**
 * Accounts and everything that proves who someone is (issue 6). Secrets are stored only as hashes: the session and
 * reset tokens and recovery codes as SHA-256 (they are long random values, so a fast hash is enough), passwords as
 * argon2id. Every row that belongs to a person cascades away with their account; the audit log keeps its rows but
 * loses the link (ON DELETE SET NULL), and triggers make it append-only otherwise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('accounts'))
    .addColumn('handle', 'varchar(32)', (c) => c.notNull())
    // The handle folded for comparison, so "Sam" and "sam" cannot both exist.
    .addColumn('handle_key', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('email', 'varchar(254)')
    .addColumn('language', 'varchar(10)', (c) => c.notNull().defaultTo('en'))
    .addColumn('time_zone', 'varchar(64)')
    .addColumn('discreet', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('guidelines_version', 'varchar(20)')
    .addColumn('guidelines_accepted_at', 'varchar(32)')
    .addColumn('totp_secret', 'varchar(64)')
    .addColumn('totp_enabled_at', 'varchar(32)')
    // The last time step a code was accepted for: a code seen once is refused again (replay).
    .addColumn('totp_last_step', 'bigint')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addIdColumn(db, db.schema.createTable('role_grants'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    // The group or organisation the role is for; '' for site-wide roles (NULLs would never collide in UNIQUE).
    .addColumn('scope', 'varchar(64)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('role_grants_unique', ['account_id', 'role', 'scope'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey()) // SHA-256 of the cookie's token
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('mfa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'varchar(80)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

  await addIdColumn(db, db.schema.createTable('recovery_codes'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('recovery_codes_account_idx').on('recovery_codes').column('account_id').execute();

  await addIdColumn(db, db.schema.createTable('password_resets'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('password_resets_account_idx').on('password_resets').column('account_id').execute();

  await addIdColumn(db, db.schema.createTable('passkeys'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('credential_id', 'varchar(1400)', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('passkeys_account_idx').on('passkeys').column('account_id').execute();

  // Short-lived steps of a sign-in or enrolment: the second-factor step after a password, WebAuthn challenges.
  await db.schema
    .createTable('auth_challenges')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey()) // SHA-256 of the token the client holds
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_challenges_account_idx').on('auth_challenges').column('account_id').execute();

  await addIdColumn(db, db.schema.createTable('audit_log'))
    .addColumn('actor_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('target_kind', 'varchar(20)')
    .addColumn('target_id', 'varchar(64)')
    .addColumn('target_account_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').column('actor_id').execute();
  await db.schema.createIndex('audit_log_target_account_idx').on('audit_log').column('target_account_id').execute();
  await appendOnly(db);
}

/**
 * No one edits the audit log, not even the application: a trigger refuses deletes and any update except the one the
 * foreign keys make when an account is deleted (its links become NULL).
 */
async function appendOnly(db: Kysely<unknown>): Promise<void> {
  const changed = (col: string) => `NEW.${col} IS DISTINCT FROM OLD.${col}`;
  const fixed = ['id', 'action', 'target_kind', 'target_id', 'detail', 'created_at'];
  if (isPostgres(db)) {
    const when = [
      ...fixed.map(changed),
      `(NEW.actor_id IS NOT NULL AND ${changed('actor_id')})`,
      `(NEW.target_account_id IS NOT NULL AND ${changed('target_account_id')})`,
    ].join(' OR ');
    await sql
      .raw(
        `CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' OR ${when} THEN RAISE EXCEPTION 'audit_log is append-only'; END IF;
           RETURN NEW;
         END $$`,
      )
      .execute(db);
    await sql
      .raw('CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()')
      .execute(db);
    return;
  }
  const isNot = (col: string) => `NEW.${col} IS NOT OLD.${col}`;
  const when = [
    ...fixed.map(isNot),
    `(NEW.actor_id IS NOT NULL AND ${isNot('actor_id')})`,
    `(NEW.target_account_id IS NOT NULL AND ${isNot('target_account_id')})`,
  ].join(' OR ');
  await sql
    .raw(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN ${when} BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'auth_challenges',
    'passkeys',
    'password_resets',
    'recovery_codes',
    'sessions',
    'role_grants',
    'accounts',
  ])
    await db.schema.dropTable(table).execute();
  if (isPostgres(db)) await sql.raw('DROP FUNCTION IF EXISTS audit_log_guard()').execute(db);
}
