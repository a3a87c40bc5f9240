import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/index.js';
import type { BuildOptions } from '../../src/server/app.js';
import type { Config } from '../../src/server/config.js';
import { createMemoryBus } from '../../src/server/bus/memory-bus.js';
import { importFeed } from '../../src/server/modules/meetings/import-service.js';
import { buildTestApp } from './app.js';
import type { DialectCase } from './databases.js';

/** The shape of the built index.html that matters here: lang, title, description, root, noscript, the app script. */
export const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="Find a recovery support group, meet online, and keep going." />
    <title>Kinship</title>
    <script type="module" crossorigin src="/assets/index-test.js"></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>Kinship needs JavaScript.</noscript>
  </body>
</html>
`;

/** A meeting in person with everything, and an online one whose name is hostile markup (entities survive import). */
export const PAGE_FEED = [
  {
    name: 'Tuesday Serenity',
    slug: 'tuesday-serenity',
    day: 2,
    time: '19:00',
    end_time: '20:00',
    types: ['O', 'D', 'X', 'W'],
    notes: 'Use the side door.\nCoffee from 6:45.',
    location: 'St. Luke Church',
    location_notes: 'Parking behind the hall',
    formatted_address: '225 Lancaster Ave, Malvern, PA 19355, USA',
    latitude: 40.0362,
    longitude: -75.5138,
    group: 'Serenity Group',
    venmo: '@serenity-group',
  },
  {
    name: '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    slug: 'hostile',
    day: [1, 3],
    time: '12:00',
    end_time: '13:00',
    types: ['C', 'S'],
    conference_url: 'https://zoom.us/j/123456789',
    conference_url_notes: 'Passcode: 1234',
    conference_phone: '+1 646 558 8656,,123456789#',
  },
];

/** A web root with the shell above, and the feed as a file; `drop` removes both. */
export function pageFixtures(): { webRoot: string; feed: string; drop: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kinship-web-'));
  writeFileSync(join(dir, 'index.html'), SHELL);
  writeFileSync(join(dir, 'feed.json'), JSON.stringify(PAGE_FEED));
  return { webRoot: dir, feed: join(dir, 'feed.json'), drop: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The ids of the feed's meetings, by slug. */
export async function idsBySlug(database: DatabaseHandle): Promise<Record<string, number>> {
  const rows = await database.db.selectFrom('meetings').select(['id', 'slug']).execute();
  return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
}

export interface PageApp {
  app: FastifyInstance;
  /** A second handle on the app's database, as the CLI would have. */
  database: DatabaseHandle;
  ids: Record<string, number>;
  close(): Promise<void>;
}

/** The real app on a fresh database of the given kind, serving the shell above, with PAGE_FEED imported. */
export async function startPageApp(
  kind: DialectCase,
  overrides: Partial<Config> = {},
  options: BuildOptions = {},
): Promise<PageApp> {
  const tdb = await kind.create();
  const fixtures = pageFixtures();
  const app = await buildTestApp(
    { databaseUrl: tdb.url, webRoot: fixtures.webRoot, publicUrl: 'https://kinship.example.org', ...overrides },
    options,
  );
  const database = openDatabase(tdb.url);
  const bus = createMemoryBus();
  await importFeed(
    { database, bus },
    { sourceName: 'pages', format: 'meeting-guide', input: fixtures.feed, timezone: 'America/New_York', trigger: 'cli' },
  );
  await bus.close();
  return {
    app,
    database,
    ids: await idsBySlug(database),
    async close() {
      await app.close();
      await database.close();
      await tdb.drop();
      fixtures.drop();
    },
  };
}
