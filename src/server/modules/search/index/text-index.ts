/**
 * Inverted index from folded words to the slots of meetings containing them,
 * with a sorted word list for prefix lookups ("alan" finds "alanon" and
 * "alano"). Postings are arrays of small integers (4 bytes an entry), not
 * Sets, to keep the index within its memory budget at 250,000 meetings.
 * The caller keeps each meeting's folded text and passes it back on removal,
 * so the index stores no per-meeting word lists of its own.
 */
export class TextIndex {
  private readonly postings = new Map<string, number[]>();
  private sortedWords: string[] | null = null;

  add(slot: number, foldedText: string): void {
    for (const w of distinctWords(foldedText)) {
      let list = this.postings.get(w);
      if (!list) {
        list = [];
        this.postings.set(w, list);
        this.sortedWords = null;
      }
      list.push(slot);
    }
  }

  remove(slot: number, foldedText: string): void {
    for (const w of distinctWords(foldedText)) {
      const list = this.postings.get(w);
      if (!list) continue;
      const at = list.lastIndexOf(slot);
      if (at !== -1) {
        list[at] = list[list.length - 1]!;
        list.pop();
      }
      if (list.length === 0) {
        this.postings.delete(w);
        this.sortedWords = null;
      }
    }
  }

  /** How many slots the words starting with `prefix` hold (an upper bound on matches), to pick the rarest first. */
  prefixCount(prefix: string): number {
    let n = 0;
    this.eachPrefixWord(prefix, (list) => (n += list.length));
    return n;
  }

  /** Every slot with a word starting with `prefix`. */
  prefixSlots(prefix: string): Set<number> {
    const out = new Set<number>();
    this.eachPrefixWord(prefix, (list) => {
      for (const slot of list) out.add(slot);
    });
    return out;
  }

  private eachPrefixWord(prefix: string, fn: (list: number[]) => void): void {
    const words = (this.sortedWords ??= [...this.postings.keys()].sort());
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix); i++) fn(this.postings.get(words[i]!)!);
  }
}

function distinctWords(folded: string): Set<string> {
  return new Set(folded === '' ? [] : folded.split(' '));
}

/** True when `folded` has a word starting with `prefix`. */
export function hasWordPrefix(folded: string, prefix: string): boolean {
  return folded.startsWith(prefix) || folded.includes(` ${prefix}`);
}

/** True when `folded` contains the words of `phrase` in order, starting at a word (the last may be a prefix). */
export function hasPhrase(folded: string, phrase: string): boolean {
  return ` ${folded}`.includes(` ${phrase}`);
}
