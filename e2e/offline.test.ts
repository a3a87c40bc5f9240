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

  it('is installable, and opens every page, saved meetings and a meeting seen before with the server gone and the device offline', async () => {
    const site = await startSite({ fixture: 'aasepia' });
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
      // Results seen while online, once the worker is in control (before, nothing passes through it to be kept).
      await page.goto(`${site.baseUrl}/meetings?q=serenity`);
      const firstResult = await page.locator('.finder-results h3 a').first().textContent();
      // A meeting seen and saved while online.
      const search = (await (await fetch(`${site.baseUrl}/api/meetings?limit=1&sort=name`)).json()) as {
        results: { meeting: { id: number; name: string } }[];
      };
      const meeting = search.results[0]!.meeting;
      await page.goto(`${site.baseUrl}/meetings/${meeting.id}`);
      await page.getByRole('heading', { level: 1, name: meeting.name }).waitFor();
      await page.getByRole('button', { name: 'Save on this device' }).click();
      await page.getByRole('button', { name: 'Save on this device', pressed: true }).waitFor();
      await page.goto(site.baseUrl);
      await page.getByRole('heading', { level: 1 }).waitFor();

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

      // The last results of a search are there too.
      await page.goto(`${site.baseUrl}/meetings?q=serenity`);
      expect(await page.locator('.finder-results h3 a').first().textContent()).toBe(firstResult);
      // Saved meetings are on the device, and the meeting's page answers from the last answer the worker kept.
      await page.goto(`${site.baseUrl}/saved`);
      await page.getByRole('link', { name: meeting.name }).click();
      await page.getByRole('heading', { level: 1, name: meeting.name }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await context.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByText('You are offline.').waitFor({ state: 'detached' });
      await context.close();
    } finally {
      if (!closed) await site.close();
    }
  });
});
