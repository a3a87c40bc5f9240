import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../../../deps.js';
import type { LiveDeps } from '../meetings-service.js';
import { ProofKey } from '../proof-key.js';
import { startLiveScheduler, type LiveScheduler } from '../scheduler.js';
import { liveMeetingRoutes } from './meetings-routes.js';
import { proofRoutes } from './proof-routes.js';
import { liveRoomRoutes } from './rooms-routes.js';

/**
 * Live meetings of online groups (issue 7): schedules, rooms, attendance and proofs, and the scheduler that opens
 * and closes rooms (when `SCHEDULER` is on, as for the feed scheduler). The signing key is loaded (or made) at
 * boot, so reading the public key never writes.
 */
export const liveRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const live: LiveDeps = { database: deps.database, bus: deps.bus, publicUrl: deps.config.publicUrl, now: fastify.auth.now };
  const key = await ProofKey.load(deps.database.db);
  await fastify.register(liveMeetingRoutes, live);
  await fastify.register(liveRoomRoutes, live);
  await fastify.register(proofRoutes, { ...live, key });
  let scheduler: LiveScheduler | undefined;
  if (deps.config.scheduler) scheduler = startLiveScheduler(live, fastify.log);
  fastify.addHook('onClose', async () => {
    await scheduler?.stop();
  });
};
