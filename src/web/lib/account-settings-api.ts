import { apiRequest, type Account, type SessionState } from './account-api.js';

/**
 * The member's own account (`/api/account/*`) and people administration (`/api/admin/*`), for the account and people
 * pages. Shapes are those of src/shared/schemas/accounts.ts and the routes in src/server/modules/accounts/routes/,
 * repeated as types only so zod stays out of the page.
 */

export type RoleName = Account['roles'][number]['role'];

export interface SettingsPatch {
  email?: string | null;
  language?: 'en' | 'es';
  time_zone?: string | null;
  discreet?: boolean;
  accept_guidelines?: true;
}

export interface SessionSummary {
  id: string;
  label: string;
  created_at: string;
  last_seen_at: string;
  current: boolean;
}

export interface TotpSetup {
  challenge: string;
  secret: string;
  uri: string;
  /** The QR code's modules row by row, '1' dark: the page draws it, no image service. */
  qr: { size: number; rows: string[] };
}

export interface Passkey {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** The parts of the export also offered as CSV (EXPORT_SECTIONS in src/server/modules/accounts/my-data-service.ts). */
export const EXPORT_SECTIONS = [
  'sessions',
  'passkeys',
  'roles',
  'recovery_codes',
  'audit_log',
  'attendance',
  'attendance_proofs',
] as const;

export const updateSettings = (patch: SettingsPatch) => apiRequest<Account>('PATCH', '/api/account', patch);
export const changePassword = (current_password: string, new_password: string) =>
  apiRequest<SessionState>('POST', '/api/account/password', { current_password, new_password });

export const listSessions = () => apiRequest<{ sessions: SessionSummary[] }>('GET', '/api/account/sessions');
export const endSession = (id: string) => apiRequest<{ ok: true }>('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`);
export const signOutEverywhere = () => apiRequest<SessionState>('POST', '/api/auth/sign-out-everywhere');

export const beginTotpSetup = () => apiRequest<TotpSetup>('POST', '/api/account/totp/setup');
export const enableTotp = (challenge: string, code: string) =>
  apiRequest<SessionState>('POST', '/api/account/totp/enable', { challenge, code });
export const disableTotp = (password: string) => apiRequest<Account>('POST', '/api/account/totp/disable', { password });
export const newRecoveryCodes = (password: string) =>
  apiRequest<{ recovery_codes: string[] }>('POST', '/api/account/recovery-codes', { password });

export const listPasskeys = () => apiRequest<{ passkeys: Passkey[] }>('GET', '/api/account/passkeys');
export const passkeyOptions = (password: string) =>
  apiRequest<{ options: unknown }>('POST', '/api/account/passkeys/options', { password });
export const addPasskey = (name: string, response: unknown) =>
  apiRequest<{ passkey: Passkey }>('POST', '/api/account/passkeys', { name, response });
export const removePasskey = (id: number) => apiRequest<{ ok: true }>('DELETE', `/api/account/passkeys/${id}`);

export const deleteAccount = (password: string, posts: 'delete' | 'keep') =>
  apiRequest<SessionState>('POST', '/api/account/delete', { password, posts });

export interface AdminAccount {
  id: number;
  handle: string;
  created_at: string;
  two_factor: boolean;
  roles: { role: RoleName; scope?: string }[];
}

export interface AuditEntry {
  id: number;
  action: string;
  actor: string | null;
  target: { kind: string; id: string } | null;
  target_account: string | null;
  detail: Record<string, unknown>;
  created_at: string;
}

export function listAccounts(query: { prefix?: string; after?: string; limit?: number }) {
  const params = new URLSearchParams();
  if (query.prefix) params.set('prefix', query.prefix);
  if (query.after) params.set('after', query.after);
  if (query.limit) params.set('limit', String(query.limit));
  const qs = params.toString();
  return apiRequest<{ accounts: AdminAccount[]; next_after: string | null }>('GET', `/api/admin/accounts${qs ? `?${qs}` : ''}`);
}

export const changeRole = (accountId: number, role: RoleName, grant: boolean, scope?: string) =>
  apiRequest<AdminAccount>(grant ? 'PUT' : 'DELETE', `/api/admin/accounts/${accountId}/roles/${role}`, scope ? { scope } : {});

export function listAudit(query: { before?: number; limit?: number }) {
  const params = new URLSearchParams();
  if (query.before) params.set('before', String(query.before));
  if (query.limit) params.set('limit', String(query.limit));
  const qs = params.toString();
  return apiRequest<{ entries: AuditEntry[]; next_before: number | null }>('GET', `/api/admin/audit${qs ? `?${qs}` : ''}`);
}
