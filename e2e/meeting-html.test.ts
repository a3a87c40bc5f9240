import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import {
  axeViolations,
  chromiumPath,
  foreignRequests,
  launchBrowser,
  recordRequests,
  startSite,
  type Site,
} from './helpers/harness.js';

// The Malvern meeting of the aasepia feed: in person on Tuesdays, with coordinates.
const SLUG = 'meeting-225-lancaster-ave-malvern-pa-19355-usa-2-090000';

describe.runIf(chromiumPath)('server-rendered meeting page with JavaScript off, in real Chromium', () => {
  let site: Site;
  let browser: Browser;
  let path: string;
  let name: string;

  beforeAll(async () => {
    site = await startSite({ fixture: 'aasepia', timezone: 'America/New_York' });
    browser = await launchBrowser();
    const search = await site.app.inject(
      '/api/meetings?lat=40.0362&lng=-75.5138&radius=5&day=2&tz=America/New_York&online=exclude&limit=100',
    );
    const hit = search
      .json<{ results: { meeting: { id: number; slug: string; name: string } }[] }>()
      .results.find((r) => r.meeting.slug === SLUG);
    if (!hit) throw new Error(`fixture meeting ${SLUG} not found`);
    path = `/meetings/${hit.meeting.id}`;
    name = hit.meeting.name;
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** A page with JavaScript turned off, as some people browse (and as crawlers read it). */
  const noJsPage = async (options: BrowserContextOptions = {}) =>
    (await browser.newContext({ ...options, javaScriptEnabled: false })).newPage();

  /**
   * axe runs as a script in the page, so it cannot run with JavaScript off. It scans the same server-rendered
   * document with the app's own scripts blocked instead: nothing replaces the server's HTML.
   */
  const axeWithoutApp = async (url: string, options: BrowserContextOptions = {}): Promise<string[]> => {
    const context = await browser.newContext(options);
    await context.route(
      (u) => u.pathname.endsWith('.js'),
      (route) => route.abort(),
    );
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const violations = await axeViolations(page);
    await context.close();
    return violations;
  };

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the meeting and its directions, and passes axe (${colorScheme} scheme)`, async () => {
      const page = await noJsPage({ colorScheme, viewport: { width: 360, height: 640 } });
      const urls = recordRequests(page.context());
      await page.goto(site.baseUrl + path);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
      const directions = page.getByRole('link', { name: 'Directions (opens your maps app)' });
      expect(await directions.isVisible()).toBe(true);
      expect(await directions.getAttribute('href')).toMatch(/^geo:40\.\d+,-75\.\d+\?q=/);
      expect(await page.getByRole('link', { name: /Add to your calendar/ }).getAttribute('href')).toBe(
        `/api${path}/calendar.ics`,
      );
      expect(await page.getByRole('heading', { level: 2, name: 'Report a correction' }).isVisible()).toBe(true);
      expect(foreignRequests(urls, site.baseUrl)).toEqual([]);
      await page.context().close();
      expect(await axeWithoutApp(site.baseUrl + path, { colorScheme })).toEqual([]);
    });
  }

  it('sends a correction through the plain form and shows the confirmation, which passes axe', async () => {
    const page = await noJsPage();
    await page.goto(site.baseUrl + path);
    await page.getByLabel('What is wrong?').selectOption('time');
    await page.getByLabel('What should it say?').fill('It starts at 9:30 now.');
    await page.getByRole('button', { name: 'Send the correction' }).click();
    await page.waitForURL(/correction=received/);
    expect(await page.getByRole('status').textContent()).toContain('Thank you. Your correction was sent');
    const confirmation = page.url();
    await page.context().close();
    for (const colorScheme of ['light', 'dark'] as const) expect(await axeWithoutApp(confirmation, { colorScheme })).toEqual([]);
  });

  it('is in Spanish for a Spanish browser', async () => {
    const page = await noJsPage({ locale: 'es-ES' });
    await page.goto(site.baseUrl + path);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.getByRole('link', { name: 'Cómo llegar (abre tu aplicación de mapas)' }).isVisible()).toBe(true);
    await page.context().close();
    expect(await axeWithoutApp(site.baseUrl + path, { locale: 'es-ES' })).toEqual([]);
  });
});
