/**
 * Each meeting's words in order, as word ids (a forward index): what a quoted phrase is checked against. Checking
 * "came to believe" in a candidate's folded text was a string search over about 140 characters scattered over the
 * heap, some 200 ns a candidate and most of the time of a phrase search with tens of thousands of matches; here it
 * is a run of about 20 integers, read in slot order.
 *
 * The sequences built at boot are one CSR (`ends[slot]` is where the slot's ids end in `ids`; they start where the
 * previous slot's end); a slot changed since has its own array in an overlay, folded back on the next `install`.
 * Word ids are the text index's (text-index.ts): a base word's rank in its sorted word list, then ids for words
 * added since.
 */
export class WordSequences {
  private ends: Int32Array = new Int32Array(0);
  private ids: Int32Array = new Int32Array(0);
  private readonly changed = new Map<number, Int32Array>();

  install(ends: Int32Array, ids: Int32Array): void {
    if (ends.length > 0 && ends[ends.length - 1] !== ids.length) throw new Error('WordSequences.install(): ends do not match');
    this.ends = ends;
    this.ids = ids;
    this.changed.clear();
  }

  set(slot: number, ids: Int32Array): void {
    this.changed.set(slot, ids);
  }

  /** The slot's word ids (a view: read it before the next change). */
  of(slot: number): Int32Array {
    const own = this.changed.get(slot);
    if (own !== undefined) return own;
    if (slot >= this.ends.length) return EMPTY;
    return this.ids.subarray(slot === 0 ? 0 : this.ends[slot - 1], this.ends[slot]);
  }

  /** Highest slot with a sequence + 1. */
  get length(): number {
    let n = this.ends.length;
    for (const slot of this.changed.keys()) n = Math.max(n, slot + 1);
    return n;
  }

  /** Whether the slot's words hold the phrase (see PhraseMatcher). No allocation: the hot path of a text search. */
  matches(slot: number, m: PhraseMatcher): boolean {
    if (this.changed.size > 0) {
      const own = this.changed.get(slot);
      if (own !== undefined) return matchRun(own, 0, own.length, m);
    }
    if (slot >= this.ends.length) return false;
    return matchRun(this.ids, slot === 0 ? 0 : this.ends[slot - 1]!, this.ends[slot]!, m);
  }

  /** Every sequence with its ids mapped through `remap` (old id → new id), as a new CSR for `install`. */
  remapped(remap: Int32Array): { ends: Int32Array; ids: Int32Array } {
    const n = this.length;
    const ends = new Int32Array(n);
    let total = 0;
    for (let slot = 0; slot < n; slot++) ends[slot] = total += this.of(slot).length;
    const ids = new Int32Array(total);
    for (let slot = 0, at = 0; slot < n; slot++) for (const id of this.of(slot)) ids[at++] = remap[id]!;
    return { ends, ids };
  }
}

/**
 * A quoted phrase (or one prefix word) in word ids: its words but the last must occur exactly and in order, and the
 * last is a prefix, so it may be any word in the sorted range [lastFrom, lastTo) of base words or one of `lastExtra`
 * (words added since the base was built).
 */
export interface PhraseMatcher {
  exact: Int32Array;
  lastFrom: number;
  lastTo: number;
  lastExtra: Int32Array;
}

const EMPTY = new Int32Array(0);

function matchRun(seq: Int32Array, from: number, to: number, m: PhraseMatcher): boolean {
  const exact = m.exact;
  const k = exact.length;
  const lo = m.lastFrom;
  const hi = m.lastTo;
  const extra = m.lastExtra;
  for (let p = from + k; p < to; p++) {
    const last = seq[p]!;
    if (!((last >= lo && last < hi) || (extra.length > 0 && extra.includes(last)))) continue;
    let j = 0;
    while (j < k && seq[p - k + j] === exact[j]) j++;
    if (j === k) return true;
  }
  return false;
}
