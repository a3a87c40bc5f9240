// Ranking packed into one number, compared once per candidate: exact name,
// then qualifiers matched (0–2), then population (capped; the largest city
// has 22 million).
const POPULATION_CAP = 2 ** 25 - 1;
const QUALIFIER_WEIGHT = 2 ** 25;
const EXACT_WEIGHT = 4 * QUALIFIER_WEIGHT;

/** A candidate city (its position in the index) and its score. */
export interface Ranked {
  city: number;
  score: number;
}

/** Exact name first, then qualifiers matched, then population. */
export function rankScore(exact: boolean, qualifiersMatched: number, population: number): number {
  return (exact ? EXACT_WEIGHT : 0) + qualifiersMatched * QUALIFIER_WEIGHT + Math.min(population, POPULATION_CAP);
}

/** Higher score first; on a tie the lower GeoNames id, so results are stable. */
function outranks(a: Ranked, b: Ranked, ids: Uint32Array): boolean {
  return a.score > b.score || (a.score === b.score && ids[a.city]! < ids[b.city]!);
}

/** Keeps `top` as the best `limit` cities, best first. A city reached through two names is kept once. */
export function keepBest(top: Ranked[], candidate: Ranked, limit: number, ids: Uint32Array): void {
  const last = top[top.length - 1];
  if (top.length === limit && last && !outranks(candidate, last, ids)) return;
  const seen = top.findIndex((t) => t.city === candidate.city);
  if (seen >= 0) {
    if (!outranks(candidate, top[seen]!, ids)) return;
    top.splice(seen, 1);
  }
  let at = top.length;
  while (at > 0 && outranks(candidate, top[at - 1]!, ids)) at--;
  top.splice(at, 0, candidate);
  if (top.length > limit) top.pop();
}
