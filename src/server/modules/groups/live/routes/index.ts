import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../../../deps.js';
import type { LiveDeps } from '../meetings-service.js';
import { ProofKeys } from '../proof-key.js';
import { startLiveScheduler, type LiveScheduler } from '../scheduler.js';
import { liveMeetingRoutes } from './meetings-routes.js';
import { proofRoutes } from './proof-routes.js';
import { liveRoomRoutes } from './rooms-routes.js';

/**
 * Live meetings of online groups (issue 7): schedules, rooms, attendance and proofs, and the scheduler that opens
 * and closes rooms (when `SCHEDULER` is on, as for the feed scheduler). The signing key is loaded (or made) at
 * boot (when the database is ready), so reading the public key never writes. `liveTickMs` shortens the scheduler's
 * tick (the e2e test of a live meeting waits for the scheduler to open its room).
 */
export const liveRoutes: FastifyPluginAsync<AppDeps & { liveTickMs?: number }> = async (fastify, deps) => {
  const live: LiveDeps = { database: deps.database, bus: deps.bus, publicUrl: deps.config.publicUrl, now: fastify.auth.now };
  const keys = new ProofKeys(deps.database.db);
  await keys.get().catch((err: unknown) => fastify.log.warn({ err }, 'the proof signing key could not be loaded yet'));
  await fastify.register(liveMeetingRoutes, live);
  await fastify.register(liveRoomRoutes, live);
  await fastify.register(proofRoutes, { ...live, keys });
  let scheduler: LiveScheduler | undefined;
  if (deps.config.scheduler)
    scheduler = startLiveScheduler(live, fastify.log, deps.liveTickMs ? { intervalMs: deps.liveTickMs } : {});
  fastify.addHook('onClose', async () => {
    await scheduler?.stop();
  });
};
