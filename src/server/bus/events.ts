import { z } from 'zod';

/**
 * Every event name in one place (ARCHITECTURE convention 6), each with the
 * schema of its payload. Events are published only after the database commit.
 */
export const EVENTS = {
  meetingsChanged: 'meetings.changed',
} as const;

export const meetingsChangedSchema = z.object({
  source_id: z.number().int(),
  import_id: z.number().int().nullable(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  /** Ids of meetings added, changed or removed; null when there were too many to list (reload the source). */
  meeting_ids: z.array(z.number().int()).nullable(),
});

export type MeetingsChanged = z.infer<typeof meetingsChangedSchema>;
