import type { CursorKey, SearchHit } from './query.js';

export interface Match extends SearchHit {
  key: number | string;
}

/** Compares results by (key, id): the order of every page, and what a cursor points at. */
export function compareKeys(a: { key: number | string; id: number }, b: { key: number | string; id: number }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id - b.id;
}

/**
 * Keeps the `limit` smallest results after the cursor, in a sorted buffer:
 * O(n log limit) instead of sorting every match.
 */
export class PageSelector {
  private readonly items: Match[] = [];
  more = false;
  /**
   * The last key of a full page when it is a number, else NaN (which no comparison passes): kept by offer() so that
   * the tests below, made for nearly every match, are one comparison with a field.
   */
  private cut = Number.NaN;

  constructor(
    private readonly limit: number,
    private readonly after: CursorKey | undefined,
  ) {}

  /** False when a result with this key could not enter the page (what offer() would drop), noting that more exist. */
  wants(key: number | string, id: number): boolean {
    const after = this.after;
    if (after && (key === after.key ? id <= after.id : key < after.key)) return false;
    const items = this.items;
    if (items.length < this.limit) return true;
    this.more = true;
    const last = items[items.length - 1]!;
    return key === last.key ? id < last.id : key < last.key;
  }

  /**
   * True when no result with this key can enter the page whatever its id (before the cursor, or beyond a full
   * page's last key), noting that more exist: the id need not be looked up.
   */
  rejectsKey(key: number | string): boolean {
    const after = this.after;
    if (after && key < after.key) return true;
    const items = this.items;
    if (items.length < this.limit) return false;
    this.more = true;
    return key > items[items.length - 1]!.key;
  }

  /** rejectsKey() for a number: most are beyond a full page's last key, one comparison. */
  rejectsNumber(key: number): boolean {
    if (key > this.cut) {
      this.more = true;
      return true;
    }
    return this.rejectsKey(key);
  }

  /** The last key of a full page when it is a number, else NaN. */
  lastKeyIfFull(): number {
    return this.cut;
  }

  /** True when the page is full and its last key is at most `key`: nothing with a larger key can enter. */
  fullUpTo(key: number): boolean {
    if (this.items.length < this.limit) return false;
    this.more = true;
    return this.cut <= key;
  }

  offer(m: Match): void {
    if (this.after && compareKeys(m, this.after) <= 0) return;
    const items = this.items;
    if (items.length === this.limit) {
      this.more = true;
      if (compareKeys(m, items[items.length - 1]!) >= 0) return;
      items.pop();
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(items[mid]!, m) < 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, m);
    if (items.length === this.limit) {
      const last = items[items.length - 1]!.key;
      this.cut = typeof last === 'number' ? last : Number.NaN;
    }
  }

  result(): Match[] {
    return this.items;
  }
}
