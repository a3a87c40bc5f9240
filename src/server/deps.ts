import type { Config } from './config.js';
import type { DatabaseHandle } from './db/index.js';
import type { Bus } from './bus/index.js';

/** What every module is given when it is registered: no globals, so tests can build many apps. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  bus: Bus;
  startedAt: Date;
}
