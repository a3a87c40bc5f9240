import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  chromiumPath,
  cspViolations,
  foreignRequests,
  recordCspViolations,
  recordRequests,
  siteAndBrowser,
  startSite,
} from './helpers/harness.js';

describe.runIf(chromiumPath)('web shell in real Chromium', () => {
  const { site, browser } = siteAndBrowser();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`home page passes axe WCAG 2.2 AA with zero violations (${colorScheme} scheme)`, async () => {
      const context = await browser().newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(site().baseUrl);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('has a skip link first in tab order, landmarks, and "Get help now" visible', async () => {
    const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    await page.goto(site().baseUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
      expect(await page.getByRole(role).count()).toBeGreaterThan(0);
    }
    const help = page.getByRole('link', { name: 'Get help now' });
    expect(await help.isVisible()).toBe(true);
    await help.click();
    await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
    expect(await page.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
    expect(await page.getByText('Samaritans').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('switches to Spanish, keeps the choice on reload, and tells the server through a language cookie', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(site().baseUrl);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'No tienes que hacerlo en soledad' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    // The choice reaches pages the server renders (a meeting's page) through a cookie holding only the language.
    const cookies = await context.cookies();
    expect(cookies.filter((c) => c.name.startsWith('kinship'))).toEqual([
      expect.objectContaining({ name: 'kinship.lang', value: 'es', path: '/', sameSite: 'Lax' }),
    ]);
    await page.reload();
    await page.getByRole('link', { name: 'Ayuda inmediata' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('requests nothing from any host but its own, on the app pages and the API docs', async () => {
    const context = await browser().newContext();
    const urls = recordRequests(context);
    await recordCspViolations(context);
    const page = await context.newPage();
    for (const path of ['/', '/help', '/no-such-page', '/api/docs/']) {
      await page.goto(site().baseUrl + path, { waitUntil: 'networkidle' });
    }
    await page.getByText('Kinship API').first().waitFor();
    // The API docs render under the site's Content-Security-Policy: nothing of theirs is blocked.
    expect(await cspViolations(page)).toEqual([]);
    expect(urls.length).toBeGreaterThan(5);
    expect(foreignRequests(urls, site().baseUrl)).toEqual([]);
    await context.close();
  });
});

describe.runIf(chromiumPath)('the served build', () => {
  it('is a production build of React', async () => {
    const site = await startSite();
    try {
      const html = await (await fetch(site.baseUrl)).text();
      const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
      expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);
      const js = await (await fetch(site.baseUrl + entry!)).text();
      // Messages only React's development build carries. A test run once built
      // the app with NODE_ENV=test, which bundled it (and StrictMode's double effects).
      expect(js).not.toContain('Each child in a list should have a unique');
      expect(js).not.toContain('cannot be a child of');
    } finally {
      await site.close();
    }
  });
});
