/**
 * `npx tsx scripts/screenshots.ts`: screenshots of the finder's pages on a 360×640 phone and a desktop, into
 * docs/screenshots/, from the real app (the built web app, SQLite with the aasepia fixture imported) in Chromium.
 * Run it after a visible change to the web app and commit the pictures with the change; docs/web.md shows them.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ensureBuilt } from './ensure-built.js';
import { launchChromium, startSite } from '../test/helpers/site.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const SIZES = [
  { name: 'phone', viewport: { width: 360, height: 640 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
] as const;

/** A page to picture: where to go, and what to do there first (wait for content, open something). */
interface Shot {
  name: string;
  path: (ids: { meeting: number }) => string;
  prepare?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { name: 'home', path: () => '/' },
  {
    name: 'results',
    path: () => '/meetings?lat=40.0362&lng=-75.5138&radius=15&units=mi&sort=distance',
    prepare: async (page) => {
      await page.locator('main li a').first().waitFor();
    },
  },
  { name: 'meeting', path: ({ meeting }) => `/meetings/${meeting}` },
  {
    name: 'find-a-group',
    path: () => '/find-a-group',
    prepare: async (page) => {
      await page.getByRole('radio', { name: 'Alcohol' }).check();
      await page.getByRole('button', { name: 'Show suggestions' }).click();
      await page.getByRole('heading', { level: 2, name: 'Groups worth a look' }).waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
    },
  },
  { name: 'help', path: () => '/help' },
];

async function main(): Promise<void> {
  await ensureBuilt({ web: true });
  await mkdir(OUT, { recursive: true });
  const site = await startSite({ fixture: 'aasepia', timezone: 'America/New_York' });
  const browser = await launchChromium(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  try {
    const search = (await (await fetch(`${site.baseUrl}/api/meetings?limit=1&sort=name`)).json()) as {
      results: { meeting: { id: number } }[];
    };
    const ids = { meeting: search.results[0]!.meeting.id };
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size.viewport, locale: 'en-US', timezoneId: 'America/New_York' });
      const page = await context.newPage();
      for (const shot of SHOTS) {
        await page.goto(site.baseUrl + shot.path(ids));
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await shot.prepare?.(page);
        const file = join(OUT, `${shot.name}-${size.name}.png`);
        await page.screenshot({ path: file, fullPage: false });
        process.stdout.write(`${file}\n`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
