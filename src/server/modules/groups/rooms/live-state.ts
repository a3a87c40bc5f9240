import { z } from 'zod';
import { formatSectionSchema } from '../../../../shared/chat-protocol.js';

/**
 * A live meeting room's running state, stored as JSON in `rooms.state` and changed only in write transactions.
 * People are kept by account id (handles are looked up when the state is presented, so a renamed member shows
 * their new pseudonym). Open rooms keep the empty state.
 */
export const liveStateSchema = z.object({
  format: z.array(formatSectionSchema).default([]),
  section: z.number().int().min(0).default(0),
  section_started_at: z.string().nullable().default(null),
  share_minutes: z.number().int().min(0).default(0),
  /** Account ids with a raised hand, in the order they raised it. */
  queue: z.array(z.number().int()).default([]),
  sharer: z.number().int().nullable().default(null),
  share_started_at: z.string().nullable().default(null),
});
export type LiveState = z.infer<typeof liveStateSchema>;

/** Reads `rooms.state`; a damaged value reads as the empty state rather than breaking the room. */
export function parseLiveState(json: string): LiveState {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json);
  } catch {
    // fall through to the empty state
  }
  const parsed = liveStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : liveStateSchema.parse({});
}
