import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, chromiumPath, foreignRequests, recordRequests, siteAndBrowser } from './helpers/harness.js';

describe.runIf(chromiumPath)('"Find a group that fits" in real Chromium', () => {
  const { site, browser } = siteAndBrowser({ fixture: 'aasepia' });

  /** Answers: alcohol, no spirituality, cut down, online, women, Spanish. */
  async function answer(page: Page): Promise<void> {
    await page.getByRole('radio', { name: 'Alcohol' }).check();
    await page.getByRole('radio', { name: "I'd rather not" }).check();
    await page.getByRole('radio', { name: 'To cut down' }).check();
    await page.getByRole('radio', { name: 'Online' }).check();
    await page.getByRole('checkbox', { name: 'Women' }).check();
    await page.getByLabel('Language of the meeting').selectOption('S');
    await page.getByRole('button', { name: 'Show suggestions' }).click();
  }

  it('leads from the home page to suggestions in plain words and a prefilled search, with nothing asked of other hosts', async () => {
    const context = await browser().newContext({ viewport: { width: 360, height: 640 } });
    const urls = recordRequests(context);
    const page = await context.newPage();
    await page.goto(site().baseUrl);
    await page.getByRole('link', { name: 'Find a group that fits you' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find a group that fits' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await answer(page);
    const heading = page.getByRole('heading', { level: 2, name: 'Groups worth a look' });
    await heading.waitFor();
    // Focus moves to the suggestions, so a screen reader reads them next.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Groups worth a look');
    const names = await page.locator('.suggestions .card h3').allTextContents();
    // Cutting down, secular: the groups that welcome that goal first; Women for Sobriety offered to a woman.
    expect(names.slice(0, 2).sort()).toEqual(['Moderation Management', 'SMART Recovery']);
    expect(names).toContain('Women for Sobriety');
    expect(await page.getByText('Women: For women.').count()).toBe(1);
    expect(await page.getByText('Spanish: Held in Spanish.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const search = page.getByRole('link', { name: 'Search for these meetings' });
    const href = new URL((await search.getAttribute('href'))!, site().baseUrl);
    expect(href.pathname).toBe('/meetings');
    expect(Object.fromEntries(href.searchParams)).toMatchObject({ online: 'only', types: 'W,S', sort: 'soonest' });
    // The search it leads to runs with those filters: online only, women's meetings in Spanish.
    await search.click();
    await page.getByRole('heading', { level: 1, name: 'Find a meeting' }).waitFor();
    await page
      .locator('.finder-status')
      .filter({ hasText: /found|No meeting matches/ })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('online')).toBe('only');
    expect(foreignRequests(urls, site().baseUrl)).toEqual([]);
    await context.close();
  });

  it('reads in Spanish and passes axe in the dark scheme', async () => {
    const context = await browser().newContext({ colorScheme: 'dark', locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${site().baseUrl}/find-a-group`);
    await page.getByRole('heading', { level: 1, name: 'Encuentra un grupo a tu medida' }).waitFor();
    await page.getByRole('radio', { name: 'El juego' }).check();
    await page.getByRole('button', { name: 'Ver sugerencias' }).click();
    await page.getByRole('heading', { level: 2, name: 'Grupos que vale la pena conocer' }).waitFor();
    expect(await page.locator('.suggestions .card h3').allTextContents()).toEqual(['Jugadores Anónimos (GA)', 'SMART Recovery']);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
