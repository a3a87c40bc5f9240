import type { DbOrTx } from '../../db/types.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  target?: { kind: string; id: string };
  targetAccountId?: number;
  /** Facts about the action with no personal data: a role name, a source id, a count. */
  detail?: Record<string, string | number | boolean>;
}

/** Appends to the audit log; the table refuses edits and deletes, so this is the only write there is. */
export async function appendAudit(db: DbOrTx, entry: AuditEntry, now: string): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_kind: entry.target?.kind ?? null,
      target_id: entry.target?.id ?? null,
      target_account_id: entry.targetAccountId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      created_at: now,
    })
    .execute();
}

export interface AuditRow {
  id: number;
  action: string;
  actor_handle: string | null;
  actor_id: number | null;
  target_kind: string | null;
  target_id: string | null;
  target_account_id: number | null;
  target_handle: string | null;
  detail: string;
  created_at: string;
}

/** The log newest first, with handles for accounts that still exist. */
export function listAudit(db: DbOrTx, limit: number, before: number | undefined): Promise<AuditRow[]> {
  let q = db
    .selectFrom('audit_log as l')
    .leftJoin('accounts as a', 'a.id', 'l.actor_id')
    .leftJoin('accounts as t', 't.id', 'l.target_account_id')
    .select([
      'l.id',
      'l.action',
      'l.actor_id',
      'a.handle as actor_handle',
      'l.target_kind',
      'l.target_id',
      'l.target_account_id',
      't.handle as target_handle',
      'l.detail',
      'l.created_at',
    ])
    .orderBy('l.id', 'desc')
    .limit(limit);
  if (before !== undefined) q = q.where('l.id', '<', before);
  return q.execute();
}
