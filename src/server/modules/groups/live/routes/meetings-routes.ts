import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../../../../shared/schemas/errors.js';
import {
  groupSlugParamsSchema,
  liveMeetingInputSchema,
  liveMeetingListSchema,
  liveMeetingSchema,
  liveMeetingUpdateSchema,
  meetingParamsSchema,
} from '../../../../../shared/schemas/live-meetings.js';
import { cancelMeeting, createMeeting, listMeetings, updateMeeting, type LiveDeps } from '../meetings-service.js';

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};
const tags = ['groups'];

/** A group's live meetings: the public schedule, and the facilitators' changes to it. */
export const liveMeetingRoutes: FastifyPluginAsync<LiveDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/groups/:slug/meetings',
    {
      schema: {
        tags,
        summary: 'A group’s live meetings',
        description:
          'Each live meeting’s schedule (weekly on a weekday, or once) in the group’s time zone, its format, and its next 3 occurrences (one under way included), in UTC and in local time. Public, like the group’s page.',
        params: groupSlugParamsSchema,
        response: { 200: liveMeetingListSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => ({ meetings: await listMeetings(deps, request.params.slug) }),
  );

  app.post(
    '/api/groups/:slug/meetings',
    {
      schema: {
        tags,
        summary: 'Schedule a live meeting',
        description:
          'For the group’s facilitators (with a second factor) and moderators. Without a format, the default template is used (welcome, reading, check-in round, topic and sharing, closing; minutes summing to the duration). A weekly meeting is also listed in the meeting finder. Audited.',
        params: groupSlugParamsSchema,
        body: liveMeetingInputSchema,
        response: { 201: liveMeetingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const view = await createMeeting(deps, await request.actor(), request.params.slug, request.body);
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/api/groups/:slug/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Change a live meeting',
        description:
          'Any of the schedule’s fields, the format, cross-talk or minutes per share. Rooms already open keep what they opened with. Audited.',
        params: meetingParamsSchema,
        body: liveMeetingUpdateSchema,
        response: { 200: liveMeetingSchema, ...errors },
      },
    },
    async (request) => updateMeeting(deps, await request.actor(), request.params.slug, request.params.id, request.body),
  );

  app.delete(
    '/api/groups/:slug/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a live meeting',
        description:
          'No more occurrences, and it leaves the meeting finder. Rooms it already held keep their retention: a room open now closes at its planned end. Audited.',
        params: meetingParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await cancelMeeting(deps, await request.actor(), request.params.slug, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
