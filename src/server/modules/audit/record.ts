import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../security/actor.js';
import { appendAudit, type AuditEntry } from './repository.js';

/**
 * Records a privileged action by whoever is acting. An operator (the ADMIN_TOKEN) has no account, so its entries
 * have no actor and say `via: operator`.
 */
export async function recordAudit(db: DbOrTx, actor: Actor, entry: Omit<AuditEntry, 'actorId'>, now = new Date()): Promise<void> {
  const actorId = actor.kind === 'member' ? actor.accountId : null;
  const detail = actor.kind === 'operator' ? { ...entry.detail, via: 'operator' } : entry.detail;
  await appendAudit(db, { ...entry, actorId, ...(detail ? { detail } : {}) }, now.toISOString());
}
