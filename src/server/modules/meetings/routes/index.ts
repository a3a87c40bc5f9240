import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../../deps.js';
import { feedRoutes } from './feeds.js';
import { changesRoutes } from './changes.js';
import { adminRoutes } from './admin.js';
import { bmltRoutes } from '../bmlt-api/routes.js';

/** The meeting directory: public feeds and history, and the operators' admin API. */
export const meetingsRoutes: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  await app.register(feedRoutes, deps);
  await app.register(changesRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(bmltRoutes, deps);
};
