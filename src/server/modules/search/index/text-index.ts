/**
 * Inverted index from folded words to the slots of meetings containing them,
 * with a sorted word list for prefix lookups ("alan" finds "alanon" and
 * "alano"). Postings are Int32Arrays (4 bytes an entry) once the word list is
 * built: a JavaScript array of small integers takes 8 bytes an entry on
 * Node's 64-bit builds (no pointer compression), plus a quarter or so of
 * growth slack, which at 250,000 meetings (20 words each) was 270 bytes a
 * meeting against about 120 now. A list changed afterwards becomes an array
 * again until the next build of the word list.
 * The caller keeps each meeting's folded text and passes it back on removal,
 * so the index stores no per-meeting word lists of its own.
 */
export class TextIndex {
  private readonly postings = new Map<string, number[] | Int32Array>();
  private sortedWords: string[] | null = null;

  add(slot: number, foldedText: string): void {
    for (const w of distinctWords(foldedText)) {
      const list = this.postings.get(w);
      if (!list) {
        this.postings.set(w, [slot]);
        this.sortedWords = null;
      } else if (Array.isArray(list)) list.push(slot);
      else this.postings.set(w, [...list, slot]);
    }
  }

  remove(slot: number, foldedText: string): void {
    for (const w of distinctWords(foldedText)) {
      const stored = this.postings.get(w);
      if (!stored) continue;
      const list = Array.isArray(stored) ? stored : Array.from(stored);
      if (list !== stored) this.postings.set(w, list);
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

  /** Calls `fn` with the posting list of every word starting with `prefix` (a slot may be in several lists). */
  eachPrefixWord(prefix: string, fn: (list: ArrayLike<number> & Iterable<number>) => void): void {
    const words = (this.sortedWords ??= this.buildWordList());
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix); i++) fn(this.postings.get(words[i]!)!);
  }

  /** The sorted word list, compacting the postings changed since the last one into Int32Arrays. */
  private buildWordList(): string[] {
    for (const [word, list] of this.postings) if (Array.isArray(list)) this.postings.set(word, Int32Array.from(list));
    return [...this.postings.keys()].sort();
  }
}

function distinctWords(folded: string): Set<string> {
  return new Set(folded === '' ? [] : folded.split(' '));
}

/**
 * True when `folded` has a word starting with `prefix`. `spaced` is `" " + prefix`: callers testing many meetings
 * pass it built once, since concatenating per call allocates a string per meeting.
 */
export function hasWordPrefix(folded: string, prefix: string, spaced = ` ${prefix}`): boolean {
  return folded.startsWith(prefix) || folded.includes(spaced);
}

/**
 * True when `folded` contains the words of `phrase` in order, starting at a word (the last may be a prefix).
 * Never builds `" " + folded`: that copied every candidate's whole text (a fifth of all search time in bench:search).
 */
export function hasPhrase(folded: string, phrase: string, spaced = ` ${phrase}`): boolean {
  return folded.startsWith(phrase) || folded.includes(spaced);
}
