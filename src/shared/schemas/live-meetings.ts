import { z } from 'zod';
import { formatSectionSchema } from '../chat-protocol.js';

/**
 * Live meetings of an online group (issue 7; docs/groups.md "Live meetings"): their schedules, rooms, the member's
 * attendance records and signed proofs of attendance. Limits here are read by the server and the web forms alike.
 */
export const LIVE_LIMITS = {
  titleMax: 100,
  durationMin: 15,
  durationMax: 240,
  shareMinutesMax: 30,
  formatSectionsMax: 12,
  /** Next occurrences listed per meeting. */
  occurrencesListed: 3,
  /** A member may record attendance while the room is open and this long after it closed. */
  attendanceWindowHours: 24,
  /** Closed live rooms a group's room list shows. */
  closedRoomsListed: 5,
} as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date that exists (2025-02-30 does not). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const title = z.string().trim().min(1).max(LIVE_LIMITS.titleMax);
const startTime = z.string().regex(HHMM, 'a local time as HH:MM, from 00:00 to 23:59');
const startsOn = z.string().refine(isRealDate, 'a real date as YYYY-MM-DD (between 2000 and 2100)');
const weekday = z
  .number()
  .int()
  .min(0, 'a weekday from 0 (Sunday) to 6 (Saturday)')
  .max(6, 'a weekday from 0 (Sunday) to 6 (Saturday)');
const duration = z
  .number()
  .int()
  .min(LIVE_LIMITS.durationMin, `at least ${LIVE_LIMITS.durationMin} minutes`)
  .max(LIVE_LIMITS.durationMax, `at most ${LIVE_LIMITS.durationMax} minutes`);
const shareMinutes = z.number().int().min(0).max(LIVE_LIMITS.shareMinutesMax, `at most ${LIVE_LIMITS.shareMinutesMax} minutes`);
const format = z
  .array(formatSectionSchema)
  .min(1)
  .max(LIVE_LIMITS.formatSectionsMax, `at most ${LIVE_LIMITS.formatSectionsMax} sections`);

export const liveMeetingInputSchema = z
  .object({
    title,
    recurrence: z.enum(['weekly', 'once']),
    /** Required for a weekly meeting; a one-off meeting takes its day from `starts_on`. */
    weekday: weekday.optional().describe('0 = Sunday … 6 = Saturday (as Meeting Guide); weekly meetings only'),
    start_time: startTime.describe('Local wall-clock time in the group’s time zone'),
    starts_on: startsOn.describe('The date of a one-off meeting, or the first date of a weekly one'),
    duration_minutes: duration,
    cross_talk: z.boolean().default(false),
    share_minutes: shareMinutes.default(0).describe('Minutes per share (the share timer); 0 = no limit'),
    format: format.optional().describe('The format template; a default one (minutes summing to the duration) when left out'),
  })
  .strict();
export type LiveMeetingInput = z.infer<typeof liveMeetingInputSchema>;

export const liveMeetingUpdateSchema = z
  .object({
    title: title.optional(),
    recurrence: z.enum(['weekly', 'once']).optional(),
    weekday: weekday.nullable().optional(),
    start_time: startTime.optional(),
    starts_on: startsOn.optional(),
    duration_minutes: duration.optional(),
    cross_talk: z.boolean().optional(),
    share_minutes: shareMinutes.optional(),
    format: format.optional(),
  })
  .strict();
export type LiveMeetingUpdate = z.infer<typeof liveMeetingUpdateSchema>;

export const occurrenceSchema = z.object({
  starts_at: z.string().describe('UTC, ISO-8601'),
  ends_at: z.string().describe('UTC, ISO-8601'),
  local_start: z.string().describe('The wall-clock start in the group’s zone, ISO-8601 with its offset'),
  local_end: z.string(),
});
export type OccurrenceView = z.infer<typeof occurrenceSchema>;

