import { afterAll, beforeAll, inject } from 'vitest';
import type {} from '../../test/setup/provided-context.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../test/helpers/app.js';
import { createSqliteDatabase, type TestDatabase } from '../../test/helpers/databases.js';
import { mgFixture } from '../../test/helpers/fixtures.js';
import { openDatabase } from '../../src/server/db/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createMemoryBus } from '../../src/server/bus/memory-bus.js';
import { importFeed } from '../../src/server/modules/meetings/import-service.js';

/** The flags this machine needs: no sandbox as root, no background calls to outside hosts. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = inject('chromiumPath');

export interface Site {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server, built web app included, on a random loopback port and a fresh SQLite file. With `fixture`, that
 * Meeting Guide feed of `../shared/fixtures` (e.g. 'aasepia', in `timezone`) is imported first, as an operator would,
 * so the index is built from it at boot.
 */
export async function startSite(options: { fixture?: string; timezone?: string } = {}): Promise<Site> {
  const tdb: TestDatabase = createSqliteDatabase();
  if (options.fixture) {
    const database = openDatabase(tdb.url);
    const bus = createMemoryBus();
    try {
      await migrateToLatest(database);
      await importFeed(
        { database, bus },
        {
          sourceName: options.fixture,
          format: 'meeting-guide',
          input: mgFixture(options.fixture),
          timezone: options.timezone ?? 'America/New_York',
          trigger: 'cli',
        },
      );
    } finally {
      await bus.close();
      await database.close();
    }
  }
  const app = await buildTestApp({ databaseUrl: tdb.url });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    baseUrl: address,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

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
  return chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS, headless: true });
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
