/**
 * The shapes the finder reads from `GET /api/meetings` and `GET /api/places` (src/shared/schemas/search.ts and
 * places.ts describe them in full; those modules are not imported here because they would bring zod into the page).
 */

export interface Occurrence {
  start: string;
  end: string;
  happening_now: boolean;
  starts_in_min: number;
}

/** The fields of a result's `meeting` that the list shows (`summaryOf` in src/server/modules/search/meeting-rows.ts). */
export interface MeetingSummary {
  id: number;
  name: string;
  fellowship: string | null;
  attendance: 'in_person' | 'online' | 'hybrid' | 'inactive';
  types: string[];
  timezone: string | null;
  location: string | null;
  formatted_address: string | null;
  city: string | null;
  region: string | null;
  /** Null for a meeting with no place (online only, or not geocoded). */
  lat: number | null;
  lng: number | null;
}

export interface SearchResult {
  meeting: MeetingSummary;
  distance: number | null;
  next: Occurrence | null;
}

export interface Facets {
  types: Record<string, number>;
  fellowship: Record<string, number>;
  attendance: Record<string, number>;
  day: Record<string, number>;
}

export interface SearchResponse {
  results: SearchResult[];
  total: number;
  next_cursor: string | null;
  facets: Facets;
  tz: string;
  units: 'km' | 'mi';
}

export interface Place {
  id: string;
  label: string;
  lat: number;
  lng: number;
}

/** A failed request: `status` 0 when the network failed, else the HTTP status. */
export class RequestError extends Error {
  constructor(readonly status: number) {
    super(status === 0 ? 'network' : `HTTP ${status}`);
  }
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new RequestError(0);
  }
  if (!res.ok) throw new RequestError(res.status);
  return (await res.json()) as T;
}

export const searchMeetings = (query: URLSearchParams, signal: AbortSignal) =>
  getJson<SearchResponse>(`/api/meetings?${query.toString()}`, signal);

/** Longest place query the API takes (PLACE_LIMITS.query in src/shared/schemas/places.ts; not imported: zod). */
export const PLACE_QUERY_MAX = 100;

export const findPlaces = (q: string, signal: AbortSignal) =>
  getJson<{ places: Place[] }>(`/api/places?${new URLSearchParams({ q, limit: '8' }).toString()}`, signal).then((b) => b.places);

export const getPlace = (id: string, signal: AbortSignal) =>
  getJson<{ place: Place }>(`/api/places/${encodeURIComponent(id)}`, signal).then((b) => b.place);

/** The operator's map tiles (`GET /api/meta`); a null URL means no tiles: markers on a plain background. */
export interface MapTiles {
  tile_url: string | null;
  attribution: string | null;
}

export const getMapTiles = (signal: AbortSignal) => getJson<{ map: MapTiles }>('/api/meta', signal).then((b) => b.map);
