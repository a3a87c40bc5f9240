import type { Account } from '../../../shared/schemas/accounts.js';
import type { DbOrTx } from '../../db/types.js';
import { notFound } from '../../errors.js';
import { findAccountById, listGrants } from './repository/accounts.js';
import { countRecoveryCodesLeft } from './repository/secrets.js';
import { presentAccount } from './presenters.js';

export async function countPasskeys(db: DbOrTx, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account as its owner sees it. */
export async function accountView(db: DbOrTx, accountId: number): Promise<Account> {
  const row = await findAccountById(db, accountId);
  if (!row) throw notFound('account');
  const [grants, passkeys, recoveryCodesLeft] = await Promise.all([
    listGrants(db, accountId),
    countPasskeys(db, accountId),
    countRecoveryCodesLeft(db, accountId),
  ]);
  return presentAccount(row, grants, { passkeys, recoveryCodesLeft });
}
