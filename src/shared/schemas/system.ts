import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  uptime_s: z.number().describe('Seconds since this process started'),
});

const checkState = z.enum(['ok', 'failing']);

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: checkState.describe('The database answers a query'),
    migrations: checkState.describe('Every migration has been applied'),
    bus: checkState.describe('The event bus can deliver'),
  }),
  pending_migrations: z.array(z.string()).optional(),
});

export const metaSchema = z.object({
  name: z.literal('Kinship'),
  version: z.string(),
  schema_version: z.string().nullable().describe('Name of the latest applied migration'),
  map: z.object({
    tile_url: z.string().nullable().describe('Leaflet tile URL template configured by the operator; null means no tiles'),
    attribution: z.string().nullable(),
  }),
  accounts: z.object({
    email_reset: z.boolean().describe('Whether "Forgot your password? E-mail me a link" is offered (SMTP is configured)'),
  }),
});

export type Health = z.infer<typeof healthSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
export type Meta = z.infer<typeof metaSchema>;
