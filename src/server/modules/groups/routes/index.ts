import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../../deps.js';
import { groupRoutes } from './group-routes.js';
import { memberRoutes } from './member-routes.js';
import { postRoutes } from './post-routes.js';
import { safetyRoutes } from './safety-routes.js';
import { threadRoutes } from './thread-routes.js';

/** The online groups' REST API (issue 7, docs/groups.md "REST API"); the chat hub registers /ws itself. */
export const groupsRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  await fastify.register(groupRoutes, deps);
  await fastify.register(memberRoutes, deps);
  await fastify.register(threadRoutes, deps);
  await fastify.register(postRoutes, deps);
  await fastify.register(safetyRoutes, deps);
};
