import { getTypesForLanguage } from '@code4recovery/spec';
import { z } from 'zod';
import { CHAT_LIMITS } from '../chat-protocol.js';
import { isTimeZone } from './accounts.js';

/**
 * Online support groups (issue 7, docs/groups.md): the group, its people and the group page. Threads, reports and
 * blocks are in `group-threads.ts`. Limits are shared by the server's validation and the web forms (ARCHITECTURE
 * convention 2).
 */
export const GROUP_LIMITS = {
  nameMin: 3,
  nameMax: 100,
  /** The slug column is varchar(80); a suffix for a clash needs room. */
  slugMax: 80,
  descriptionMax: 4000,
  /** The directory shows this much of the description. */
  shortDescription: 200,
  fellowshipMax: 60,
  languageMax: 10,
  timeZoneMax: 64,
  conductMax: 10_000,
  retentionMinDays: 1,
  retentionMaxDays: 365,
  typesMax: 20,
  searchMax: 100,
  pageDefault: 20,
  pageMax: 100,
} as const;

export const GROUP_APPROACHES = ['twelve_step', 'smart', 'secular', 'open'] as const;
export const GROUP_VISIBILITIES = ['public', 'approval'] as const;
export const GROUP_ROLES = ['facilitator', 'member', 'observer'] as const;
export const MEMBER_STATUSES = ['active', 'pending'] as const;

/** Every Meeting Guide type code of `@code4recovery/spec`, the finder's vocabulary. */
const SPEC_TYPE_CODES = new Set(Object.keys(getTypesForLanguage('en')));

/** A language tag as BCP 47 writes its common forms: `en`, `es`, `pt-BR`, `zh-Hant`. */
const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const groupSlugSchema = z.string().min(1).max(GROUP_LIMITS.slugMax).describe('The group’s slug, as in its page URL');
export const groupSlugParamsSchema = z.object({ slug: groupSlugSchema }).strict();

const languageSchema = z
  .string()
  .max(GROUP_LIMITS.languageMax)
  .regex(LANGUAGE_PATTERN, 'is not a language tag such as en or pt-BR')
  .describe('The language the group meets in (BCP 47: en, es, pt-BR)');
const timeZoneSchema = z
  .string()
  .max(GROUP_LIMITS.timeZoneMax)
  .refine((zone) => isTimeZone(zone), 'is not an IANA time zone')
  .describe('The group’s IANA time zone; live meetings keep their wall-clock time in it');
const typesSchema = z
  .array(
    z
      .string()
      .max(8)
      .refine((code) => SPEC_TYPE_CODES.has(code), 'is not a Meeting Guide type code'),
  )
  .max(GROUP_LIMITS.typesMax)
  .describe('Meeting Guide type codes (@code4recovery/spec) the finder lists the group’s meetings with, besides ONL');
const retentionSchema = z
  .number()
  .int()
  .min(GROUP_LIMITS.retentionMinDays)
  .max(GROUP_LIMITS.retentionMaxDays)
  .nullable()
  .describe('Days live-meeting chat is kept after the meeting; null (the default) deletes it when the meeting ends');
const slowModeSchema = z
  .number()
  .int()
  .refine(
    (s) => s === 0 || (s >= CHAT_LIMITS.slowModeMinSeconds && s <= CHAT_LIMITS.slowModeMaxSeconds),
    `is 0 (off) or between ${CHAT_LIMITS.slowModeMinSeconds} and ${CHAT_LIMITS.slowModeMaxSeconds} seconds`,
  )
  .describe('Seconds between one member’s messages in the open room; 0 is off');

const groupFields = {
  name: trimmed(GROUP_LIMITS.nameMin, GROUP_LIMITS.nameMax),
  description: trimmed(1, GROUP_LIMITS.descriptionMax),
  approach: z.enum(GROUP_APPROACHES),
  fellowship: trimmed(1, GROUP_LIMITS.fellowshipMax).nullable().describe('e.g. AA, NA; null for none in particular'),
  language: languageSchema,
  time_zone: timeZoneSchema,
  code_of_conduct: trimmed(1, GROUP_LIMITS.conductMax).describe('Members accept it before they join; a change asks again'),
  visibility: z.enum(GROUP_VISIBILITIES).describe('public: anyone signed in joins at once; approval: a facilitator approves'),
  chat_retention_days: retentionSchema,
  types: typesSchema,
};

