import { z } from 'zod';

/**
 * Accounts are pseudonymous: a handle and a password, an optional email for recovery only. Limits are shared by the
 * server's validation and the web forms (ARCHITECTURE convention 2).
 */
export const ACCOUNT_LIMITS = {
  handleMin: 3,
  handleMax: 32,
  passwordMin: 12,
  // argon2 hashes any length, but a megabyte password would cost us memory and time for nothing.
  passwordMax: 256,
  email: 254,
  timeZone: 64,
  sessionLabel: 80,
  passkeyName: 60,
  recoveryCode: 32,
  otp: 8,
  token: 128,
} as const;

/** ASCII letters, digits, `_`, `-`, `.`: look-alike letters from other scripts cannot impersonate a member. */
export const HANDLE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The version of the community guidelines a member accepts; bump it when the text changes. */
export const GUIDELINES_VERSION = '2026-11';

export const ROLES = ['facilitator', 'moderator', 'org_admin', 'site_admin'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that act on other people's data or listings: each needs a second factor. */
export const PRIVILEGED_ROLES: readonly Role[] = ROLES;

export const handleSchema = z
  .string()
  .trim()
  .min(ACCOUNT_LIMITS.handleMin)
  .max(ACCOUNT_LIMITS.handleMax)
  .regex(HANDLE_PATTERN, 'use letters, digits, "_", "-" or "." and start with a letter or digit')
  .describe('A pseudonymous name; never a real name');

export const passwordSchema = z.string().min(1).max(ACCOUNT_LIMITS.passwordMax).describe('The password');
export const newPasswordSchema = z
  .string()
  .min(ACCOUNT_LIMITS.passwordMin)
  .max(ACCOUNT_LIMITS.passwordMax)
  .describe('At least 12 characters; a few unrelated words make a good one');

const emailSchema = z.email().max(ACCOUNT_LIMITS.email);
const timeZoneSchema = z
  .string()
  .max(ACCOUNT_LIMITS.timeZone)
  .refine((zone) => isTimeZone(zone), 'is not an IANA time zone');

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export const signUpSchema = z
  .object({
    handle: handleSchema,
    password: newPasswordSchema,
    email: emailSchema.optional().describe('Optional; used only to reset the password and for reminders you ask for'),
    accept_guidelines: z.boolean().optional().describe('Accepts the community guidelines of the current version'),
    language: z.enum(LANGUAGES).optional(),
    time_zone: timeZoneSchema.optional(),
  })
  .strict();

export const signInSchema = z
  .object({ handle: z.string().trim().min(1).max(ACCOUNT_LIMITS.handleMax), password: passwordSchema })
  .strict();

export const secondFactorSchema = z
  .object({
    challenge: z.string().min(1).max(ACCOUNT_LIMITS.token).describe('The token the sign-in step returned'),
    code: z
      .string()
      .trim()
      .min(1)
      .max(ACCOUNT_LIMITS.recoveryCode)
      .describe('A code from the authenticator app, or a recovery code'),
  })
  .strict();

export const recoverSchema = z
  .object({
    handle: z.string().trim().min(1).max(ACCOUNT_LIMITS.handleMax),
    recovery_code: z.string().trim().min(1).max(ACCOUNT_LIMITS.recoveryCode),
    new_password: newPasswordSchema,
  })
  .strict();

export const resetRequestSchema = z.object({ email: z.string().trim().min(3).max(ACCOUNT_LIMITS.email) }).strict();
export const resetSchema = z
  .object({ token: z.string().min(1).max(ACCOUNT_LIMITS.token), new_password: newPasswordSchema })
  .strict();

export const changePasswordSchema = z.object({ current_password: passwordSchema, new_password: newPasswordSchema }).strict();

export const settingsUpdateSchema = z
  .object({
    email: emailSchema.nullable().optional().describe('null removes it'),
    language: z.enum(LANGUAGES).optional(),
    time_zone: timeZoneSchema.nullable().optional(),
    discreet: z.boolean().optional().describe('Neutral tab title and icon, and a quick-exit button'),
    accept_guidelines: z.literal(true).optional(),
  })
  .strict();

export const roleGrantSchema = z.object({ role: z.enum(ROLES), scope: z.string().max(64).optional() });

export const accountSchema = z.object({
  id: z.number().int(),
  handle: z.string(),
  email: z.string().nullable().describe('Only ever shown to its owner'),
  language: z.enum(LANGUAGES),
  time_zone: z.string().nullable(),
  discreet: z.boolean(),
  guidelines: z.object({ version: z.string(), accepted_at: z.string() }).nullable(),
  two_factor: z.object({ totp: z.boolean(), passkeys: z.number().int() }),
  roles: z.array(roleGrantSchema),
  recovery_codes_left: z.number().int(),
  created_at: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const sessionStateSchema = z.object({
  account: accountSchema.nullable(),
  csrf_token: z.string().nullable().describe('Send as the x-csrf-token header on every state-changing request'),
  second_factor: z.boolean().describe('Whether this session checked a second factor'),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signUpResponseSchema = sessionStateSchema.extend({
  recovery_codes: z.array(z.string()).describe('Shown once: each signs in or resets the password one time'),
});

export const signInResponseSchema = z.discriminatedUnion('status', [
  sessionStateSchema.extend({ status: z.literal('signed_in') }),
  z.object({
    status: z.literal('second_factor'),
    challenge: z.string(),
    methods: z.array(z.enum(['totp', 'recovery_code', 'passkey'])),
  }),
]);

export const sessionSummarySchema = z.object({
  id: z.string().describe('An opaque id for ending this session'),
  label: z.string(),
  created_at: z.string(),
  last_seen_at: z.string(),
  current: z.boolean(),
});
export const sessionListSchema = z.object({ sessions: z.array(sessionSummarySchema) });

export const sessionIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();

export const recoveryCodesSchema = z.object({ recovery_codes: z.array(z.string()) });

export const deleteAccountSchema = z
  .object({
    password: passwordSchema,
    posts: z.enum(['delete', 'keep']).describe('Delete your group posts, or keep them under "former member"'),
  })
  .strict();

export const okSchema = z.object({ ok: z.literal(true) });

export const accountExportSchema = z.object({
  format: z.literal('kinship-account-export'),
  version: z.literal(1),
  exported_at: z.string(),
  account: accountSchema,
  sections: z
    .record(z.string(), z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))))
    .describe('Each part of your data, as rows'),
});
export type AccountExport = z.infer<typeof accountExportSchema>;
