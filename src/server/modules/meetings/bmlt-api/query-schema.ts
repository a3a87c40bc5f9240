import { z } from 'zod';
import { decimalParam, flagParam, intListParam, intParam, presenceParam, stringListParam } from './query-params.js';

/** The BMLT requests Kinship answers. */
export const SWITCHERS = [
  'GetSearchResults',
  'GetFormats',
  'GetServiceBodies',
  'GetServerInfo',
  'GetFieldKeys',
  'GetCoverageArea',
] as const;

/** Largest id a list parameter may name: meeting-day ids reach 7 × 10^10 + 2^31. */
const MAX_ID = 99_999_999_999;

const weekdays = intListParam('Weekdays, 1 = Sunday … 7 = Saturday; -N leaves day N out. "1,2" or repeated.', 7);
const venueTypes = intListParam('Venue types: 1 in person, 2 virtual, 3 hybrid; negative to leave out.', 3);
const formats = intListParam(
  'Format ids from GetFormats; a meeting needs all of them (see formats_comparison_operator); negative to leave out.',
  MAX_ID,
);
const services = intListParam('Service body ids from GetServiceBodies; negative to leave out.', MAX_ID);
const meetingIds = intListParam('Meeting ids (id_bigint); negative to leave out.', MAX_ID);
const formatIds = intListParam('GetFormats: only these format ids; negative to leave out.', MAX_ID);
const hour = (what: string, max = 23) => intParam(`${what}: hour, 0–${max}`, 0, max);
const minute = (what: string) => intParam(`${what}: minute, 0–59`, 0, 59);

/**
 * One schema for every switcher, since BMLT sends them all to one URL.
 * Parameters a switcher does not use are ignored, and so are unknown ones:
 * clients add their own (jQuery's `_` cache buster, `callback` on JSON).
 */
export const bmltQuerySchema = z
  .object({
    switcher: z.enum(SWITCHERS).describe('What to answer: ' + SWITCHERS.join(', ')),
    weekdays,
    'weekdays[]': weekdays,
    venue_types: venueTypes,
    'venue_types[]': venueTypes,
    formats,
    'formats[]': formats,
    formats_comparison_operator: z
      .string()
      .regex(/^(and|or)$/i, 'must be AND or OR')
      .optional()
      .describe('AND (default): meetings with every format listed; OR: with any of them'),
    services,
    'services[]': services,
    recursive: flagParam('1: services include the service bodies below them'),
    parents: flagParam('GetServiceBodies, 1: also the service bodies above those asked for'),
    meeting_ids: meetingIds,
    'meeting_ids[]': meetingIds,
    lat_val: decimalParam('Latitude of the search centre', -90, 90),
    long_val: decimalParam('Longitude of the search centre', -180, 180),
    geo_width: decimalParam('Search radius in miles; negative N: the N nearest meetings', -1000, 12_500),
    geo_width_km: decimalParam(
      'Search radius in km (used when geo_width is absent); negative N: the N nearest meetings',
      -1000,
      20_100,
    ),
    sort_results_by_distance: flagParam('1: nearest first in a search around a point'),
    SearchString: z
      .string()
      .max(200)
      .optional()
      .describe('Words to find (all of them, any case or accent) in the name, location, address or notes'),
    StringSearchIsAnAddress: flagParam('Not supported: geocode on the client and send lat_val and long_val'),
    StartsAfterH: hour('Starts after'),
    StartsAfterM: minute('Starts after'),
    StartsBeforeH: hour('Starts before'),
    StartsBeforeM: minute('Starts before'),
    EndsBeforeH: hour('Ends at or before', 24),
    EndsBeforeM: minute('Ends at or before'),
    MinDurationH: hour('Lasts at least', 24),
    MinDurationM: minute('Lasts at least'),
    MaxDurationH: hour('Lasts at most', 24),
    MaxDurationM: minute('Lasts at most'),
    page_size: intParam('Meetings per page, 1–1000 (default: all)', 1, 1000),
    page_num: intParam('Page number, from 1 (with page_size)', 1, 1_000_000),
    data_field_key: z
      .string()
      .max(2000)
      .regex(/^[\w, ]*$/, 'must be field names separated by commas')
      .optional()
      .describe('Comma-separated fields to return (see GetFieldKeys); unknown names are ignored'),
    sort_keys: z
      .string()
      .max(500)
      .regex(/^[\w, ]*$/, 'must be field names separated by commas')
      .optional()
      .describe('Comma-separated fields to sort by (default weekday_tinyint,start_time,duration_time)'),
    sort_key: z
      .enum(['weekday', 'time', 'town', 'state', 'weekday_state'])
      .optional()
      .describe("BMLT's named sort orders, used when sort_keys is absent"),
    get_used_formats: presenceParam('Present: answer { meetings, formats } with the formats those meetings use'),
    get_formats_only: presenceParam('Present: answer { formats } only'),
    lang_enum: z
      .string()
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/, 'must be a language code such as en or es')
      .optional()
      .describe('Language of format names (en, es, fr, …); English where the spec has no translation'),
    format_ids: formatIds,
    'format_ids[]': formatIds,
    key_strings: stringListParam('GetFormats: only these key strings', 80),
    'key_strings[]': stringListParam('GetFormats: only these key strings', 80),
    show_all: flagParam('GetFormats, 1: every format, not only those live meetings use'),
    callback: z
      .string()
      .regex(/^[A-Za-z_$][\w$.]{0,63}$/, 'must be a JavaScript function name (letters, digits, _, $ and dots, up to 64)')
      .optional()
      .describe('JSONP only: the function to call (default "callback")'),
  })
  .superRefine((q, ctx) => {
    const hasLat = q.lat_val !== undefined;
    const hasLng = q.long_val !== undefined;
    if (hasLat !== hasLng) {
      ctx.addIssue({ code: 'custom', path: [hasLat ? 'long_val' : 'lat_val'], message: 'lat_val and long_val go together' });
    }
    if (!hasLat && !hasLng && (q.geo_width !== undefined || q.geo_width_km !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lat_val'], message: 'a radius search needs lat_val and long_val' });
    }
    if (q.StringSearchIsAnAddress) {
      ctx.addIssue({
        code: 'custom',
        path: ['StringSearchIsAnAddress'],
        message: 'address search is not supported: geocode on the client and send lat_val and long_val',
      });
    }
  });

export type BmltQuery = z.output<typeof bmltQuerySchema>;
