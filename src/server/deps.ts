import type { Config } from './config.js';
import type { DatabaseHandle } from './db/index.js';
import type { Bus } from './bus/index.js';
import type { SearchIndexService } from './modules/search/index-service.js';

/** What every module is given when it is registered: no globals, so tests can build many apps. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  bus: Bus;
  startedAt: Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The in-memory meeting search index of this process (tests wait on `settled()` after imports). */
    searchIndex: SearchIndexService;
  }
}
