import type { Account } from '../../../shared/schemas/accounts.js';
import type { Grant } from '../../security/actor.js';
import type { AccountRow } from './repository/accounts.js';
import type { SessionRow } from './repository/sessions.js';

export function presentAccount(
  row: AccountRow,
  grants: Grant[],
  extra: { passkeys: number; recoveryCodesLeft: number },
): Account {
  return {
    id: row.id,
    handle: row.handle,
    email: row.email,
    language: row.language === 'es' ? 'es' : 'en',
    time_zone: row.time_zone,
    discreet: row.discreet === 1,
    guidelines:
      row.guidelines_version && row.guidelines_accepted_at
        ? { version: row.guidelines_version, accepted_at: row.guidelines_accepted_at }
        : null,
    two_factor: { totp: row.totp_enabled_at !== null, passkeys: extra.passkeys },
    roles: grants.map((g) => (g.scope ? { role: g.role, scope: g.scope } : { role: g.role })),
    recovery_codes_left: extra.recoveryCodesLeft,
    created_at: row.created_at,
  };
}

export function presentSession(row: SessionRow, currentId: string | undefined) {
  return {
    id: row.id,
    label: row.label,
    created_at: row.created_at,
    last_seen_at: row.last_seen_at,
    current: row.id === currentId,
  };
}
