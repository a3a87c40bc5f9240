import type { TestProject } from 'vitest/node';
import type {} from './provided-context.js';
import { missing } from './binaries.js';
import { startPostgres } from './postgres.js';
import { startRedis } from './redis.js';

/** Starts real PostgreSQL and Redis once for the run, and stops them afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  try {
    if (!pg) missing('PostgreSQL (initdb, pg_ctl)', 'install it with `apt-get install postgresql`');
    if (!redis) missing('Redis (redis-server)', 'install it with `apt-get install redis-server`');
  } catch (err) {
    await Promise.all([pg?.stop(), redis?.stop()]);
    throw err;
  }
  project.provide('pgUrl', pg?.url ?? null);
  project.provide('redisUrl', redis?.url ?? null);
  return async () => {
    await Promise.all([pg?.stop(), redis?.stop()]);
  };
}
