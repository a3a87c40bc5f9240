import { withWriteTransaction, type DatabaseHandle } from '../../db/index.js';
import { handleSchema, newPasswordSchema } from '../../../shared/schemas/accounts.js';
import { assertStrongPassword } from './auth-service.js';
import { handleKey } from './handle.js';
import { hashPassword } from './password.js';
import { issueRecoveryCodes } from './recovery-codes.js';
import type { RoleName } from '../../db/types.js';
import { conflict, notFound, validationFailed } from '../../errors.js';
import { appendAudit } from '../audit/repository.js';
import type { AuthDeps } from './auth-service.js';
import {
  deleteGrant,
  findAccountByHandleKey,
  findAccountById,
  grantsFor,
  insertAccount,
  insertGrant,
  listAccounts,
} from './repository/accounts.js';
import { deleteSessionsOf } from './repository/sessions.js';
import type { Grant } from '../../security/actor.js';
import { countPasskeys } from './account-view.js';

const SCOPED: readonly RoleName[] = ['facilitator', 'org_admin'];

/**
 * Grants or removes a role, recorded in the audit log. The member's sessions end either way: a privilege change
 * gets a fresh session (and with a privileged role, a sign-in with a second factor).
 */
export async function changeRole(
  deps: AuthDeps,
  actorId: number,
  targetId: number,
  change: { role: RoleName; scope?: string | undefined; grant: boolean },
): Promise<void> {
  const scope = SCOPED.includes(change.role) ? (change.scope ?? '') : '';
  if (SCOPED.includes(change.role) && scope === '')
    throw conflict(`A ${change.role} role needs the group or organisation it is for.`);
  if (!change.grant && change.role === 'site_admin' && actorId === targetId)
    throw conflict('You cannot remove your own site admin role; ask another site admin.');
  const now = deps.now().toISOString();
  await withWriteTransaction(deps.database, async (tx) => {
    if (!(await findAccountById(tx, targetId))) throw notFound('account');
    const changed = change.grant
      ? await insertGrant(tx, targetId, change.role, scope, now)
      : await deleteGrant(tx, targetId, change.role, scope);
    if (!changed) return;
    await deleteSessionsOf(tx, targetId);
    await appendAudit(
      tx,
      {
        actorId,
        action: change.grant ? 'role.granted' : 'role.revoked',
        targetAccountId: targetId,
        detail: { role: change.role, ...(scope ? { scope } : {}) },
      },
      now,
    );
  });
}

function presentForAdmin(
  r: { id: number; handle: string; created_at: string; totp: boolean; passkey: boolean },
  grants: Grant[],
) {
  return {
    id: r.id,
    handle: r.handle,
    created_at: r.created_at,
    // An authenticator app or a passkey: either satisfies a role that needs a second factor.
    two_factor: r.totp || r.passkey,
    roles: grants.map((g) => (g.scope ? { role: g.role, scope: g.scope } : { role: g.role })),
  };
}

/** One account as the admin screen shows it: handle, roles, whether two-factor is on; nothing private. */
export async function adminAccountView(deps: AuthDeps, id: number) {
  const row = await findAccountById(deps.database.db, id);
  if (!row) throw notFound('account');
  const grants = await grantsFor(deps.database.db, [id]);
  const passkeys = await countPasskeys(deps.database.db, id);
  return presentForAdmin(
    { id, handle: row.handle, created_at: row.created_at, totp: row.totp_enabled_at !== null, passkey: passkeys > 0 },
    grants.get(id) ?? [],
  );
}

export async function accountsForAdmin(deps: AuthDeps, prefix: string | undefined, after: string | undefined, limit: number) {
  const rows = await listAccounts(deps.database.db, prefix?.toLowerCase(), limit + 1, after);
  const page = rows.slice(0, limit);
  const grants = await grantsFor(
    deps.database.db,
    page.map((r) => r.id),
  );
  return {
    accounts: page.map((r) => presentForAdmin(r, grants.get(r.id) ?? [])),
    next_after: rows.length > limit ? (page[page.length - 1]?.handle.toLowerCase() ?? null) : null,
  };
}

/**
 * The first site admin, from the command line (`kinship admin create`): an account like any other, with the
 * site_admin role, which works once they sign in and set up a second factor. Returns their recovery codes.
 */
export async function createSiteAdmin(
  database: DatabaseHandle,
  input: { handle: string; password: string },
  now = new Date(),
): Promise<{ accountId: number; recoveryCodes: string[] }> {
  const handle = handleSchema.safeParse(input.handle);
  if (!handle.success) throw validationFailed([{ field: 'handle', message: handle.error.issues[0]?.message ?? 'is not valid' }]);
  const password = newPasswordSchema.safeParse(input.password);
  if (!password.success) throw validationFailed([{ field: 'password', message: 'must be at least 12 characters' }]);
  assertStrongPassword(input.password, [handle.data], 'password');
  const passwordHash = await hashPassword(input.password);
  const iso = now.toISOString();
  return withWriteTransaction(database, async (tx) => {
    const key = handleKey(handle.data);
    if (await findAccountByHandleKey(tx, key)) throw conflict(`The handle "${handle.data}" is taken.`);
    const accountId = await insertAccount(tx, {
      handle: handle.data,
      handle_key: key,
      password_hash: passwordHash,
      created_at: iso,
      updated_at: iso,
    });
    await insertGrant(tx, accountId, 'site_admin', '', iso);
    await appendAudit(
      tx,
      { actorId: null, action: 'role.granted', targetAccountId: accountId, detail: { role: 'site_admin', via: 'cli' } },
      iso,
    );
    return { accountId, recoveryCodes: await issueRecoveryCodes(tx, accountId) };
  });
}
