import { z } from 'zod';

/** Limits shared by server validation and web forms (ARCHITECTURE convention 2). */
export const MEETING_LIMITS = { sourceName: 100, fellowship: 40, region: 500, timezone: 64, url: 2048 } as const;

export const FEED_FORMATS = ['meeting-guide', 'bmlt'] as const;

/** `:id` path parameters: positive integers that fit the database's integer ids. */
export const idParamsSchema = z
  .object({
    id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();

export const feedFilterSchema = z
  .object({
    source: z.string().min(1).max(MEETING_LIMITS.sourceName).optional().describe('Only meetings of this source (its name)'),
    fellowship: z.string().min(1).max(MEETING_LIMITS.fellowship).optional().describe('Only this fellowship, e.g. AA or NA'),
    region: z
      .string()
      .min(1)
      .max(MEETING_LIMITS.region)
      .optional()
      .describe('A region path such as "Delaware County > Woodlyn"; includes sub-regions'),
  })
  .strict();

export const calendarQuerySchema = feedFilterSchema
  .extend({ limit: z.coerce.number().int().min(1).max(5000).default(1000).describe('Most events in the calendar') })
  .strict();

export const changesQuerySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).describe('ISO-8601 time; changes at or after it'),
    source: z.string().min(1).max(MEETING_LIMITS.sourceName).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'not a cursor from a previous page')
      .optional()
      .describe('next_cursor of the previous page'),
  })
  .strict();

export const changeSchema = z.object({
  id: z.number().int(),
  meeting_id: z.number().int(),
  slug: z.string(),
  source: z.string(),
  import_id: z.number().int().nullable(),
  kind: z.enum(['added', 'changed', 'removed', 'restored']),
  changed_at: z.string(),
  diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).describe('field → [before, after]'),
});

export const changesResponseSchema = z.object({ changes: z.array(changeSchema), next_cursor: z.string().nullable() });

const timezone = z
  .string()
  .min(1)
  .max(MEETING_LIMITS.timezone)
  .describe('IANA time zone for meetings that carry none, e.g. America/New_York');

export const sourceInputSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(MEETING_LIMITS.sourceName)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'letters, digits, space, dot, dash and underscore only'),
    format: z.enum(FEED_FORMATS),
    url: z
      .url({ protocol: /^https?$/ })
      .max(MEETING_LIMITS.url)
      .nullable()
      .optional(),
    timezone: timezone.nullable().optional(),
    fellowship: z.string().min(1).max(MEETING_LIMITS.fellowship).nullable().optional(),
    refresh_minutes: z.number().int().min(5).max(10_080).nullable().optional().describe('Refresh a URL source this often'),
  })
  .strict();

export const sourceUpdateSchema = sourceInputSchema.omit({ name: true, format: true }).strict();

export const sourceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  format: z.enum(FEED_FORMATS),
  url: z.string().nullable(),
  timezone: z.string().nullable(),
  fellowship: z.string().nullable(),
  refresh_minutes: z.number().int().nullable(),
  last_status: z.string().nullable(),
  last_error: z.string().nullable(),
  last_import_id: z.number().int().nullable(),
  last_fetched_at: z.string().nullable(),
  next_refresh_at: z.string().nullable(),
  failures: z.number().int(),
  live_meetings: z.number().int(),
});

export const importSummarySchema = z.object({
  id: z.number().int(),
  trigger: z.string(),
  dry_run: z.boolean(),
  status: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  counts: z.object({
    total: z.number().int(),
    added: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    warnings: z.number().int(),
  }),
  error: z.string().nullable(),
});

const issueSchema = z.object({ code: z.string(), field: z.string().optional(), message: z.string() });

export const importReportSchema = z.object({
  import_id: z.number().int().nullable(),
  source: z.object({ id: z.number().int(), name: z.string() }),
  format: z.string(),
  dry_run: z.boolean(),
  status: z.enum(['succeeded', 'failed', 'not_modified']),
  error: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string(),
  duration_ms: z.number(),
  counts: importSummarySchema.shape.counts,
  rejected: z.array(z.object({ index: z.number().int(), slug: z.string().nullable(), reasons: z.array(issueSchema) })),
  warnings: z.array(issueSchema.extend({ slug: z.string() })),
  unknown_types: z.record(z.string(), z.number().int()),
  truncated: z.boolean(),
});

export const importQuerySchema = z
  .object({
    dry_run: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();

export type SourceInput = z.infer<typeof sourceInputSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type ImportReportShape = z.infer<typeof importReportSchema>;
