import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import { notFound } from '../../../errors.js';
import { calendarQuerySchema, feedFilterSchema, idParamsSchema } from '../../../../shared/schemas/meetings.js';
import { calendarFor, calendarForRow, CONTENT_TYPES, csvChunks, meetingGuideChunks } from '../export-service.js';
import { meetingRowsQuery } from '../repository/meeting-rows.js';

/** Public feeds in the formats existing clients read: Meeting Guide JSON, CSV and iCalendar. */
export const feedRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;

  app.get(
    '/feeds/meeting-guide.json',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Meeting Guide JSON feed',
        description:
          'Every live meeting as a Meeting Guide JSON array (spec: README of @code4recovery/spec), readable by the Meeting Guide app and tsml-ui. Streamed; filter by source, fellowship or region.',
        querystring: feedFilterSchema,
        response: { 200: z.unknown().describe('A JSON array of meetings in the Meeting Guide format') },
      },
    },
    (request, reply) =>
      // Streamed as produced, so a large directory is never held in memory whole.
      reply
        .type(CONTENT_TYPES['meeting-guide'])
        .header('access-control-allow-origin', '*')
        .send(Readable.from(meetingGuideChunks(db, request.query))),
  );

  app.get(
    '/feeds/meetings.csv',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Meetings as CSV',
        description: 'The same meetings as the Meeting Guide feed, one row each, for spreadsheets and printed lists.',
        querystring: feedFilterSchema,
        response: { 200: z.unknown().describe('CSV with a header row, UTF-8') },
      },
    },
    (request, reply) =>
      reply
        .type(CONTENT_TYPES.csv)
        .header('content-disposition', 'attachment; filename="meetings.csv"')
        .send(Readable.from(csvChunks(db, request.query))),
  );

  app.get(
    '/feeds/meetings.ics',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Meetings as an iCalendar',
        description:
          'Weekly meetings matching the filter as recurring events with their time zones (RFC 5545). Meetings by appointment are left out.',
        querystring: calendarQuerySchema,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const { limit, ...filter } = request.query;
      const name = ['Kinship meetings', filter.fellowship, filter.region, filter.source].filter(Boolean).join(' · ');
      const calendar = await calendarFor(db, filter, deps.config.publicUrl, name, limit);
      return reply
        .type(CONTENT_TYPES.ics)
        .header('x-total-events', String(calendar.count))
        .header('x-truncated', String(calendar.truncated))
        .send(calendar.text);
    },
  );

  app.get(
    '/api/meetings/:id/calendar.ics',
    {
      schema: {
        tags: ['feeds'],
        summary: 'One meeting as an iCalendar file',
        description: 'A weekly recurring event in the meeting’s own time zone, with its conference link, for "add to calendar".',
        params: idParamsSchema,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const row = await meetingRowsQuery(db)
        .where('m.id', '=', request.params.id)
        .where('m.deleted_at', 'is', null)
        .executeTakeFirst();
      if (!row) throw notFound('meeting');
      const text = calendarForRow(row, deps.config.publicUrl);
      if (text === null) throw notFound('weekly schedule for this meeting (it is by appointment)');
      return reply
        .type(CONTENT_TYPES.ics)
        .header('content-disposition', `attachment; filename="meeting-${row.id}.ics"`)
        .send(text);
    },
  );
};
