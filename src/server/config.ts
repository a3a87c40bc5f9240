import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './security/rate-limits.js';

/**
 * Every environment variable Kinship reads, with the default a newcomer gets.
 * The README's configuration table mirrors this list; keep the two in step.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyAsUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const databaseUrl = z.string().refine((v) => /^sqlite:/.test(v) || /^postgres(ql)?:\/\//.test(v), {
  message: 'must start with sqlite: (for example sqlite:./data/kinship.db) or postgres://',
});

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** A Leaflet tile template: http(s) with {z}, {x} and {y} placeholders. */
const tileUrl = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL template')
  .refine((v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)), {
    message: 'must contain the {z}, {x} and {y} placeholders',
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: databaseUrl.default('sqlite:./data/kinship.db'),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  MAP_TILE_URL: z.preprocess(emptyAsUndefined, tileUrl.optional()),
  MAP_TILE_ATTRIBUTION: z.preprocess(emptyAsUndefined, z.string().max(500).optional()),
  TRUST_PROXY: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  WEB_ROOT: z.preprocess(emptyAsUndefined, z.string().optional()),
  ADMIN_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(24, 'must be at least 24 characters').optional()),
  SCHEDULER: z
    .enum(['on', 'off'], { error: 'must be on or off' })
    .default('on')
    .transform((v) => v === 'on'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(525_600).default(10_080),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must start with smtp:// or smtps://')
      .refine((v) => URL.canParse(v), 'is not a valid URL')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .max(320)
      .regex(/^[^\r\n]*@[^\r\n]+$/, 'must be an address, like Kinship <no-reply@example.org>')
      .default('Kinship <no-reply@localhost>'),
  ),
});

/**
 * Variables whose value can hold a password or a token: a configuration error names them but never prints their
 * value, since start-up errors end up in logs and support tickets.
 */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'ADMIN_TOKEN']);

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  publicUrl: string;
  /** Whether PUBLIC_URL was set; when not, passkeys and reset links follow a loopback request's own host. */
  publicUrlConfigured: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  map: { tileUrl: string | undefined; attribution: string | undefined };
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** Directory holding the built web app; undefined means the default `dist/web`. */
  webRoot: string | undefined;
  /**
   * Bearer token for the admin API until accounts and roles exist; unset
   * disables the admin API entirely.
   */
  adminToken: string | undefined;
  /** Refresh URL sources on their schedule inside this process. */
  scheduler: boolean;
  /** How long a member's session lasts unused, and at most. Privileged sessions are shorter (see security docs). */
  sessions: { idleMs: number; absoluteMs: number };
  rateLimits: RateLimitSettings;
  /** Outgoing mail for password resets; unset `smtpUrl` turns e-mail reset off. */
  mail: { smtpUrl: string | undefined; from: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the whole environment at once, so an operator sees every
 * bad variable in one go instead of fixing them one restart at a time.
 * @throws ConfigError listing each problem as "NAME: reason".
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = env[name];
      const shown =
        value === undefined
          ? 'missing'
          : SECRET_VARIABLES.has(name)
            ? 'value hidden'
            : `got ${JSON.stringify(value.slice(0, 80))}`;
      return `${name}: ${issue.message} (${shown})`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    publicUrlConfigured: e.PUBLIC_URL !== undefined,
    logLevel: e.LOG_LEVEL,
    map: { tileUrl: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION },
    trustProxy: e.TRUST_PROXY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    webRoot: e.WEB_ROOT,
    adminToken: e.ADMIN_TOKEN,
    scheduler: e.SCHEDULER,
    sessions: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_MAX_DAYS * 86_400_000 },
    rateLimits: { ...DEFAULT_RATE_LIMITS, api: { ...DEFAULT_RATE_LIMITS.api, limit: e.RATE_LIMIT_API_PER_MINUTE } },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
  };
}

/** Configuration for tests and embedding: defaults plus overrides, never the process environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SCHEDULER: 'off', RATE_LIMIT_API_PER_MINUTE: '0' });
  // Test files sign up many accounts from one address; the tests of the limits themselves set their own.
  const rateLimits = { ...base.rateLimits, signUp: { limit: 10_000, windowMs: 60_000 } };
  return { ...base, rateLimits, ...overrides };
}
