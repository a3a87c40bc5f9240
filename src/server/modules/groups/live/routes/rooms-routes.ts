import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../../../../shared/schemas/errors.js';
import { idParamsSchema } from '../../../../../shared/schemas/meetings.js';
import {
  attendanceListSchema,
  attendanceStateSchema,
  groupRoomsSchema,
  groupSlugParamsSchema,
  roomInfoSchema,
} from '../../../../../shared/schemas/live-meetings.js';
import { ownAccount } from '../../../accounts/routes/context.js';
import { ownAttendance, recordAttendance, withdrawAttendance } from '../attendance-service.js';
import type { LiveDeps } from '../meetings-service.js';
import { groupRooms, roomInfo } from '../rooms-service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};
const tags = ['groups'];

/** Rooms as the chat client needs them, and the member's own attendance. */
export const liveRoomRoutes: FastifyPluginAsync<LiveDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/groups/:slug/rooms',
    {
      schema: {
        tags,
        summary: 'A group’s rooms',
        description:
          'The always-open room, live meetings under way, and the last few that closed. For the group’s people and moderators.',
        params: groupSlugParamsSchema,
        response: { 200: groupRoomsSchema, ...errors },
      },
    },
    async (request) => groupRooms(deps, await request.actor(), request.params.slug),
  );

  app.get(
    '/api/rooms/:id',
    {
      schema: {
        tags,
        summary: 'One room',
        description:
          'Its kind and status, group, meeting and occurrence, when it closes, what happens to its chat, and (for the group’s people, in live rooms) the asker’s attendance and proof.',
        params: idParamsSchema,
        response: { 200: roomInfoSchema, ...errors },
      },
    },
    async (request) => roomInfo(deps, await request.actor(), request.params.id),
  );

  app.put(
    '/api/rooms/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Record my attendance',
        description:
          'Only at the member’s own request: records the group, meeting and occurrence in their toolkit. In a live room, by a member, facilitator or observer of the group, while it is open or up to 24 hours after it closed.',
        params: idParamsSchema,
        response: { 200: attendanceStateSchema, ...errors },
      },
    },
    async (request) => recordAttendance(deps, await request.actor(), request.params.id),
  );

  app.delete(
    '/api/rooms/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Withdraw my attendance',
        description: 'Deletes the record and any proof request still pending on it (an issued proof stays until revoked).',
        params: idParamsSchema,
        response: { 200: attendanceStateSchema, ...errors },
      },
    },
    async (request) => withdrawAttendance(deps, await request.actor(), request.params.id),
  );

  app.get(
    '/api/account/attendance',
    {
      schema: {
        tags: ['accounts'],
        summary: 'My attendance records',
        response: { 200: attendanceListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const me = await ownAccount(request, 'account.read');
      void reply.header('cache-control', 'no-store');
      return ownAttendance(deps, me.accountId);
    },
  );
};
