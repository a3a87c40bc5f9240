import type { Attendance } from '../../../db/types.js';

/** tsml-ui's parts of the day, in the searcher's local time. */
export const TIME_OF_DAY = {
  morning: [4 * 60, 12 * 60],
  midday: [12 * 60, 17 * 60],
  evening: [17 * 60, 21 * 60],
  night: [21 * 60, 4 * 60],
} as const;
export type TimeOfDay = keyof typeof TIME_OF_DAY;

export type SortOrder = 'distance' | 'soonest' | 'name';

/** Where a page ended: the sort key and id of its last result, and the instant the search was made at. */
export interface CursorKey {
  sort: SortOrder;
  key: number | string;
  id: number;
  nowMs: number;
}

/** A validated search, with every time judgement made in the searcher's zone at `nowMs`. */
export interface SearchQuery {
  nowMs: number;
  /** The searcher's IANA zone. */
  zone: string;
  near?: { lat: number; lng: number; radiusKm: number };
  /** With `near`: online meetings (matched by time and language, not distance) are included, excluded, or all there is. */
  online: 'include' | 'exclude' | 'only';
  /** Searcher-local weekdays, 0 = Sunday. */
  days?: number[];
  timeOfDay?: TimeOfDay[];
  when?: 'now' | 'soon' | 'today' | 'later_today';
  soonMinutes: number;
  types?: string[];
  typesMode: 'and' | 'or';
  fellowships?: string[];
  attendance?: Attendance[];
  /** Language type codes (S, FR, …); a meeting matches with any of them. */
  languages?: string[];
  /** Region paths; a meeting matches in the region or below it. */
  regions?: string[];
  text?: string;
  sourceIds?: number[];
  sort: SortOrder;
  limit: number;
  after?: CursorKey;
}

export interface SearchHit {
  id: number;
  slot: number;
  distanceKm: number | null;
  /** The occurrence in progress, or the next one; null for meetings by appointment. */
  startMs: number | null;
  endMs: number | null;
  happeningNow: boolean;
}

export interface Facets {
  types: Record<string, number>;
  fellowship: Record<string, number>;
  attendance: Record<string, number>;
  /** Matches meeting on each searcher-local weekday in the coming week, "0" = Sunday. */
  day: Record<string, number>;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: Facets;
  next: CursorKey | null;
}
