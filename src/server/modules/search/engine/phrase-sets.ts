import type { MeetingStore } from '../index/meeting-store.js';
import { SlotSet } from '../index/slot-buffer.js';

/** Phrases remembered, and slots in all their sets: a few megabytes at most. */
const MAX_PHRASES = 32;
const MAX_SLOTS = 1 << 20;

/**
 * The meetings having a quoted phrase, as a sorted array of slots, remembered for the phrases searched most
 * recently until the index next changes: a filter cache, as search engines keep for their common filters.
 *
 * Why: the words of "came to believe" are in 39,000 of a million meetings, and all of them have the phrase, so
 * finding them means testing each one's word sequence, about 100 ns a meeting because the sequences (100 MB at a
 * million) are read at random: 4 ms a search, while the set is the same for every search until the index
 * changes, and people search the same few phrases (a group's name, a reading) over and over. With the set, a
 * phrase narrows candidates as a word's postings do. The first search for a phrase after a change pays the test.
 */
export class PhraseSets {
  private readonly sets = new Map<string, Int32Array>();
  private slots = 0;
  private version = -1;
  private readonly union = new SlotSet();

  constructor(private readonly store: MeetingStore) {}

  /** The slots having `phrase` (folded; its last word a prefix), ascending. */
  slotsWith(phrase: string): Int32Array {
    const s = this.store;
    if (this.version !== s.version) {
      this.sets.clear();
      this.slots = 0;
      this.version = s.version;
    }
    const known = this.sets.get(phrase);
    if (known !== undefined) {
      // Most recently used last: the first entry is the one to forget.
      this.sets.delete(phrase);
      this.sets.set(phrase, known);
      return known;
    }
    const found = this.find(phrase);
    if (found.length <= MAX_SLOTS) {
      for (const [oldest, set] of this.sets) {
        if (this.sets.size < MAX_PHRASES && this.slots + found.length <= MAX_SLOTS) break;
        this.sets.delete(oldest);
        this.slots -= set.length;
      }
      this.sets.set(phrase, found);
      this.slots += found.length;
    }
    return found;
  }

  /** The slots of the phrase's rarest word (as a prefix: a superset), those whose words hold the phrase. */
  private find(phrase: string): Int32Array {
    const text = this.store.text;
    const m = text.phraseMatcher(phrase);
    if (m === null) return new Int32Array(0);
    let driver = '';
    let least = Number.POSITIVE_INFINITY;
    for (const word of phrase.split(' ')) {
      const n = text.prefixCount(word);
      if (n < least) [driver, least] = [word, n];
    }
    const out: number[] = [];
    text.eachSlotInOrder(driver, this.union, this.store.capacity, (slot) => {
      if (text.matches(slot, m)) out.push(slot);
    });
    return Int32Array.from(out);
  }
}