export const createGroupSchema = z
  .object({
    ...groupFields,
    fellowship: groupFields.fellowship.optional(),
    chat_retention_days: retentionSchema.default(null),
    types: typesSchema.default([]),
    open_room_slow_mode_seconds: slowModeSchema.default(0),
  })
  .strict();
export type CreateGroup = z.infer<typeof createGroupSchema>;

export const updateGroupSchema = z
  .object({ ...groupFields, archived: z.boolean().describe('An archived group leaves the directory and is read-only') })
  .partial()
  .strict();
export type UpdateGroup = z.infer<typeof updateGroupSchema>;

export const directoryQuerySchema = z
  .object({
    q: z.string().trim().max(GROUP_LIMITS.searchMax).optional().describe('Words in the name or description'),
    approach: z.enum(GROUP_APPROACHES).optional(),
    language: languageSchema.optional(),
    cursor: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional()
      .describe('`next_cursor` of the previous page'),
    limit: z.coerce.number().int().min(1).max(GROUP_LIMITS.pageMax).default(GROUP_LIMITS.pageDefault),
  })
  .strict();

export const groupSummarySchema = z.object({
  slug: z.string(),
  name: z.string(),
  short_description: z.string(),
  approach: z.enum(GROUP_APPROACHES),
  fellowship: z.string().nullable(),
  language: z.string(),
  time_zone: z.string(),
  visibility: z.enum(GROUP_VISIBILITIES),
  member_count: z.number().int().describe('Active members and facilitators; observers are not counted'),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const directorySchema = z.object({ groups: z.array(groupSummarySchema), next_cursor: z.string().nullable() });

export const yourPlaceSchema = z.object({
  role: z.enum(GROUP_ROLES),
  status: z.enum(MEMBER_STATUSES),
  conduct_current: z.boolean().describe('False when the code of conduct changed since you accepted it'),
});
export type YourPlace = z.infer<typeof yourPlaceSchema>;

export const groupPageSchema = groupSummarySchema.extend({
  description: z.string(),
  code_of_conduct: z.string(),
  conduct_version: z.number().int(),
  types: z.array(z.string()),
  chat_retention_days: z.number().int().nullable(),
  retention: z
    .object({
      kind: z.enum(['delete_at_end', 'days']),
      statement: z.string().describe('In English; the web words it from `kind` and `chat_retention_days`'),
    })
    .describe('What happens to live-meeting chat, stated to members before they join'),
  observer_count: z.number().int(),
  facilitator_count: z.number().int(),
  open_room_id: z.number().int().nullable(),
  archived: z.boolean(),
  created_at: z.string(),
  you: yourPlaceSchema.nullable().describe('Your place in the group when signed in and in it; null otherwise'),
});
export type GroupPage = z.infer<typeof groupPageSchema>;

export const joinGroupSchema = z
  .object({
    as: z.enum(['member', 'observer']).describe('Observers read and never post'),
    conduct_version: z.number().int().min(1).describe('The code of conduct version you accept; must be the current one'),
  })
  .strict();

export const handleParamsSchema = z.object({ slug: groupSlugSchema, handle: z.string().min(1).max(64) }).strict();

export const memberSchema = z.object({
  handle: z.string(),
  role: z.enum(GROUP_ROLES),
  status: z.enum(MEMBER_STATUSES),
  conduct_current: z.boolean(),
  since: z.string(),
});
export const memberListSchema = z.object({ members: z.array(memberSchema) });

export const updateMemberSchema = z
  .object({
    status: z.literal('active').optional().describe('Approves a pending request'),
    role: z.enum(GROUP_ROLES).optional(),
  })
  .strict()
  .refine((b) => b.status !== undefined || b.role !== undefined, 'send status, role or both');
