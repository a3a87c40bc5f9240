import type { DbOrTx } from '../../db/types.js';
import { newRecoveryCode, normalizeRecoveryCode, tokenHash } from '../../security/tokens.js';
import { replaceRecoveryCodes, spendRecoveryCode } from './repository/secrets.js';

export const RECOVERY_CODE_COUNT = 10;

/** Issues a fresh set of recovery codes (any old ones stop working) and returns them, to be shown once. */
export async function issueRecoveryCodes(db: DbOrTx, accountId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(
    db,
    accountId,
    codes.map((c) => tokenHash(normalizeRecoveryCode(c))),
  );
  return codes;
}

/** Uses up one recovery code; false when it is wrong or already used. */
export function useRecoveryCode(db: DbOrTx, accountId: number, code: string, now: Date): Promise<boolean> {
  return spendRecoveryCode(db, accountId, tokenHash(normalizeRecoveryCode(code)), now.toISOString());
}
