import { z } from 'zod';

/** The one shape of every error response: `{ error: { code, message, details? } }`. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. validation_failed or not_found'),
      message: z.string().describe('Human-readable explanation in English'),
      requestId: z.string().optional().describe('Quote this when reporting a problem'),
      details: z
        .array(
          z.object({
            field: z.string().optional(),
            message: z.string(),
            code: z.string().optional().describe('A stable key for the problem, e.g. a password-strength reason'),
          }),
        )
        .optional()
        .describe('Per-field problems, for validation errors'),
    }),
  })
  .describe('Error');

export type ErrorResponse = z.infer<typeof errorResponseSchema>;
