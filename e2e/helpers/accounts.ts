import type { Page } from 'playwright-core';
export { STRONG_PASSWORD } from '../../test/helpers/session-client.js';

/*
 * Accounts for the browser tests, made through the API from the page itself, so the browser holds the session
 * cookie exactly as after signing in on a page (the sign-in pages are tested on their own).
 */

export interface PageResponse<T> {
  status: number;
  body: T;
}

/**
 * One JSON request from the page's context (same origin, its cookies). State-changing requests on a session carry
 * its CSRF token, read first from GET /api/session.
 */
export function apiFromPage<T = unknown>(page: Page, method: string, path: string, body?: unknown): Promise<PageResponse<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrf_token: string | null };
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (session.csrf_token) headers['x-csrf-token'] = session.csrf_token;
      const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, body },
  );
}

/** Opens the site at `path` and signs up `handle` from there; the page then holds the new session. */
export async function signUpFromPage(
  page: Page,
  baseUrl: string,
  handle: string,
  password: string,
  extra: Record<string, unknown> = {},
): Promise<{ recovery_codes: string[] }> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/help`);
  const res = await apiFromPage<{ recovery_codes: string[] }>(page, 'POST', '/api/auth/sign-up', { handle, password, ...extra });
  if (res.status !== 201) throw new Error(`sign-up of ${handle} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs in from the page with a password, and a TOTP code when the account asks for one. */
export async function signInFromPage(page: Page, handle: string, password: string, code?: () => string): Promise<void> {
  const first = await apiFromPage<{ status: string; challenge?: string }>(page, 'POST', '/api/auth/sign-in', {
    handle,
    password,
  });
  if (first.status !== 200) throw new Error(`sign-in of ${handle} answered ${first.status}`);
  if (first.body.status === 'signed_in') return;
  if (!code) throw new Error(`${handle} needs a second factor`);
  const second = await apiFromPage(page, 'POST', '/api/auth/sign-in/second-factor', {
    challenge: first.body.challenge,
    code: code(),
  });
  if (second.status !== 200)
    throw new Error(`second factor of ${handle} answered ${second.status}: ${JSON.stringify(second.body)}`);
}
