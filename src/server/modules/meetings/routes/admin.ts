import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../deps.js';
import { AppError, conflict, notFound } from '../../../errors.js';
import { withWriteTransaction } from '../../../db/index.js';
import {
  idParamsSchema,
  importQuerySchema,
  importReportSchema,
  importSummarySchema,
  sourceInputSchema,
  sourceSchema,
  sourceUpdateSchema,
  type ImportReportShape,
} from '../../../../shared/schemas/meetings.js';
import { errorResponseSchema } from '../../../../shared/schemas/errors.js';
import { authorize } from '../../../security/policy.js';
import { recordAudit } from '../../audit/record.js';
import { ensureSource, importFeed, refuseBuiltIn, validateSettings } from '../import-service.js';
import { deleteSource, findSource, liveMeetingCounts, listSources, updateSourceSettings } from '../repository/sources.js';
import { findImport, listImports } from '../repository/imports.js';
import { presentImportSummary, presentSource } from '../presenters.js';

const idParams = idParamsSchema;
const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

/** Largest feed accepted as an upload; URL sources stream with their own cap. */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * Sources and imports, for operators. Every route authorises through the
 * module policy first. Uploads are streamed into the importer, not parsed here.
 */
export const adminRoutes: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const security = [{ bearer: [] }];

  app.get(
    '/api/admin/sources',
    {
      schema: {
        tags: ['admin'],
        summary: 'List feed sources',
        security,
        response: { 200: z.object({ sources: z.array(sourceSchema) }), ...errors },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'sources.read');
      const [rows, counts] = await Promise.all([listSources(db), liveMeetingCounts(db)]);
      return { sources: rows.map((r) => presentSource(r, counts.get(r.id) ?? 0)) };
    },
  );

  app.post(
    '/api/admin/sources',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a feed source',
        security,
        body: sourceInputSchema,
        response: { 201: sourceSchema, ...errors },
      },
    },
    async (request, reply) => {
      authorize(await request.actor(), 'sources.write');
      const b = request.body;
      const existing = (await listSources(db)).find((s) => s.name === b.name);
      if (existing) throw conflict(`a source named "${b.name}" already exists`);
      const row = await ensureSource(deps.database, b.name, {
        format: b.format,
        url: b.url,
        timezone: b.timezone,
        fellowship: b.fellowship,
        refreshMinutes: b.refresh_minutes,
      });
      await recordAudit(db, await request.actor(), { action: 'source.created', target: { kind: 'source', id: String(row.id) } });
      return reply.code(201).send(presentSource(row, 0));
    },
  );

  app.get(
    '/api/admin/sources/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'A source with its recent imports',
        security,
        params: idParams,
        response: { 200: sourceSchema.extend({ imports: z.array(importSummarySchema) }), ...errors },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'sources.read');
      const row = await findSource(db, request.params.id);
      if (!row) throw notFound('source');
      const [counts, imports] = await Promise.all([liveMeetingCounts(db), listImports(db, row.id, 20)]);
      return { ...presentSource(row, counts.get(row.id) ?? 0), imports: imports.map(presentImportSummary) };
    },
  );

  app.patch(
    '/api/admin/sources/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a source',
        security,
        params: idParams,
        body: sourceUpdateSchema,
        response: { 200: sourceSchema, ...errors },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'sources.write');
      const row = await findSource(db, request.params.id);
      if (!row) throw notFound('source');
      refuseBuiltIn(row.name);
      const b = request.body;
      validateSettings({ url: b.url, timezone: b.timezone, refreshMinutes: b.refresh_minutes });
      const changes = {
        ...(b.url !== undefined ? { url: b.url } : {}),
        ...(b.timezone !== undefined ? { timezone: b.timezone } : {}),
        ...(b.fellowship !== undefined ? { fellowship: b.fellowship } : {}),
        ...(b.refresh_minutes !== undefined ? { refresh_minutes: b.refresh_minutes } : {}),
      };
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, (tx) =>
        updateSourceSettings(tx, row.id, { ...changes, ...(changes.refresh_minutes ? {} : {}) }, now),
      );
      await recordAudit(db, await request.actor(), {
        action: 'source.updated',
        target: { kind: 'source', id: String(row.id) },
        detail: { fields: Object.keys(changes).join(',') },
      });
      const updated = (await findSource(db, row.id))!;
      return presentSource(updated, (await liveMeetingCounts(db)).get(row.id) ?? 0);
    },
  );

  app.delete(
    '/api/admin/sources/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Remove a source and everything it brought in',
        security,
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      authorize(await request.actor(), 'sources.write');
      const doomed = await findSource(db, request.params.id);
      if (doomed) refuseBuiltIn(doomed.name);
      const deleted = await withWriteTransaction(deps.database, (tx) => deleteSource(tx, request.params.id));
      if (!deleted) throw notFound('source');
      await recordAudit(db, await request.actor(), {
        action: 'source.deleted',
        target: { kind: 'source', id: String(request.params.id) },
      });
      return reply.code(204).send(null);
    },
  );

  await app.register(async (uploads) => {
    // Only in this scope: JSON bodies reach the handler as a stream, so a large
    // feed goes straight into the streaming importer instead of being parsed whole.
    // A parser that hands on the stream is not held to bodyLimit by Fastify, so the limit is kept here: a declared
    // length over it is refused at once (413), and a body without one stops being read at the limit.
    uploads.addContentTypeParser('application/json', { bodyLimit: UPLOAD_LIMIT_BYTES }, (request, payload, done) => {
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > UPLOAD_LIMIT_BYTES)
        return done(new AppError('payload_too_large', 'The feed is larger than the 100 MB an upload may be.'), undefined);
      done(null, capped(payload, UPLOAD_LIMIT_BYTES));
    });
    uploads.withTypeProvider<ZodTypeProvider>().post(
      '/api/admin/sources/:id/import',
      {
        bodyLimit: UPLOAD_LIMIT_BYTES,
        schema: {
          tags: ['admin'],
          summary: 'Import a source now',
          description:
            'Fetches the source from its URL, or imports the uploaded Meeting Guide JSON body, and answers with the validation report. `dry_run=true` reports without changing anything.',
          security,
          params: idParams,
          querystring: importQuerySchema,
          response: { 200: importReportSchema, ...errors },
        },
      },
      async (request): Promise<ImportReportShape> => {
        authorize(await request.actor(), 'imports.run');
        const row = await findSource(db, request.params.id);
        if (!row) throw notFound('source');
        const upload = request.body as AsyncIterable<Uint8Array> | undefined;
        const hasBody = upload !== undefined && upload !== null && Symbol.asyncIterator in upload;
        await recordAudit(db, await request.actor(), {
          action: 'import.run',
          target: { kind: 'source', id: String(row.id) },
          detail: { dry_run: request.query.dry_run === true },
        });
        return importFeed(deps, {
          sourceName: row.name,
          trigger: 'api',
          timeoutMs: 5 * 60_000,
          dryRun: request.query.dry_run,
          ...(hasBody ? { input: { kind: 'bytes' as const, body: upload } } : {}),
        });
      },
    );
  });

  app.get(
    '/api/admin/imports/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'The full report of one import',
        security,
        params: idParams,
        response: { 200: importReportSchema, ...errors },
      },
    },
    async (request) => {
      authorize(await request.actor(), 'imports.read');
      const row = await findImport(db, request.params.id);
      if (!row?.report) throw notFound('import');
      return JSON.parse(row.report) as ImportReportShape;
    },
  );
};

/** The stream's bytes, failing once more than `limit` have come: the importer then reports the feed as too large. */
async function* capped(body: AsyncIterable<Uint8Array>, limit: number): AsyncIterable<Uint8Array> {
  let seen = 0;
  for await (const chunk of body) {
    seen += chunk.byteLength;
    if (seen > limit) throw new Error(`the upload is larger than ${limit / (1024 * 1024)} MB`);
    yield chunk;
  }
}
