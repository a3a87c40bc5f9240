import type { BrowserContext, Page } from 'playwright-core';

/** Strong enough for the server's offline strength check (test/helpers/session-client.ts uses the same). */
export const STRONG_PASSWORD = 'lantern orchard quietly 47 rivers';

let counter = 0;
/** A handle no other test of this run uses. */
export const uniqueHandle = (prefix = 'member') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface ApiAccount {
  handle: string;
  password: string;
  codes: string[];
  csrf: string;
}

/**
 * Signs up through the API with the context's own cookie jar (so the browser pages of `context` are signed in too),
 * as a test's set-up rather than what it checks.
 */
export async function signUpViaApi(context: BrowserContext, baseUrl: string, handle = uniqueHandle()): Promise<ApiAccount> {
  const res = await context.request.post(`${baseUrl}/api/auth/sign-up`, { data: { handle, password: STRONG_PASSWORD } });
  if (res.status() !== 201) throw new Error(`sign-up failed: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { recovery_codes: string[]; csrf_token: string };
  return { handle, password: STRONG_PASSWORD, codes: body.recovery_codes, csrf: body.csrf_token };
}

/** A state-changing API call as the signed-in member of `context`. */
export async function apiPost<T>(
  context: BrowserContext,
  url: string,
  csrf: string,
  data?: unknown,
  method = 'POST',
): Promise<T> {
  const res = await context.request.fetch(url, {
    method,
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  if (!res.ok()) throw new Error(`${method} ${url} failed: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Fills the sign-in form and submits it. */
export async function fillSignIn(page: Page, handle: string, password: string): Promise<void> {
  await page.getByLabel('Nickname (handle)').fill(handle);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Whether the page scrolls sideways (a layout too wide for the viewport). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
