import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * A browser-like client for `app.inject`: keeps the session cookie the server sets and sends the CSRF token it was
 * given, as the web app does. `raw` requests skip both, for tests of what happens without them.
 */
export class SessionClient {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(
    readonly app: FastifyInstance,
    readonly cookieName = 'kinship_session',
  ) {}

  async request(options: InjectOptions & { raw?: boolean }): Promise<LightMyRequestResponse> {
    const { raw, ...rest } = options;
    const headers: Record<string, string> = { ...(rest.headers as Record<string, string> | undefined) };
    if (!raw && this.cookie) headers.cookie = `${this.cookieName}=${this.cookie}`;
    if (!raw && this.csrf && rest.method && rest.method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ ...rest, headers });
    this.remember(res);
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: unknown) {
    return this.request({
      method: 'POST',
      url,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  }

  /** Picks up a new or cleared cookie and the CSRF token of a session answer. */
  private remember(res: LightMyRequestResponse): void {
    const set = res.cookies.find((c) => c.name === this.cookieName);
    if (set) this.cookie = set.value === '' || (set.maxAge !== undefined && set.maxAge <= 0) ? undefined : set.value;
    if (res.headers['content-type']?.toString().startsWith('application/json')) {
      const body = res.json<{ csrf_token?: string | null }>();
      if (body && typeof body === 'object' && 'csrf_token' in body) this.csrf = body.csrf_token ?? undefined;
    }
  }

  /** Signs up with a strong password; returns the recovery codes. */
  async signUp(handle: string, password = STRONG_PASSWORD, extra: Record<string, unknown> = {}): Promise<string[]> {
    const res = await this.post('/api/auth/sign-up', { handle, password, ...extra });
    if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
    return res.json<{ recovery_codes: string[] }>().recovery_codes;
  }

  async signIn(handle: string, password = STRONG_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/sign-in', { handle, password });
  }
}

/** Strong enough for the offline strength check, and the same everywhere so tests read simply. */
export const STRONG_PASSWORD = 'lantern orchard quietly 47 rivers';
