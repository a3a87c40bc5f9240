/**
 * A small seeded PRNG (mulberry32), so a benchmark feed is the same bytes on every run and machine: figures from
 * two runs then differ only by the code and the machine, never by the data.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a seed and an index into a new seed, so an item (a location) can be rebuilt from its index alone, without
 * keeping every item in memory while a feed of 250,000 meetings is written.
 */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

export function pick<T>(rng: Random, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

export function intBetween(rng: Random, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Distinct items, in the list's order. */
export function sample<T>(rng: Random, list: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(Math.floor(rng() * list.length));
  return [...chosen].sort((a, b) => a - b).map((i) => list[i]!);
}
