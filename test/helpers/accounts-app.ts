import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/server/config.js';
import type { DatabaseHandle } from '../../src/server/db/index.js';
import { buildTestApp } from './app.js';
import { openMigrated, type DialectCase } from './databases.js';
import type { BuildOptions } from '../../src/server/app.js';

export interface AccountsApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

/** The real app on a fresh database of the given kind, with a clock the test moves (sessions, codes, limits). */
export async function startAccountsApp(
  kind: DialectCase,
  overrides: Partial<Config> = {},
  options: BuildOptions = {},
): Promise<AccountsApp> {
  const { handle, url, cleanup } = await openMigrated(kind);
  const clock = {
    now: new Date(),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const app = await buildTestApp({ databaseUrl: url, ...overrides }, { database: handle, now: () => clock.now, ...options });
  return {
    app,
    database: handle,
    url,
    clock,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