export const liveMeetingSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  recurrence: z.enum(['weekly', 'once']),
  weekday: z.number().int().nullable(),
  start_time: z.string(),
  starts_on: z.string(),
  duration_minutes: z.number().int(),
  cross_talk: z.boolean(),
  share_minutes: z.number().int(),
  format: z.array(formatSectionSchema),
  time_zone: z.string(),
  next_occurrences: z.array(occurrenceSchema),
});
export type LiveMeetingView = z.infer<typeof liveMeetingSchema>;

export const liveMeetingListSchema = z.object({ meetings: z.array(liveMeetingSchema) });

export const groupSlugParamsSchema = z.object({ slug: z.string().min(1).max(80) }).strict();
export const meetingParamsSchema = z
  .object({
    slug: z.string().min(1).max(80),
    id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();

/** One room, as the web chat client reads it (the shape is fixed: the client codes against it). */
export const roomInfoSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['open', 'live']),
  status: z.enum(['open', 'closed']),
  group: z.object({ slug: z.string(), name: z.string() }),
  meeting_title: z.string().nullable(),
  occurrence_at: z.string().nullable(),
  closes_at: z.string().nullable(),
  retention: z.object({ delete_at_end: z.boolean(), days: z.number().int().nullable() }),
  /** The asker's own attendance here; null for moderators and people outside the group, and in open rooms. */
  attendance: z
    .object({
      recorded: z.boolean(),
      proof: z.object({ id: z.string(), status: z.enum(['requested', 'issued', 'revoked']) }).nullable(),
    })
    .nullable(),
});
export type RoomInfo = z.infer<typeof roomInfoSchema>;

export const groupRoomsSchema = z.object({
  open_room: roomInfoSchema.nullable(),
  live_now: z.array(roomInfoSchema),
  recently_closed: z.array(roomInfoSchema),
});

export const attendanceSchema = z.object({
  id: z.number().int(),
  room_id: z.number().int().nullable(),
  group_name: z.string(),
  meeting_title: z.string(),
  occurrence_at: z.string(),
  created_at: z.string(),
});
export const attendanceListSchema = z.object({ attendance: z.array(attendanceSchema) });
export const attendanceStateSchema = z.object({ recorded: z.boolean(), attendance: attendanceSchema.nullable() });

export const PROOF_STATUSES = ['requested', 'issued', 'revoked'] as const;
export const proofIdParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'a proof id: 32 hex digits') }).strict();

/** What a proof states and the installation signs (docs/groups.md "Proofs of attendance"). */
export const proofStatementSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  site: z.string(),
  group: z.string(),
  meeting: z.string(),
  date: z.string().describe('The meeting’s local date in the group’s zone, YYYY-MM-DD'),
  pseudonym: z.string(),
  issued_at: z.string(),
});
export type ProofStatement = z.infer<typeof proofStatementSchema>;

export const proofRefSchema = z.object({ id: z.string(), status: z.enum(PROOF_STATUSES) });

export const proofVerificationSchema = z.object({
  id: z.string(),
  status: z.enum(PROOF_STATUSES),
  valid: z.boolean().describe('The signature was checked again now, against this installation’s public key'),
  message: z.string(),
  statement: proofStatementSchema.nullable(),
  /** The exact bytes signed (UTF-8): verify the signature over this text, not a re-serialisation. */
  statement_text: z.string().nullable(),
  signature: z.string().nullable().describe('Ed25519 signature of statement_text, base64url'),
  key_id: z.string(),
  verify_url: z.string(),
});

export const proofKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  key_id: z.string().describe('The first 16 hex digits of the SHA-256 of the raw public key'),
  pem: z.string(),
  jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
});

export const proofRequestListSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string(),
      pseudonym: z.string(),
      meeting_title: z.string(),
      date: z.string(),
      occurrence_at: z.string(),
      requested_at: z.string(),
    }),
  ),
});

export const ownProofListSchema = z.object({
  proofs: z.array(
    z.object({
      id: z.string(),
      status: z.enum(PROOF_STATUSES),
      group_name: z.string().nullable(),
      meeting_title: z.string().nullable(),
      occurrence_at: z.string().nullable(),
      created_at: z.string(),
      issued_at: z.string().nullable(),
      verify_url: z.string(),
    }),
  ),
});
