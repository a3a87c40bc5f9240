import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import type { Config } from '../../src/server/config.js';
import type { BuildOptions } from '../../src/server/app.js';
import { buildTestApp } from './app.js';
import { createSqliteDatabase, type TestDatabase } from './databases.js';
import { mgFixture } from './fixtures.js';
import { openDatabase } from '../../src/server/db/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createMemoryBus } from '../../src/server/bus/memory-bus.js';
import { importFeed } from '../../src/server/modules/meetings/import-service.js';

/*
 * The real site and browser for the e2e tests (e2e/helpers/harness.ts adds the vitest parts) and for scripts that
 * drive the app outside a test run (scripts/screenshots.ts).
 */

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

export interface Site {
  app: FastifyInstance;
  baseUrl: string;
  /** The site's database, for tests that set up what only an operator can (a site admin from the CLI). */
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server, built web app included, on a random loopback port and a fresh SQLite file. With `fixture`, that
 * Meeting Guide feed of `../shared/fixtures` (e.g. 'aasepia', in `timezone`) is imported first, as an operator would,
 * so the index is built from it at boot. `build` passes options to buildApp (a short live-meeting scheduler tick).
 */
export async function startSite(
  options: { fixture?: string; timezone?: string; config?: Partial<Config>; build?: BuildOptions } = {},
): Promise<Site> {
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
  const app = await buildTestApp({ databaseUrl: tdb.url, ...options.config }, options.build);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    baseUrl: address,
    databaseUrl: tdb.url,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** Chromium at `path` with this machine's flags. */
export function launchChromium(path: string): Promise<Browser> {
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
}
