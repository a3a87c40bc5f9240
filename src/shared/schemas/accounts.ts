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

/**
 * Passkeys (WebAuthn). What an authenticator returns is checked by the WebAuthn library on the server; these schemas
 * only bound sizes, so an oversized body cannot cost memory or time, and drop keys the library does not read.
 */
export const WEBAUTHN_LIMITS = {
  /** Any one base64url field (attestation objects with certificate chains run to a few KB). */
  field: 65_536,
  /** A credential id is at most 1023 bytes (WebAuthn §5.8.3), 1364 characters in base64url. */
  credentialId: 1400,
} as const;

const base64url = (max: number = WEBAUTHN_LIMITS.field) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'must be base64url');

const credentialEnvelope = {
  id: base64url(WEBAUTHN_LIMITS.credentialId).min(1),
  rawId: base64url(WEBAUTHN_LIMITS.credentialId).min(1),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z
    .record(z.string().max(64), z.unknown())
    .refine((v) => Object.keys(v).length <= 16, 'has too many entries'),
};

export const registrationResponseSchema = z
  .object({
    ...credentialEnvelope,
    response: z.object({
      clientDataJSON: base64url().min(1),
      attestationObject: base64url().min(1),
      authenticatorData: base64url().optional(),
      transports: z.array(z.string().max(32)).max(10).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url().optional(),
    }),
  })
  .describe('RegistrationResponseJSON, as navigator.credentials.create() gives it (WebAuthn §5.1)');

export const authenticationResponseSchema = z
  .object({
    ...credentialEnvelope,
    response: z.object({
      clientDataJSON: base64url().min(1),
      authenticatorData: base64url().min(1),
      signature: base64url().min(1),
      userHandle: base64url(256).optional(),
    }),
  })
  .describe('AuthenticationResponseJSON, as navigator.credentials.get() gives it (WebAuthn §5.1)');

export const passkeyNameSchema = z.string().trim().min(1).max(ACCOUNT_LIMITS.passkeyName);

export const passkeyOptionsRequestSchema = z
  .object({ password: passwordSchema.describe('The current password: a borrowed session cannot add a passkey') })
  .strict();

export const passkeyAddSchema = z
  .object({
    name: passkeyNameSchema.describe('A name the member recognises, like "phone" or "blue key"'),
    response: registrationResponseSchema,
  })
  .strict();

export const passkeyIdParamsSchema = z
  .object({
    id: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  })
  .strict();

export const passkeySignInOptionsSchema = z
  .object({
    challenge: z
      .string()
      .min(1)
      .max(ACCOUNT_LIMITS.token)
      .optional()
      .describe('The second-factor token from /api/auth/sign-in; leave out for a sign-in with a passkey alone'),
  })
  .strict();

export const passkeySignInSchema = z
  .object({
    challenge: z.string().min(1).max(ACCOUNT_LIMITS.token).optional().describe('The same token as for the options, if any'),
    response: authenticationResponseSchema,
  })
  .strict();

export const passkeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const passkeyListSchema = z.object({ passkeys: z.array(passkeySchema) });

const credentialDescriptor = z.looseObject({
  id: z.string(),
  type: z.string(),
  transports: z.array(z.string()).optional(),
});

export const passkeyCreationOptionsSchema = z.object({
  options: z
    .looseObject({
      rp: z.looseObject({ id: z.string().optional(), name: z.string() }),
      user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
      challenge: z.string(),
      pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.string() })),
      excludeCredentials: z.array(credentialDescriptor).optional(),
    })
    .describe('PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create()'),
});

export const passkeyRequestOptionsSchema = z.object({
  options: z
    .looseObject({
      challenge: z.string(),
      rpId: z.string().optional(),
      allowCredentials: z.array(credentialDescriptor).optional(),
      userVerification: z.string().optional(),
    })
    .describe('PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get()'),
});
export type PasskeyCreationOptions = z.infer<typeof passkeyCreationOptionsSchema>['options'];
export type PasskeyRequestOptions = z.infer<typeof passkeyRequestOptionsSchema>['options'];
