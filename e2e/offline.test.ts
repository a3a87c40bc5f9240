import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, chromiumPath, launchBrowser, startSite } from './helpers/harness.js';

describe.runIf(chromiumPath)('the installable app offline, in real Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is installable, and opens every page with the server gone and the device offline, saying it is offline', async () => {
    const site = await startSite();
    let closed = false;
    try {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
      const page = await context.newPage();
      await page.goto(site.baseUrl);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const manifest = (await (await fetch(`${site.baseUrl}/manifest.webmanifest`)).json()) as {
        start_url: string;
        icons: unknown[];
      };
      expect(manifest.start_url).toBe('/');
      expect(manifest.icons.length).toBeGreaterThan(0);
      // The worker installs (caching the whole build) and takes control of this page.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });

      // Truly unreachable: the server stops, and the browser is told it is offline.
      await site.close();
      closed = true;
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: "You don't have to do this alone" }).waitFor();
      await page.getByText('You are offline.').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // A page never visited, loaded lazily, opens from the cache too; so does a direct load of its URL.
      await page.getByRole('link', { name: 'Find a group that fits you' }).click();
      await page.getByRole('heading', { level: 1, name: 'Find a group that fits' }).waitFor();
      await page.goto(`${site.baseUrl}/help`);
      await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
      expect(await page.getByRole('link', { name: 'Call 988' }).count()).toBe(1);

      await context.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByText('You are offline.').waitFor({ state: 'detached' });
      await context.close();
    } finally {
      if (!closed) await site.close();
    }
  });
});
