import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { AccountsTable, DbOrTx, RoleName } from '../../../db/types.js';
import type { Grant } from '../../../security/actor.js';

export type AccountRow = Selectable<AccountsTable>;

export async function insertAccount(db: DbOrTx, row: Insertable<AccountsTable>): Promise<number> {
  const inserted = await db.insertInto('accounts').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export function findAccountById(db: DbOrTx, id: number): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByHandleKey(db: DbOrTx, key: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('handle_key', '=', key).executeTakeFirst();
}

/**
 * Accounts with this e-mail address, whatever its case (an address is not unique: two pseudonyms may share one
 * inbox). `lower(email)` is the expression of the accounts_email_lower_idx index (migration 0005), so both databases
 * answer from the index.
 */
export function findAccountsByEmail(db: DbOrTx, email: string, limit: number): Promise<AccountRow[]> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', sql<string>`lower(${email})`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function updateAccount(db: DbOrTx, id: number, patch: Updateable<AccountsTable>): Promise<void> {
  await db.updateTable('accounts').set(patch).where('id', '=', id).execute();
}

export async function deleteAccountRow(db: DbOrTx, id: number): Promise<void> {
  await db.deleteFrom('accounts').where('id', '=', id).execute();
}

export async function listGrants(db: DbOrTx, accountId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['role', 'scope'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows;
}

/** Adds a role; returns false when the account already had it. */
export async function insertGrant(db: DbOrTx, accountId: number, role: RoleName, scope: string, now: string): Promise<boolean> {
  const result = await db
    .insertInto('role_grants')
    .values({ account_id: accountId, role, scope, created_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'role', 'scope']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a role; returns false when the account did not have it. */
export async function deleteGrant(db: DbOrTx, accountId: number, role: RoleName, scope: string): Promise<boolean> {
  const result = await db
    .deleteFrom('role_grants')
    .where('account_id', '=', accountId)
    .where('role', '=', role)
    .where('scope', '=', scope)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface AccountListRow {
  id: number;
  handle: string;
  created_at: string;
  totp: boolean;
  passkey: boolean;
}

/** Accounts by handle for the admin screen, optionally filtered by a handle prefix. */
export async function listAccounts(
  db: DbOrTx,
  prefix: string | undefined,
  limit: number,
  after: string | undefined,
): Promise<AccountListRow[]> {
  let q = db
    .selectFrom('accounts')
    .select(['id', 'handle', 'handle_key', 'created_at', 'totp_enabled_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('passkeys').select('passkeys.id').whereRef('passkeys.account_id', '=', 'accounts.id'))
        .as('has_passkey'),
    )
    .orderBy('handle_key')
    .limit(limit);
  if (prefix) q = q.where('handle_key', '>=', prefix).where('handle_key', '<', `${prefix}\u{10ffff}`);
  if (after) q = q.where('handle_key', '>', after);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    created_at: r.created_at,
    totp: r.totp_enabled_at !== null,
    // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
    passkey: Boolean(Number(r.has_passkey)),
  }));
}

export async function grantsFor(db: DbOrTx, accountIds: number[]): Promise<Map<number, Grant[]>> {
  const byAccount = new Map<number, Grant[]>();
  if (accountIds.length === 0) return byAccount;
  const rows = await db
    .selectFrom('role_grants')
    .select(['account_id', 'role', 'scope'])
    .where('account_id', 'in', accountIds)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = byAccount.get(r.account_id) ?? [];
    list.push({ role: r.role, scope: r.scope });
    byAccount.set(r.account_id, list);
  }
  return byAccount;
}
