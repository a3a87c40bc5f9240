import type { SearchQuery, SearchResult } from './engine/query.js';
import { encodeCursor } from './cursor.js';
import { MILES_PER_KM } from './search-request.js';

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The search response as JSON text, assembled around the hits' summaries, already JSON (`summariesOf`, read for
 * this page): no object per result is built and serialised again. A hit whose meeting no longer exists in the
 * database (removed since the index found it) is left out.
 */
export function searchResponseJson(
  summaries: ReadonlyMap<number, string>,
  q: SearchQuery,
  r: SearchResult,
  units: 'km' | 'mi',
): string {
  const now = q.after?.nowMs ?? q.nowMs;
  const results: string[] = [];
  for (const h of r.hits) {
    const summary = summaries.get(h.id);
    if (summary === undefined) continue;
    const distance = h.distanceKm === null ? null : round(units === 'mi' ? h.distanceKm * MILES_PER_KM : h.distanceKm);
    const next =
      h.startMs === null || h.endMs === null
        ? null
        : {
            start: new Date(h.startMs).toISOString(),
            end: new Date(h.endMs).toISOString(),
            happening_now: h.happeningNow,
            starts_in_min: Math.round((h.startMs - now) / 60_000),
          };
    results.push(`{"meeting":${summary},"distance":${JSON.stringify(distance)},"next":${JSON.stringify(next)}}`);
  }
  const tail = JSON.stringify({
    total: r.total,
    next_cursor: r.next ? encodeCursor(r.next) : null,
    facets: r.facets,
    searched_at: new Date(now).toISOString(),
    tz: q.zone,
    units,
  });
  return `{"results":[${results.join(',')}],${tail.slice(1)}`;
}
