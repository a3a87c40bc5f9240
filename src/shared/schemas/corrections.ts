import { z } from 'zod';

/** Limits shared by the server's validation and the web form's attributes (ARCHITECTURE convention 2). */
export const CORRECTION_LIMITS = { details: 2000, contact: 200 } as const;

/** What is wrong with a listing, as the public reports it; the listing's owner sees the kind first. */
export const CORRECTION_KINDS = ['time', 'location', 'online', 'contact', 'types', 'closed', 'other'] as const;

/**
 * A correction suggested by anyone for one meeting's listing (`POST /api/meetings/:id/corrections`), stored for the
 * listing's owner. No account is needed; `contact` is optional and only for the owner to reply, so the form says so.
 */
export const correctionRequestSchema = z
  .object({
    kind: z.enum(CORRECTION_KINDS).describe('What is wrong'),
    details: z.string().trim().min(1).max(CORRECTION_LIMITS.details).describe('What should change, in the reporter’s words'),
    contact: z
      .string()
      .trim()
      .max(CORRECTION_LIMITS.contact)
      .optional()
      .describe('Optional: how the listing’s owner can reply (an email or phone); not published'),
  })
  .strict();

export const correctionResponseSchema = z.object({
  id: z.number().int(),
  status: z.literal('received'),
});

export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

/** One stored request as the operators' queue shows it. Only the admin API returns `contact`. */
export const correctionSchema = z.object({
  id: z.number().int(),
  meeting_id: z.number().int(),
  meeting_name: z.string().describe('The meeting’s current name'),
  kind: z.enum(CORRECTION_KINDS),
  details: z.string(),
  contact: z.string().nullable().describe('How to reply, if the reporter gave one (personal data)'),
  status: z.enum(['open', 'resolved', 'dismissed']),
  created_at: z.string().describe('ISO-8601 UTC'),
});

export const correctionListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50).describe('Most requests in one page'),
    before: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional()
      .describe('Only requests older than this id: pass `next_before` from the previous page'),
  })
  .strict();

export const correctionListSchema = z.object({
  corrections: z.array(correctionSchema).describe('Open requests, newest first'),
  next_before: z.number().int().nullable().describe('Cursor for the next page, or null on the last page'),
});

export type Correction = z.infer<typeof correctionSchema>;
