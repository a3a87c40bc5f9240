import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  chromiumPath,
  cspViolations,
  foreignRequests,
  recordCspViolations,
  recordRequests,
  siteAndBrowser,
} from './helpers/harness.js';

/** Every page of the app; "Get help now" must be one tap away on each. Pages added later join this list. */
const PAGES = [
  '/',
  '/meetings',
  '/meetings/:id',
  '/find-a-group',
  '/saved',
  '/help',
  '/sign-up',
  '/sign-in',
  '/recover',
  '/forgot',
  '/reset',
  '/guidelines',
  '/rooms/1',
  '/no-such-page',
];

describe.runIf(chromiumPath)('"Get help now" in real Chromium', () => {
  const { site, browser } = siteAndBrowser({ fixture: 'aasepia' });

  it('is on screen, without scrolling, on every page of a 360×640 phone, one tap opens the help lines, no page asks another host for anything, and the CSP blocks nothing', async () => {
    const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
    const urls = recordRequests(context);
    await recordCspViolations(context);
    const page = await context.newPage();
    const search = (await (await fetch(`${site().baseUrl}/api/meetings?limit=1`)).json()) as {
      results: { meeting: { id: number } }[];
    };
    const id = String(search.results[0]!.meeting.id);
    for (const path of PAGES.map((p) => p.replace(':id', id))) {
      await page.goto(site().baseUrl + path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Nothing the page needs is blocked by the Content-Security-Policy.
      expect(await cspViolations(page), path).toEqual([]);
      // The header's link (a page may offer another, as the signed-out room page does).
      const help = page.getByRole('link', { name: 'Get help now' }).first();
      const box = await help.boundingBox();
      expect(box, path).not.toBeNull();
      expect(box!.y + box!.height, path).toBeLessThanOrEqual(640);
      await help.click();
      await page.getByRole('heading', { level: 1, name: 'Get help now' }).waitFor();
    }
    expect(foreignRequests(urls, site().baseUrl)).toEqual([]);
    await context.close();
  });

  it("puts the browser's country first, with its emergency number, and remembers the country chosen", async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser().newContext({ locale: 'en-GB', colorScheme });
      const page = await context.newPage();
      await page.goto(`${site().baseUrl}/help`);
      const first = page.locator('main section').first();
      await first.getByRole('heading', { level: 2, name: 'United Kingdom' }).waitFor();
      expect(await first.getByRole('link', { name: 'Call 999' }).count()).toBe(1);
      expect(await first.getByRole('link', { name: 'Call 116 123' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel('Your country').selectOption('AU');
      await page.reload();
      await first.getByRole('heading', { level: 2, name: 'Australia' }).waitFor();
      expect(await first.getByRole('link', { name: 'Call 13 11 14' }).count()).toBe(1);
      expect(await first.getByRole('link', { name: 'Call 000' }).count()).toBe(1);
      // Every other country's lines are still on the page.
      expect(await page.getByRole('link', { name: 'Call 988' }).count()).toBe(1);
      await context.close();
    }
  });
});
