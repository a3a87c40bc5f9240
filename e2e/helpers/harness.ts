import { afterAll, beforeAll, inject } from 'vitest';
import type {} from '../../test/setup/provided-context.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchChromium, type Site, startSite } from '../../test/helpers/site.js';

export { type Site, startSite } from '../../test/helpers/site.js';

export const chromiumPath = inject('chromiumPath');

/**
 * For a suite: the site (see startSite) and Chromium, started before its tests and stopped after them. Read them
 * through the getters inside tests.
 */
export function siteAndBrowser(options: Parameters<typeof startSite>[0] = {}): { site: () => Site; browser: () => Browser } {
  let site: Site | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await startSite(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return { site: () => site!, browser: () => browser! };
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium(chromiumPath!);
}

/**
 * Records the Content-Security-Policy violations of every page of `context` (what the browser blocked, and by which
 * directive); read them with cspViolations(page). A blocked script or style is a page that breaks.
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/** Every URL the page requests, so tests can assert none leaves our origin. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** Hosts other than our own that were contacted (data: and blob: are local). */
export function foreignRequests(urls: string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
}

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules; returns violations in a readable form. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
