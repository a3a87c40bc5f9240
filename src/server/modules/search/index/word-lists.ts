/**
 * Word lists and postings as plain arrays: the hashing, sorting and layout shared by the text index and its bulk
 * builder (bulk-text.ts), and the word-start test of a folded text.
 */

/**
 * Enters word `id` (whose hash is `hashes[id]`; ids 0 … id are all entered) in an open-addressing table of
 * id + 1 (0 = empty), kept at most half full so probes stay short: doubled and refilled when it would not be.
 * Returns the table, which may be a new one.
 */
export function hashInsert<T extends Int32Array>(table: T, id: number, hashes: Int32Array): T {
  if ((id + 1) * 2 > table.length) {
    const bigger = new Int32Array(table.length * 2) as T;
    const mask = bigger.length - 1;
    for (let w = 0; w <= id; w++) {
      let at = hashes[w]! & mask;
      while (bigger[at] !== 0) at = (at + 1) & mask;
      bigger[at] = w + 1;
    }
    return bigger;
  }
  const mask = table.length - 1;
  let at = hashes[id]! & mask;
  while (table[at] !== 0) at = (at + 1) & mask;
  table[at] = id + 1;
  return table;
}

/** Word ids in the order of their words (UTF-16 code units, as `<` compares strings). */
export function sortedWordOrder(words: readonly string[]): Int32Array {
  return Int32Array.from({ length: words.length }, (_, i) => i).sort((a, b) => {
    const x = words[a]!;
    const y = words[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * The CSR of (slot, word id) pairs listed slot after slot (`pairs[ends[slot - 1]..ends[slot])` are slot's distinct
 * word ids), with words in `order` (word ids below `wordCount`, sorted by word): a counting sort, so each word's
 * slots come out in ascending order without sorting them. `order` must hold every word that occurs in a pair (and
 * should hold no other: its list would be empty).
 */
export function layoutPostings(
  order: Int32Array,
  wordCount: number,
  pairs: Int32Array,
  pairCount: number,
  ends: Int32Array,
  slotCount: number,
): { offsets: Int32Array; slots: Int32Array } {
  const n = order.length;
  const rank = new Int32Array(wordCount);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < pairCount; p++) offsets[rank[pairs[p]!]! + 1]!++;
  for (let r = 0; r < n; r++) offsets[r + 1]! += offsets[r]!;
  const fill = offsets.slice(0, n);
  const slots = new Int32Array(pairCount);
  let p = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    for (const end = ends[slot]!; p < end; p++) slots[fill[rank[pairs[p]!]!]!++] = slot;
  }
  return { offsets, slots };
}

/** Replaces each builder word id in `ids` by its rank in `order` (builder ids sorted by word; `wordCount` ids in all). */
export function rankWords(ids: Int32Array, order: Int32Array, wordCount: number): void {
  const rank = new Int32Array(wordCount);
  for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
  for (let i = 0; i < ids.length; i++) ids[i] = rank[ids[i]!]!;
}

export function grow(a: Int32Array, atLeast: number): Int32Array {
  const next = new Int32Array(Math.max(atLeast, a.length * 2));
  next.set(a);
  return next;
}

/** First index whose value is not below `value`, in an ascending array. */
export function lowerBound<T extends number | string>(a: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when `folded` (words separated by single spaces) has `text` starting at a word: a word starting with a
 * prefix, or a phrase whose words follow one another (the last may be a prefix). Searching for `text` itself and
 * checking the character before is about twice as fast as searching for " " + text, whose leading space occurs
 * every few characters; and no " " + folded is ever built (copying every candidate's text once cost a fifth of all
 * search time).
 */
export function hasAtWordStart(folded: string, text: string): boolean {
  let at = folded.indexOf(text);
  while (at > 0 && folded.charCodeAt(at - 1) !== 32) at = folded.indexOf(text, at + 1);
  return at >= 0;
}
