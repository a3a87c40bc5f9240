import { z } from 'zod';

export const SEARCH_LIMITS = { q: 200, region: 500, list: 30, radiusKm: 500, pageSize: 100 } as const;

const csv = <T extends z.ZodType>(item: T, max: number = SEARCH_LIMITS.list) =>
  z
    .string()
    .max(2000)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length > max) {
        ctx.addIssue({ code: 'custom', message: `at most ${max} values` });
        return z.NEVER;
      }
      const out: z.infer<T>[] = [];
      for (const p of parts) {
        const r = item.safeParse(p);
        if (!r.success) {
          ctx.addIssue({ code: 'custom', message: `"${p.slice(0, 40)}" is not allowed here` });
          return z.NEVER;
        }
        out.push(r.data);
      }
      return out;
    });

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const day = z.string().transform((s, ctx) => {
  const lower = s.toLowerCase();
  const n = /^[0-6]$/.test(lower) ? Number(lower) : DAY_NAMES.findIndex((d) => d === lower || d.slice(0, 3) === lower);
  if (n < 0) {
    ctx.addIssue({ code: 'custom', message: 'a weekday: 0 (Sunday) to 6, or a day name' });
    return z.NEVER;
  }
  return n;
});

export const searchQuerySchema = z
  .object({
    near: z
      .string()
      .max(40)
      .optional()
      .describe('A place id from /api/places: search around it (its time zone is the default tz)'),
    lat: z.coerce.number().min(-90).max(90).optional().describe('Latitude of the point to search around'),
    lng: z.coerce.number().min(-180).max(180).optional().describe('Longitude of the point to search around'),
    radius: z.coerce.number().gt(0).max(SEARCH_LIMITS.radiusKm).default(25).describe('Search radius, in `units` (default 25)'),
    units: z.enum(['km', 'mi']).default('km').describe('Units of radius and of the distances returned'),
    online: z
      .enum(['include', 'exclude', 'only'])
      .default('include')
      .describe('Online meetings, matched by time and language rather than distance: include them, leave them out, or only them'),
    tz: z
      .string()
      .max(64)
      .optional()
      .describe('The searcher’s IANA time zone; "today", days and times are judged in it (default: the place’s zone, else UTC)'),
    day: csv(day, 7).optional().describe('Weekdays in the searcher’s zone, comma-separated: 0 (Sunday) to 6, or names'),
    time_of_day: csv(z.enum(['morning', 'midday', 'evening', 'night']), 4)
      .optional()
      .describe('Parts of the day in the searcher’s zone: morning (4–12), midday (12–17), evening (17–21), night (21–4)'),
    when: z
      .enum(['now', 'soon', 'today', 'later_today'])
      .optional()
      .describe('now: happening now; soon: starting within soon_minutes; today / later_today: in the searcher’s today'),
    soon_minutes: z.coerce.number().int().min(5).max(720).default(60).describe('Window of `when=soon`, in minutes'),
    types: csv(z.string().min(1).max(64)).optional().describe('Meeting Guide type codes, comma-separated; see types_mode'),
    types_mode: z.enum(['and', 'or']).default('and').describe('and: every type must apply (default); or: any'),
    fellowship: csv(z.string().min(1).max(40)).optional().describe('Fellowships, comma-separated (AA, NA, …)'),
    attendance: csv(z.enum(['in_person', 'online', 'hybrid', 'inactive']), 4)
      .optional()
      .describe('How one attends, comma-separated'),
    language: csv(z.string().min(1).max(8)).optional().describe('Language type codes (S, FR, …), comma-separated; any of them'),
    region: z
      .string()
      .min(1)
      .max(SEARCH_LIMITS.region)
      .optional()
      .describe('A region path such as "Delaware County > Media"; includes sub-regions'),
    q: z
      .string()
      .max(SEARCH_LIMITS.q)
      .optional()
      .describe('Words to find in name, group, place and notes: case- and accent-insensitive prefixes; "quoted phrases" too'),
    sort: z
      .enum(['distance', 'soonest', 'name'])
      .optional()
      .describe('Order of results (default: distance near a point, else soonest)'),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMITS.pageSize).default(25).describe('Results per page'),
    cursor: z.string().max(400).optional().describe('next_cursor of the previous page'),
  })
  .strict();

export type SearchQueryInput = z.infer<typeof searchQuerySchema>;

export const occurrenceSchema = z.object({
  start: z.string().describe('ISO-8601 UTC'),
  end: z.string(),
  happening_now: z.boolean(),
  starts_in_min: z.number().int().describe('Minutes until it starts; negative while in progress'),
});

export const searchResponseSchema = z.object({
  results: z.array(
    z.object({
      meeting: z.record(z.string(), z.unknown()).describe('The meeting as a list row needs it; /api/meetings/:id has the rest'),
      distance: z.number().nullable().describe('In `units`, when searching near a point'),
      next: occurrenceSchema.nullable().describe('The occurrence in progress or the next one; null for meetings by appointment'),
    }),
  ),
  total: z.number().int(),
  next_cursor: z.string().nullable(),
  facets: z.object({
    types: z.record(z.string(), z.number().int()),
    fellowship: z.record(z.string(), z.number().int()),
    attendance: z.record(z.string(), z.number().int()),
    day: z.record(z.string(), z.number().int()),
  }),
  searched_at: z.string(),
  tz: z.string(),
  units: z.enum(['km', 'mi']),
});
