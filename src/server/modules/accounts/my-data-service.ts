import { withWriteTransaction } from '../../db/index.js';
import type { DbOrTx } from '../../db/types.js';
import { appendAudit } from '../audit/repository.js';
import { accountView } from './account-view.js';
import { deleteAccountRow, findAccountById } from './repository/accounts.js';
import { eraseGroupTraces, GROUP_SECTIONS } from '../groups/my-data.js';
import type { AuthDeps } from './auth-service.js';
import type { AccountExport } from '../../../shared/schemas/accounts.js';

type Cell = string | number | boolean | null;

/**
 * One part of a member's data, as the export shows it. Every feature that stores something about a person adds a
 * section here, and the deletion test checks that deleting the account leaves nothing of it behind.
 */
interface Section {
  name: string;
  read(db: DbOrTx, accountId: number): Promise<Record<string, Cell>[]>;
}

const SECTIONS: Section[] = [
  {
    name: 'sessions',
    read: (db, id) =>
      db
        .selectFrom('sessions')
        .select(['label', 'created_at', 'last_seen_at', 'expires_at'])
        .where('account_id', '=', id)
        .orderBy('created_at')
        .execute(),
  },
  {
    name: 'passkeys',
    read: (db, id) =>
      db
        .selectFrom('passkeys')
        .select(['name', 'created_at', 'last_used_at'])
        .where('account_id', '=', id)
        .orderBy('id')
        .execute(),
  },
  {
    name: 'roles',
    read: (db, id) =>
      db.selectFrom('role_grants').select(['role', 'scope', 'created_at']).where('account_id', '=', id).orderBy('id').execute(),
  },
  {
    name: 'recovery_codes',
    // The codes themselves are only stored hashed; the export says how many were used and when.
    read: (db, id) => db.selectFrom('recovery_codes').select(['used_at']).where('account_id', '=', id).orderBy('id').execute(),
  },
  {
    name: 'audit_log',
    read: (db, id) =>
      db
        .selectFrom('audit_log')
        .select(['action', 'target_kind', 'target_id', 'detail', 'created_at'])
        .where((eb) => eb.or([eb('actor_id', '=', id), eb('target_account_id', '=', id)]))
        .orderBy('id')
        .execute(),
  },
  // Online groups (issue 7): memberships, posts, reactions, chat messages, reports sent, blocks, restrictions.
  ...GROUP_SECTIONS,
  {
    // Live meetings the member chose to record attending (issue 7).
    name: 'attendance',
    read: (db, id) =>
      db
        .selectFrom('attendance')
        .select(['group_name', 'meeting_title', 'occurrence_at', 'created_at'])
        .where('account_id', '=', id)
        .orderBy('id')
        .execute(),
  },
  {
    // Proofs of attendance they asked for, with what each states (and its signature once issued).
    name: 'attendance_proofs',
    read: (db, id) =>
      db
        .selectFrom('attendance_proofs')
        .select(['id', 'status', 'statement', 'signature', 'created_at', 'issued_at'])
        .where('account_id', '=', id)
        .orderBy('created_at')
        .execute(),
  },
];

export const EXPORT_SECTIONS = SECTIONS.map((s) => s.name);

/** Everything Kinship holds about the member, and the export itself is recorded in the audit log. */
export async function exportAccount(deps: AuthDeps, accountId: number): Promise<AccountExport> {
  const db = deps.database.db;
  const now = deps.now().toISOString();
  await appendAudit(db, { actorId: accountId, action: 'account.exported', targetAccountId: accountId }, now);
  const sections: Record<string, Record<string, Cell>[]> = {};
  for (const section of SECTIONS) sections[section.name] = await section.read(db, accountId);
  return { format: 'kinship-account-export', version: 1, exported_at: now, account: await accountView(db, accountId), sections };
}

/** One tabular section as CSV (RFC 4180), for spreadsheets. */
export async function exportSectionCsv(deps: AuthDeps, accountId: number, name: string): Promise<string | undefined> {
  const section = SECTIONS.find((s) => s.name === name);
  if (!section) return undefined;
  const rows = await section.read(deps.database.db, accountId);
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  const cell = (v: Cell) => {
    const text = v === null ? '' : String(v);
    // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? null)).join(','))].join('\r\n') + '\r\n';
}

/**
 * Deletes the account and with it every row about the person (foreign keys cascade; the audit log loses the link).
 * `posts` is the member's choice for what they wrote in online groups: delete it (the text is erased first), or keep
 * it under "former member". The deletion itself is recorded with no personal data.
 */
export async function deleteAccount(deps: AuthDeps, accountId: number, posts: 'delete' | 'keep'): Promise<void> {
  const now = deps.now().toISOString();
  await withWriteTransaction(deps.database, async (tx) => {
    const account = await findAccountById(tx, accountId);
    if (account) await eraseGroupTraces(tx, accountId, account.handle, posts, now);
    await deleteAccountRow(tx, accountId);
    await appendAudit(tx, { actorId: null, action: 'account.deleted', detail: { posts } }, now);
  });
}
