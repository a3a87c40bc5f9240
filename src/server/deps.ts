import type { Config } from './config.js';
import type { DatabaseHandle } from './db/index.js';
import type { Bus } from './bus/index.js';
import type { SearchIndexService } from './modules/search/index-service.js';
import type { Mailer } from './mail/mailer.js';
import type { BackgroundTasks } from './background.js';

/** What every module is given when it is registered: no globals, so tests can build many apps. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  bus: Bus;
  startedAt: Date;
  /** Outgoing mail; undefined when SMTP_URL is not set (then e-mail reset is off). */
  mailer: Mailer | undefined;
  /** Work that continues after an answer (mail); app.close() waits for it. */
  background: BackgroundTasks;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The in-memory meeting search index of this process (tests wait on `settled()` after imports). */
    searchIndex: SearchIndexService;
    /** Work running after answers were sent; tests wait on `idle()`. */
    background: BackgroundTasks;
  }
}
