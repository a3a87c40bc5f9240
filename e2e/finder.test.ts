import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { axeViolations, chromiumPath, foreignRequests, recordRequests, siteAndBrowser } from './helpers/harness.js';

const MALVERN = 'geonames:5199600';
const ZONE = 'America/New_York';

describe.runIf(chromiumPath)('the meeting finder results in real Chromium', () => {
  const { site, browser } = siteAndBrowser({ fixture: 'aasepia', timezone: ZONE });
  const base = () => site().baseUrl;

  const open = async (path: string, options: BrowserContextOptions = {}) => {
    const context = await browser().newContext({ timezoneId: ZONE, locale: 'en-US', ...options });
    const urls = recordRequests(context);
    const page = await context.newPage();
    await page.goto(base() + path);
    return { context, page, urls };
  };

  /** The total the API itself gives for a search, to hold the page's count against. */
  const apiTotal = async (query: string, units = 'mi') => {
    const res = await fetch(`${base()}/api/meetings?${query}&tz=${encodeURIComponent(ZONE)}&units=${units}&limit=1`);
    return ((await res.json()) as { total: number }).total;
  };

  const liveRegion = (page: Page) => page.locator('.finder-status[aria-live="polite"]');
  const waitForCount = (page: Page, count: number) =>
    liveRegion(page)
      .filter({ hasText: `${count} meeting${count === 1 ? '' : 's'} found` })
      .waitFor();
  /** The number in an option's accessible name, "Open (12)". */
  const countIn = async (page: Page, name: RegExp) =>
    Number(/\((\d+)\)$/.exec((await page.locator('label.finder-option').filter({ hasText: name }).textContent()) ?? '')?.[1]);

  it('searches near Malvern, PA on a Monday, narrows by type with facet counts, keeps it all in the URL', async () => {
    const { context, page, urls } = await open('/meetings', { viewport: { width: 360, height: 640 } });
    await page.getByRole('heading', { level: 1, name: 'Find a meeting' }).waitFor();

    const box = page.getByRole('combobox', { name: 'Near a place' });
    await box.fill('Malvern, PA');
    await page.getByRole('option', { name: 'Malvern, Pennsylvania, United States' }).click();
    await page.waitForURL((u) => u.searchParams.get('near') === MALVERN);

    await page.locator('summary', { hasText: 'Filters' }).click();
    await page.getByRole('radio', { name: /^Monday/ }).check();
    await page.waitForURL((u) => u.searchParams.get('day') === '1');
    const monday = await apiTotal(`near=${MALVERN}&day=1`);
    expect(monday).toBeGreaterThan(10);
    await waitForCount(page, monday);

    // Facet counts sit beside the options; "Open (N)" says how many ticking it leaves.
    const openCount = await countIn(page, /^Open \(/);
    const wheelchairBefore = await countIn(page, /^Wheelchair Access \(/);
    expect(openCount).toBeGreaterThan(0);
    expect(openCount).toBeLessThan(monday);
    await page.getByRole('checkbox', { name: /^Open \(/ }).check();
    await waitForCount(page, openCount);
    expect(openCount).toBe(await apiTotal(`near=${MALVERN}&day=1&types=O`));
    expect(await countIn(page, /^Wheelchair Access \(/)).toBeLessThan(wheelchairBefore);
    expect(await page.locator('summary').textContent()).toBe('Filters (2 on)');

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ near: MALVERN, day: '1', types: 'O' });
    const first = await page.locator('.finder-results h3 a').first().textContent();
    expect(await page.locator('.finder-results > li').count()).toBe(Math.min(20, openCount));
    // A result says when (in the viewer's zone), how to attend and how far.
    expect(await page.locator('.finder-results .finder-when').first().textContent()).toMatch(/^Monday/);
    expect(await page.locator('.finder-results .meta').first().textContent()).toMatch(/AA · (In person|Hybrid|Online)/);

    // Reload: the same search, place name, ticked filters and results.
    await page.reload();
    await waitForCount(page, openCount);
    expect(await box.inputValue()).toBe('Malvern, Pennsylvania, United States');
    expect(await page.locator('input[name="types-openClosed"][value="O"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="day"][value="1"]').isChecked()).toBe(true);
    expect(await page.locator('.finder-results h3 a').first().textContent()).toBe(first);

    // Back goes to the search before the type filter.
    await page.goBack();
    await waitForCount(page, monday);
    expect(new URL(page.url()).searchParams.get('types')).toBeNull();

    expect(foreignRequests(urls, base())).toEqual([]);
    await context.close();
  });

  it('works from the keyboard alone: nav link, place box, filters, a result', async () => {
    const { context, page } = await open('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const tabTo = async (test: () => Promise<boolean>, max = 80) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await test()) return;
      }
      throw new Error('never reached by Tab');
    };

    await tabTo(async () => (await focused()) === 'Find a meeting');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Find a meeting' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('Malvern, PA');
    await page.getByRole('listbox', { name: 'Places' }).getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const active = await page.evaluate(() => document.activeElement?.getAttribute('aria-activedescendant'));
    expect(await page.locator(`[id="${active}"]`).textContent()).toBe('Malvern, Pennsylvania, United States');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('near') === MALVERN);
    const all = await apiTotal(`near=${MALVERN}`);
    await waitForCount(page, all);

    await tabTo(async () => (await page.evaluate(() => document.activeElement?.tagName)) === 'SUMMARY');
    await page.keyboard.press('Enter');
    expect(await page.locator('details.finder-filters').getAttribute('open')).toBe('');
    await tabTo(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value === 'C'));
    await page.keyboard.press('Space');
    await page.waitForURL((u) => u.searchParams.get('types') === 'C');
    await waitForCount(page, await apiTotal(`near=${MALVERN}&types=C`));

    await tabTo(() => page.evaluate(() => document.activeElement?.closest('.finder-results') !== null));
    const name = await focused();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => /^\/meetings\/\d+$/.test(u.pathname));
    expect(name.length).toBeGreaterThan(0);
    await context.close();
  });

  it('asks for the location only after "Use my location" is pressed, and rounds it', async () => {
    const { context, page } = await open('/help', {
      permissions: ['geolocation'],
      geolocation: { latitude: 40.036217, longitude: -75.513812 },
    });
    // Count the page's calls to the geolocation API.
    await page.addInitScript(() => {
      const geo = navigator.geolocation;
      const original = geo.getCurrentPosition.bind(geo);
      (window as unknown as { geoCalls: number }).geoCalls = 0;
      geo.getCurrentPosition = (...args: Parameters<Geolocation['getCurrentPosition']>) => {
        (window as unknown as { geoCalls: number }).geoCalls++;
        original(...args);
      };
    });
    await page.goto(`${base()}/meetings`);
    await page.getByText('never stored or logged').waitFor();
    expect(await page.evaluate(() => (window as unknown as { geoCalls: number }).geoCalls)).toBe(0);
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.waitForURL((u) => u.searchParams.has('lat'));
    expect(await page.evaluate(() => (window as unknown as { geoCalls: number }).geoCalls)).toBe(1);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ lat: '40.036', lng: '-75.514' });
    await waitForCount(page, await apiTotal('lat=40.036&lng=-75.514'));
    expect(await page.getByRole('combobox', { name: 'Near a place' }).inputValue()).toBe('My location');
    await context.close();
  });

  it('shows more results a page at a time and moves focus to the first new one', async () => {
    const { context, page } = await open(`/meetings?near=${MALVERN}`);
    const total = await apiTotal(`near=${MALVERN}`);
    await waitForCount(page, total);
    expect(await page.locator('.finder-results > li').count()).toBe(20);
    await page.getByRole('button', { name: 'Show more meetings' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.finder-results > li').length === 40);
    const focusedIndex = await page.evaluate(() =>
      [...document.querySelectorAll('.finder-results > li')].findIndex((li) => li.contains(document.activeElement)),
    );
    expect(focusedIndex).toBe(20);
    const ids = await page.locator('.finder-results h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(ids).size).toBe(40);
    await context.close();
  });

  it('says when the network fails and tries again on request', async () => {
    // No service worker, so the page's own requests can be failed here.
    const { context, page } = await open('/help', { serviceWorkers: 'block' });
    await page.route('**/api/meetings?**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${base()}/meetings?near=${MALVERN}&day=1`);
    await page.getByRole('alert').filter({ hasText: 'The meetings could not be loaded' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute('**/api/meetings?**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForCount(page, await apiTotal(`near=${MALVERN}&day=1`));
    expect(await page.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('shows the results on a clustered map, keyboard-operable, with no tile host configured and nothing fetched elsewhere', async () => {
    for (const [colorScheme, reducedMotion] of [
      ['light', 'no-preference'],
      ['dark', 'reduce'],
    ] as const) {
      const { context, page, urls } = await open(`/meetings?near=${MALVERN}&sort=distance`, { colorScheme, reducedMotion });
      await waitForCount(page, await apiTotal(`near=${MALVERN}`));
      await page.getByRole('button', { name: 'Map' }).click();
      await page.waitForURL((u) => u.searchParams.get('view') === 'map');
      const map = page.getByRole('region', { name: /^Map of \d+ meetings?\./ });
      await map.waitFor();
      // No tile URL in the test config: a plain background, and a notice saying why.
      await page.getByText('This site has no map tiles set up').waitFor();
      // Zooms glide, unless the system asks for less motion.
      expect((await map.locator('.leaflet-zoom-animated').count()) > 0).toBe(reducedMotion === 'no-preference');
      const markers = map.locator('.map-pin, .map-cluster');
      expect(await markers.count()).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      // Every marker and cluster is a labelled button in the tab order.
      const first = markers.first();
      expect(await first.getAttribute('role')).toBe('button');
      expect(await first.getAttribute('tabindex')).toBe('0');
      expect(await first.getAttribute('aria-label')).toBeTruthy();
      const cluster = map.locator('.map-cluster').first();
      if ((await cluster.count()) > 0) {
        await cluster.focus();
        await page.keyboard.press('Enter');
        // The map zooms in, the clusters are redrawn, and focus stays on the map rather than falling to the page.
        await page.waitForFunction(() => document.activeElement?.classList.contains('leaflet-container') === true);
      }
      const pin = map.locator('.map-pin').first();
      await pin.waitFor();
      await pin.focus();
      await page.keyboard.press('Enter');
      const link = map.locator('.leaflet-popup-content a');
      await link.waitFor();
      const name = await link.textContent();
      await link.click();
      await page.waitForURL((u) => /^\/meetings\/\d+$/.test(u.pathname));
      await page.getByRole('heading', { level: 1, name: name! }).waitFor();
      expect(foreignRequests(urls, base())).toEqual([]);
      await context.close();
    }
  });

  it('reads in Spanish, type names from the spec', async () => {
    const { context, page } = await open(`/meetings?near=${MALVERN}&day=1&types=O`, { locale: 'es-ES' });
    await page.getByRole('heading', { level: 1, name: 'Buscar una reunión' }).waitFor();
    // Spain measures in kilometres: 25 km, not 25 miles, around Malvern.
    const count = await apiTotal(`near=${MALVERN}&day=1&types=O`, 'km');
    await liveRegion(page)
      .filter({ hasText: `Se encontraron ${count} reuniones` })
      .waitFor();
    await page.locator('summary').click();
    expect(await page.getByRole('checkbox', { name: /^Abierta \(/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^lunes/ }).isChecked()).toBe(true);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const viewport of [
      { width: 360, height: 640 },
      { width: 1280, height: 800 },
    ]) {
      it(`passes axe with filters closed and open (${colorScheme}, ${viewport.width}×${viewport.height})`, async () => {
        const { context, page, urls } = await open(`/meetings?near=${MALVERN}&day=1&types=O`, { colorScheme, viewport });
        await waitForCount(page, await apiTotal(`near=${MALVERN}&day=1&types=O`));
        expect(await axeViolations(page)).toEqual([]);
        await page.locator('summary').click();
        await page.getByRole('checkbox', { name: /^Open \(/ }).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // The place suggestions open too.
        await page.getByRole('combobox', { name: 'Near a place' }).fill('Malv');
        await page.getByRole('listbox', { name: 'Places' }).getByRole('option').first().waitFor();
        expect(await axeViolations(page)).toEqual([]);
        expect(foreignRequests(urls, base())).toEqual([]);
        await context.close();
      });
    }
  }
});
