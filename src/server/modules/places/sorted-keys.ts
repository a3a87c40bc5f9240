import type { TimeSlicer } from './time-slicer.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Positions of `keys` in sorted order. Sorted one first character at a time,
 * pausing in between, because sorting all 135k names at once holds the event
 * loop for over 100 ms.
 */
export async function sortedOrder(keys: string[], slicer: TimeSlicer): Promise<Int32Array> {
  const buckets = new Map<number, number[]>();
  keys.forEach((key, k) => {
    const first = key.length === 0 ? -1 : key.charCodeAt(0);
    const bucket = buckets.get(first);
    if (bucket) bucket.push(k);
    else buckets.set(first, [k]);
  });
  const order = new Int32Array(keys.length);
  let at = 0;
  for (const first of [...buckets.keys()].sort((a, b) => a - b)) {
    await slicer.pause();
    const bucket = buckets.get(first)!.sort((a, b) => compare(keys[a]!, keys[b]!));
    order.set(bucket, at);
    at += bucket.length;
  }
  return order;
}

/** First position in `sorted` whose value is not below `value`. */
export function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
