import { z } from 'zod';
import { REACTION_KINDS, THREAD_LIMITS } from '../thread-limits.js';
import { GROUP_LIMITS } from './groups.js';

/**
 * A group's discussion threads, reports and blocks (issue 7, docs/groups.md "Discussion threads" and "Safety").
 * Posts share chat's length limit; their text is plain (the web renders the safe Markdown subset itself).
 */
export { REACTION_KINDS, THREAD_LIMITS, type ReactionKindName } from '../thread-limits.js';
export const REPORT_REASONS = ['harassment', 'self_harm', 'spam', 'explicit', 'other'] as const;

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
export const idParamsSchema = z.object({ id }).strict();
export const reactionParamsSchema = z.object({ id, kind: z.enum(REACTION_KINDS) }).strict();

const title = z.string().trim().min(1).max(THREAD_LIMITS.titleMax);
const body = z.string().trim().min(1).max(THREAD_LIMITS.bodyMax);

export const pageQuerySchema = z
  .object({
    cursor: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional()
      .describe('`next_cursor` of the previous page'),
    limit: z.coerce.number().int().min(1).max(GROUP_LIMITS.pageMax).default(GROUP_LIMITS.pageDefault),
  })
  .strict();

export const newThreadSchema = z.object({ title, body }).strict();
export const newReplySchema = z.object({ body }).strict();
export const editPostSchema = z.object({ title: title.optional().describe('Opening posts only'), body }).strict();

export const reactionsSchema = z.object({
  counts: z.object({ with_you: z.number().int(), strength: z.number().int(), heart: z.number().int() }),
  mine: z.array(z.enum(REACTION_KINDS)),
});

/**
 * One post as a reader sees it. `author` null is a former member (or a post hidden from you by your block);
 * `body` null when deleted, hidden (for all but facilitators and moderators) or by someone you blocked.
 */
export const postSchema = z.object({
  id: z.number().int(),
  thread_id: z.number().int(),
  author: z.string().nullable(),
  mine: z.boolean(),
  title: z.string().nullable(),
  body: z.string().nullable(),
  created_at: z.string(),
  edited: z.boolean(),
  deleted: z.boolean(),
  hidden: z.boolean().describe('Hidden by a facilitator, pending moderator review'),
  blocked: z.boolean().describe('By someone you blocked: shown as a placeholder so the thread keeps its shape'),
  helpful: z.boolean(),
  reactions: reactionsSchema,
});
export type Post = z.infer<typeof postSchema>;

export const threadSummarySchema = z.object({
  id: z.number().int(),
  title: z.string().nullable(),
  author: z.string().nullable(),
  reply_count: z.number().int(),
  created_at: z.string(),
  last_activity_at: z.string(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  reactions: reactionsSchema.shape.counts.describe('Support reactions on the opening post, per kind'),
});
export const threadListSchema = z.object({ threads: z.array(threadSummarySchema), next_cursor: z.string().nullable() });

export const threadSchema = z.object({
  group: z.object({ slug: z.string(), name: z.string() }),
  post: postSchema,
  replies: z.array(postSchema),
  next_cursor: z.string().nullable(),
});

export const strategiesSchema = z.object({
  strategies: z.array(postSchema.extend({ thread_title: z.string().nullable() })),
  next_cursor: z.string().nullable(),
});

export const reportSchema = z
  .object({
    message_id: id.optional().describe('A chat message; or'),
    post_id: id.optional().describe('A thread post'),
    reason: z.enum(REPORT_REASONS),
    note: z.string().trim().max(THREAD_LIMITS.reportNoteMax).optional(),
  })
  .strict()
  .refine((b) => (b.message_id === undefined) !== (b.post_id === undefined), 'send exactly one of message_id and post_id');

export const reportCreatedSchema = z.object({
  id: z.number().int(),
  helplines_hint: z.boolean().describe('True for a self-harm report: show "Get help now" (src/shared/helplines.ts)'),
});

const snapshotItem = z.object({
  kind: z.enum(['message', 'post']),
  id: z.number().int(),
  handle: z.string().nullable().describe('null: a former member'),
  title: z.string().nullable().optional(),
  body: z.string().nullable(),
  created_at: z.string(),
});
export const reportSnapshotSchema = z.object({ item: snapshotItem, context: z.array(snapshotItem) });
export type ReportSnapshot = z.infer<typeof reportSnapshotSchema>;

export const reportViewSchema = z.object({
  id: z.number().int(),
  group: z.object({ slug: z.string(), name: z.string() }).nullable(),
  room_id: z.number().int().nullable(),
  message_id: z.number().int().nullable(),
  post_id: z.number().int().nullable(),
  reason: z.enum(REPORT_REASONS),
  note: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  created_at: z.string(),
  snapshot: reportSnapshotSchema.describe('The reported item and the items before it, as they were when reported'),
});
export const reportListSchema = z.object({ reports: z.array(reportViewSchema) });

export const blockListSchema = z.object({ blocked: z.array(z.object({ handle: z.string(), since: z.string() })) });
export const blockParamsSchema = z.object({ handle: z.string().min(1).max(64) }).strict();
