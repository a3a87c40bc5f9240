/**
 * The finder's whole search lives in the page's query string, so a search can be bookmarked, shared and walked with
 * back/forward. The URL uses the names of `GET /api/meetings` (docs/search.md), so links built elsewhere (the
 * questionnaire's prefilled search) read the same here. This module is pure: it runs in the server test project too.
 */

export const TIMES_OF_DAY = ['morning', 'midday', 'evening', 'night'] as const;
export const WHENS = ['now', 'soon', 'today'] as const;
export const ATTENDANCES = ['in_person', 'online', 'hybrid'] as const;
export const ONLINE_MODES = ['include', 'exclude', 'only'] as const;
export const SORTS = ['distance', 'soonest', 'name'] as const;
export const RADII = [2, 5, 10, 25, 50, 100] as const;
/** How results are shown; the map is a page's choice, not part of the search sent to the API. */
export const VIEWS = ['list', 'map'] as const;

/**
 * Copies of the API's limits (`SEARCH_LIMITS` and `PLACE_LIMITS` in src/shared/schemas): importing those modules would
 * pull zod into the page's bundle. search-state.test.ts checks that the copies agree.
 */
export const FINDER_LIMITS = { q: 200, list: 30, radius: 500 } as const;

export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
export type When = (typeof WHENS)[number];
export type Attendance = (typeof ATTENDANCES)[number];
export type OnlineMode = (typeof ONLINE_MODES)[number];
export type Sort = (typeof SORTS)[number];
export type Units = 'km' | 'mi';
export type View = (typeof VIEWS)[number];

export interface FinderState {
  /** A place id from /api/places ("geonames:5199600"). */
  near?: string;
  lat?: number;
  lng?: number;
  radius?: number;
  units?: Units;
  /** 0 (Sunday) to 6, in the searcher's zone. */
  day?: number;
  timeOfDay: TimeOfDay[];
  when?: When;
  fellowship: string[];
  attendance: Attendance[];
  /** Meeting Guide type codes; every one must apply (the API's default `types_mode=and`). */
  types: string[];
  online?: OnlineMode;
  q?: string;
  sort?: Sort;
  /** Absent: the list. */
  view?: View;
}

const PLACE_ID = /^geonames:[1-9]\d{0,9}$/;
const TYPE_CODE = /^[A-Za-z0-9-]{1,64}$/;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

const csv = (value: string | null): string[] =>
  [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, FINDER_LIMITS.list);

const numberIn = (value: string | null, min: number, max: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
};

/**
 * The search a URL describes. A hand-edited or outdated link is read as far as it makes sense: a value that is not
 * allowed is dropped rather than failing the whole page, so the visitor still gets results.
 */
export function parseFinderParams(params: URLSearchParams): FinderState {
  const near = params.get('near') ?? '';
  const lat = numberIn(params.get('lat'), -90, 90);
  const lng = numberIn(params.get('lng'), -180, 180);
  const hasPoint = lat !== undefined && lng !== undefined;
  const radius = numberIn(params.get('radius'), 0.1, FINDER_LIMITS.radius);
  const day = numberIn(params.get('day'), 0, 6);
  const q = params.get('q')?.trim().slice(0, FINDER_LIMITS.q);
  return {
    near: PLACE_ID.test(near) && !hasPoint ? near : undefined,
    lat: hasPoint ? lat : undefined,
    lng: hasPoint ? lng : undefined,
    radius,
    units: oneOf(['km', 'mi'], params.get('units')),
    day: day !== undefined && Number.isInteger(day) ? day : undefined,
    timeOfDay: csv(params.get('time_of_day')).filter((t): t is TimeOfDay => oneOf(TIMES_OF_DAY, t) !== undefined),
    when: oneOf(WHENS, params.get('when')),
    fellowship: csv(params.get('fellowship')).filter((f) => f.length <= 40),
    attendance: csv(params.get('attendance')).filter((a): a is Attendance => oneOf(ATTENDANCES, a) !== undefined),
    types: csv(params.get('types')).filter((t) => TYPE_CODE.test(t)),
    online: oneOf(ONLINE_MODES, params.get('online')),
    q: q ? q : undefined,
    sort: oneOf(SORTS, params.get('sort')),
    view: params.get('view') === 'map' ? 'map' : undefined,
  };
}

/** Appends the fields both the page URL and the API query carry, under the same names. */
function appendCommon(p: URLSearchParams, s: FinderState): void {
  if (s.near) p.set('near', s.near);
  if (s.lat !== undefined && s.lng !== undefined) {
    p.set('lat', String(s.lat));
    p.set('lng', String(s.lng));
  }
  if (s.radius !== undefined) p.set('radius', String(s.radius));
  if (s.units) p.set('units', s.units);
  if (s.day !== undefined) p.set('day', String(s.day));
  if (s.timeOfDay.length > 0) p.set('time_of_day', s.timeOfDay.join(','));
  if (s.when) p.set('when', s.when);
  if (s.fellowship.length > 0) p.set('fellowship', s.fellowship.join(','));
  if (s.attendance.length > 0) p.set('attendance', s.attendance.join(','));
  if (s.types.length > 0) p.set('types', s.types.join(','));
  if (s.online && s.online !== 'include') p.set('online', s.online);
  if (s.q) p.set('q', s.q);
  if (s.sort) p.set('sort', s.sort);
}

/** The page's query string for a search, in a fixed order and without defaults, so equal searches have equal URLs. */
export function toFinderParams(state: FinderState): URLSearchParams {
  const p = new URLSearchParams();
  appendCommon(p, state);
  if (state.view === 'map') p.set('view', 'map');
  return p;
}

/**
 * The `GET /api/meetings` query for a search: the searcher's zone (so "Monday" and "evening" are theirs), the units
 * the distances are shown in, and the cursor of the page to fetch.
 */
export function toApiQuery(
  state: FinderState,
  opts: { tz: string; units: Units; cursor?: string; limit?: number },
): URLSearchParams {
  const p = new URLSearchParams();
  appendCommon(p, { ...state, units: state.units ?? opts.units });
  p.set('tz', opts.tz);
  p.set('limit', String(opts.limit ?? 20));
  if (opts.cursor) p.set('cursor', opts.cursor);
  return p;
}

/** How many filters (not the place, words or order) narrow the search: shown on the filters button. */
export function countFilters(s: FinderState): number {
  return (
    (s.radius !== undefined ? 1 : 0) +
    (s.day !== undefined ? 1 : 0) +
    (s.when ? 1 : 0) +
    (s.online && s.online !== 'include' ? 1 : 0) +
    s.timeOfDay.length +
    s.fellowship.length +
    s.attendance.length +
    s.types.length
  );
}

/** The search without any filter: keeps where, the words and the order. */
export function withoutFilters(s: FinderState): FinderState {
  return {
    near: s.near,
    lat: s.lat,
    lng: s.lng,
    q: s.q,
    sort: s.sort,
    view: s.view,
    timeOfDay: [],
    fellowship: [],
    attendance: [],
    types: [],
  };
}

/** A list value with `item` added or removed. */
export function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  const rest = list.filter((x) => x !== item);
  return on ? [...rest, item] : rest;
}

/**
 * Miles where people measure road distances in miles (the US, the UK, Liberia, Myanmar), kilometres elsewhere.
 * Taken from the browser's locale, which is read on the device and sent nowhere.
 */
export function defaultUnits(locale: string): Units {
  const region = /[-_]([A-Za-z]{2})\b/.exec(locale)?.[1]?.toUpperCase();
  return region && ['US', 'GB', 'LR', 'MM'].includes(region) ? 'mi' : 'km';
}
