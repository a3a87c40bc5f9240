import { badRequest } from '../../errors.js';
import type { SearchQueryInput } from '../../../shared/schemas/search.js';
import { isValidZone } from '../meetings/normalize/shared-fields.js';
import { decodeCursor } from './cursor.js';
import type { SearchQuery } from './engine/query.js';
import type { MeetingStore } from './index/meeting-store.js';
import { SPEC_TYPES } from '../meetings/normalize/types.js';

export const MILES_PER_KM = 0.621371;

export interface PlaceLookup {
  find(id: string): Promise<ResolvedPlace | undefined>;
}

export interface ResolvedPlace {
  lat: number;
  lng: number;
  timezone: string;
}

/**
 * Turns validated query parameters (and the place `near` names, already
 * looked up) into an engine query, refusing what the
 * schema alone cannot judge (unknown place, zone, type; a cursor that is not
 * ours), each with the parameter named.
 */
export function toSearchQuery(
  input: SearchQueryInput,
  store: MeetingStore,
  place: ResolvedPlace | undefined,
  nowMs: number,
): SearchQuery {
  const field = (name: string, message: string) => badRequest(message, [{ field: `querystring.${name}`, message }]);
  let near: SearchQuery['near'];
  let zone = input.tz;
  const radiusKm = input.units === 'mi' ? input.radius / MILES_PER_KM : input.radius;
  if (input.near !== undefined) {
    if (!place) throw field('near', `no place with id "${input.near}"; use /api/places to find one`);
    near = { lat: place.lat, lng: place.lng, radiusKm };
    zone ??= place.timezone;
  } else if (input.lat !== undefined || input.lng !== undefined) {
    if (input.lat === undefined || input.lng === undefined)
      throw field(input.lat === undefined ? 'lat' : 'lng', 'lat and lng go together');
    near = { lat: input.lat, lng: input.lng, radiusKm };
  }
  zone ??= 'UTC';
  if (!isValidZone(zone)) throw field('tz', `"${zone}" is not an IANA time zone such as America/New_York`);
  for (const [name, codes] of [
    ['types', input.types],
    ['language', input.language],
  ] as const) {
    const unknown = codes?.find((c) => SPEC_TYPES[c] === undefined && store.typeCodes.find(c) < 0);
    if (unknown !== undefined) throw field(name, `unknown type code "${unknown.slice(0, 64)}"`);
  }
  const sort = input.sort ?? (near ? 'distance' : 'soonest');
  if (sort === 'distance' && !near) throw field('sort', 'sorting by distance needs a place (near, or lat and lng)');
  const after = input.cursor === undefined ? undefined : (decodeCursor(input.cursor, sort) ?? undefined);
  if (input.cursor !== undefined && !after) throw field('cursor', 'not a cursor from a previous page of this search');
  return {
    nowMs,
    zone,
    near,
    online: input.online,
    days: input.day,
    timeOfDay: input.time_of_day,
    when: input.when,
    soonMinutes: input.soon_minutes,
    types: input.types,
    typesMode: input.types_mode,
    fellowships: input.fellowship,
    attendance: input.attendance,
    languages: input.language,
    regions: input.region ? [input.region] : undefined,
    text: input.q?.trim() || undefined,
    sort,
    limit: input.limit,
    after,
  };
}
