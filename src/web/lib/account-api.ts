/**
 * Requests to the accounts API (`/api/session`, `/api/auth/*`, `/api/account/*`, `/api/admin/*`). The shapes are
 * in src/shared/schemas/accounts.ts; they are repeated here as types only, so zod stays out of the page.
 *
 * Every state-changing request carries the session's CSRF token in `x-csrf-token` (the server refuses it
 * otherwise). The token lives in memory only, from `GET /api/session`, never in storage a script could read later.
 */

export interface Account {
  id: number;
  handle: string;
  email: string | null;
  language: 'en' | 'es';
  time_zone: string | null;
  discreet: boolean;
  guidelines: { version: string; accepted_at: string } | null;
  two_factor: { totp: boolean; passkeys: number };
  roles: { role: 'facilitator' | 'moderator' | 'org_admin' | 'site_admin'; scope?: string }[];
  recovery_codes_left: number;
  created_at: string;
}

export interface SessionState {
  account: Account | null;
  csrf_token: string | null;
  second_factor: boolean;
}

/** An API error as the server sends it (`{ error: { code, message, details? } }`); status 0 means the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait, from Retry-After, when the server throttled the request. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the token of the session in use; called whenever a session state arrives. */
export function rememberCsrf(state: { csrf_token: string | null } | null | undefined) {
  if (state && 'csrf_token' in state) csrfToken = state.csrf_token;
}

/** One JSON request. Unsafe methods carry the CSRF token; errors become ApiError with the server's code. */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const retry = Number(res.headers.get('retry-after'));
    throw new ApiError(
      res.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${res.status}`,
      error?.details,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
  rememberCsrf(parsed as SessionState | undefined);
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const getSessionState = () => apiRequest<SessionState>('GET', '/api/session');
