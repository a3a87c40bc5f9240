import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, chromiumPath, foreignRequests, recordRequests, siteAndBrowser } from './helpers/harness.js';

const ZONE = 'America/New_York';
const MALVERN = 'geonames:5199600';

describe.runIf(chromiumPath)('the home page in real Chromium', () => {
  const { site, browser } = siteAndBrowser({ fixture: 'aasepia', timezone: ZONE });

  /** What the API says starts within the hour for these parameters: the page must agree, whatever the hour. */
  const soon = async (params: Record<string, string>) => {
    const q = new URLSearchParams({ ...params, when: 'soon', sort: 'soonest', tz: ZONE, limit: '5' });
    return (await (await fetch(`${site().baseUrl}/api/meetings?${q.toString()}`)).json()) as {
      total: number;
      results: { meeting: { name: string } }[];
    };
  };

  const expectList = async (page: Page, heading: string, expected: Awaited<ReturnType<typeof soon>>, none: RegExp) => {
    const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: heading }) });
    if (expected.total === 0) {
      await section.getByText(none).waitFor();
    } else {
      await section.locator('.finder-results > li').first().waitFor();
      expect(await section.locator('.finder-results h3 a').allTextContents()).toEqual(
        expected.results.map((r) => r.meeting.name),
      );
    }
  };

  it('answers "what can I join soon?": online within the hour at once, near a typed place on request', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser().newContext({
        timezoneId: ZONE,
        locale: 'en-US',
        colorScheme,
        viewport: { width: 360, height: 640 },
      });
      const urls = recordRequests(context);
      const page = await context.newPage();
      await page.goto(site().baseUrl);
      await expectList(page, 'Online, starting within the hour', await soon({ online: 'only' }), /No online meeting starts/);

      const box = page.getByRole('combobox', { name: 'Near a place' });
      await box.fill('Malvern, PA');
      await page.getByRole('option', { name: 'Malvern, Pennsylvania, United States' }).click();
      await expectList(
        page,
        'Starting soon near you',
        await soon({ near: MALVERN, online: 'exclude' }),
        /Nothing near .* starts/,
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'See every meeting near there' }).click();
      await page.waitForURL((u) => u.pathname === '/meetings' && u.searchParams.get('near') === MALVERN);
      expect(foreignRequests(urls, site().baseUrl)).toEqual([]);
      await context.close();
    }
  });

  it('asks for the position only after "Use my location" is tapped', async () => {
    const context = await browser().newContext({
      timezoneId: ZONE,
      locale: 'en-US',
      permissions: ['geolocation'],
      geolocation: { latitude: 40.0362, longitude: -75.5138 },
    });
    await context.addInitScript(() => {
      const w = window as unknown as { geoCalls: number };
      w.geoCalls = 0;
      const original = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
      navigator.geolocation.getCurrentPosition = (...args: Parameters<Geolocation['getCurrentPosition']>) => {
        w.geoCalls++;
        original(...args);
      };
    });
    const page = await context.newPage();
    await page.goto(site().baseUrl);
    await page.getByRole('heading', { level: 2, name: 'Starting soon near you' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { geoCalls: number }).geoCalls)).toBe(0);
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expectList(
      page,
      'Starting soon near you',
      await soon({ lat: '40.036', lng: '-75.514', online: 'exclude' }),
      /Nothing near/,
    );
    expect(await page.evaluate(() => (window as unknown as { geoCalls: number }).geoCalls)).toBe(1);
    await context.close();
  });

  it('searches by words from the home page', async () => {
    const context = await browser().newContext({ timezoneId: ZONE, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(site().baseUrl);
    await page.getByRole('searchbox', { name: 'Search meetings by name, place or words' }).fill('serenity');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/meetings' && u.searchParams.get('q') === 'serenity');
    await page.locator('.finder-results > li').first().waitFor();
    await context.close();
  });
});
