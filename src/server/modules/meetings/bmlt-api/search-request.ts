import type { BmltQuery } from './query-schema.js';
import { timeOf } from './query-params.js';
import { KM_PER_MILE, type Point } from './geo.js';
import { selectFields } from './meeting-fields.js';

/** Values asked for, and values left out (BMLT's negative numbers). */
export interface IncludeExclude {
  include: number[];
  exclude: number[];
}

/** A GetSearchResults request, read from the query. Times and durations are minutes. */
export interface SearchRequest {
  weekdays: IncludeExclude;
  venues: IncludeExclude;
  formats: IncludeExclude;
  /** OR: a meeting needs one of the included formats rather than all. */
  anyFormat: boolean;
  services: IncludeExclude;
  recursive: boolean;
  meetingIds: IncludeExclude;
  startsAfter?: number;
  startsBefore?: number;
  endsBefore?: number;
  minDuration?: number;
  maxDuration?: number;
  center?: Point;
  radiusKm?: number;
  /** The N nearest meetings (a negative width). */
  nearest?: number;
  /** Folded words that must all appear. */
  words: string[];
  sortKeys: string[];
  byDistance: boolean;
  page?: { size: number; num: number };
  fields: ReadonlySet<string> | null;
}

const DEFAULT_SORT = ['weekday_tinyint', 'start_time', 'duration_time'];

/** BMLT's `sort_key` names. */
const SORT_ALIASES: Record<NonNullable<BmltQuery['sort_key']>, string[]> = {
  weekday: ['weekday_tinyint', 'location_municipality', 'location_city_subsection', 'start_time', 'location_neighborhood'],
  time: ['weekday_tinyint', 'start_time', 'location_municipality', 'location_city_subsection', 'location_neighborhood'],
  town: ['location_municipality', 'location_city_subsection', 'location_neighborhood', 'weekday_tinyint', 'start_time'],
  state: ['location_province', 'location_municipality', 'location_city_subsection', 'weekday_tinyint', 'start_time'],
  weekday_state: ['weekday_tinyint', 'location_province', 'location_municipality', 'start_time', 'location_city_subsection'],
};

/** Case and accents do not matter in a text search: "espanol" finds "Español". */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Joins the `key` and `key[]` spellings and splits positive from negative values. */
export function includeExclude(...lists: (number[] | undefined)[]): IncludeExclude {
  const all = lists.flatMap((l) => l ?? []);
  return { include: all.filter((n) => n > 0), exclude: all.filter((n) => n < 0).map((n) => -n) };
}

/** Reads the validated query into a request; the query schema has already refused bad values. */
export function toSearchRequest(q: BmltQuery): SearchRequest {
  const req: SearchRequest = {
    weekdays: includeExclude(q.weekdays, q['weekdays[]']),
    venues: includeExclude(q.venue_types, q['venue_types[]']),
    formats: includeExclude(q.formats, q['formats[]']),
    anyFormat: q.formats_comparison_operator?.toUpperCase() === 'OR',
    services: includeExclude(q.services, q['services[]']),
    recursive: q.recursive,
    meetingIds: includeExclude(q.meeting_ids, q['meeting_ids[]']),
    startsAfter: timeOf(q.StartsAfterH, q.StartsAfterM),
    startsBefore: timeOf(q.StartsBeforeH, q.StartsBeforeM),
    endsBefore: timeOf(q.EndsBeforeH, q.EndsBeforeM),
    minDuration: timeOf(q.MinDurationH, q.MinDurationM),
    maxDuration: timeOf(q.MaxDurationH, q.MaxDurationM),
    words: fold(q.SearchString ?? '')
      .split(/\s+/)
      .filter(Boolean),
    sortKeys: sortKeysOf(q),
    byDistance: q.sort_results_by_distance,
    page: q.page_size === undefined ? undefined : { size: q.page_size, num: q.page_num ?? 1 },
    fields: selectFields(q.data_field_key),
  };
  if (q.lat_val !== undefined && q.long_val !== undefined) {
    req.center = { lat: q.lat_val, lng: q.long_val };
    // Miles win when both are sent, as on a BMLT server.
    const width = q.geo_width !== undefined ? q.geo_width * KM_PER_MILE : q.geo_width_km;
    if (width !== undefined && width < 0) req.nearest = Math.trunc(q.geo_width ?? q.geo_width_km ?? 0) * -1;
    else req.radiusKm = width;
  }
  return req;
}

function sortKeysOf(q: BmltQuery): string[] {
  const listed = (q.sort_keys ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (listed.length > 0) return listed.slice(0, 10);
  return q.sort_key ? SORT_ALIASES[q.sort_key] : DEFAULT_SORT;
}
