import { grow, hashInsert, layoutPostings, lowerBound, rankWords, sortedWordOrder } from './word-lists.js';
import { type PhraseMatcher, WordSequences } from './word-sequences.js';
import type { SlotSet } from './slot-buffer.js';

/** A posting list: slots in ascending order. */
export type Postings = ArrayLike<number> & Iterable<number>;

/**
 * A folded text that is a piece of many meetings' search text (a place's, a group's, a region's, a name): the bulk
 * builder splits it once and keeps where its word ids are on the part itself, cheaper than finding the part again
 * in a Map of every such piece.
 */
export interface TextPart {
  readonly text: string;
  /** Set by the builder `wordsOf`: the part's word ids are `wordsLength` ids at `wordsAt` in its pool. */
  wordsOf?: TextIndexBuilder;
  wordsAt?: number;
  wordsLength?: number;
}

const EMPTY: Int32Array = new Int32Array(0);

/**
 * A text index as built in one go: sorted distinct words, word i's slots `slots[offsets[i]..offsets[i + 1])`
 * ascending (every list non-empty), and each slot's words in order as ranks in `words` (`sequenceIds` up to
 * `sequenceEnds[slot]`, from the previous slot's end).
 */
export interface TextBase {
  words: string[];
  offsets: Int32Array;
  slots: Int32Array;
  sequenceEnds: Int32Array;
  sequenceIds: Int32Array;
}

/**
 * Inverted index from folded words to the slots of meetings containing them, with a sorted word list for prefix
 * lookups ("alan" finds "alanon" and "alano"). Every posting list is sorted by ascending slot.
 *
 * The index built at boot (`TextIndex.builder()`) is one sorted word array and one CSR: word i's slots are
 * `slots[offsets[i]..offsets[i + 1])`, in one Int32Array. Per-word typed arrays, as before, cost an ArrayBuffer and
 * a view (about 200 bytes) for each of the many rare words, and a Map entry each; the build also tokenised every
 * meeting's whole text, where the builder tokenises each distinct part (a place, a group, a name) once.
 *
 * Changes afterwards (bus patches) go to an overlay: a changed word's whole list, copied from the base on first
 * change and kept sorted, takes precedence over the base's; words the base lacks are listed separately. When the
 * overlay holds more than a quarter as many entries as the base, the next lookup folds it back into a new CSR, so a
 * long-running server does not keep two copies of most lists after re-imports.
 *
 * Each meeting's words in order are kept as word ids too (word-sequences.ts), for quoted phrases and to know which
 * lists to leave on removal: a base word's id is its rank in the sorted words, a word
 * added since gets the next free id until the next rebase renumbers them all.
 */
export class TextIndex {
  /** Base words, sorted; word i's slots are `slots[offsets[i]..offsets[i + 1])`. */
  private words: string[] = [];
  private offsets: Int32Array = new Int32Array(1);
  private slots: Int32Array = new Int32Array(0);
  /** Words whose list differs from the base (empty: no meeting has it any more), sorted lists. */
  private readonly changed = new Map<string, number[] | Int32Array>();
  private changedEntries = 0;
  /** Changed words that are not base words, sorted; null when to be recomputed. */
  private extraWords: string[] | null = [];
  /** Each slot's words in order, as word ids. */
  private readonly sequences = new WordSequences();
  /** Ids of words the base lacks: `words.length + i` for `newWords[i]`. */
  private readonly newWordIds = new Map<string, number>();
  private newWords: string[] = [];

  /** `rebaseSlack`: overlay entries tolerated on top of a quarter of the base (small in tests, to exercise rebases). */
  constructor(private readonly rebaseSlack = 4096) {}

  /**
   * A builder for an empty index: `add(slot, parts)` in ascending slot order, then `build()`. Passing the same part
   * object for a text shared by many meetings (a place, a region) lets the builder split it only once.
   */
  builder(): TextIndexBuilder {
    if (this.words.length > 0 || this.changed.size > 0) throw new Error('TextIndex.builder() needs an empty index');
    return new TextIndexBuilder((base) => this.install(base));
  }

  /**
   * Installs a prebuilt index in an empty one (the boot-time build, made in a worker thread).
   */
  install({ words, offsets, slots, sequenceEnds, sequenceIds }: TextBase): void {
    if (this.words.length > 0 || this.changed.size > 0) throw new Error('TextIndex.install() needs an empty index');
    if (offsets.length !== words.length + 1 || offsets[words.length] !== slots.length)
      throw new Error('TextIndex.install(): offsets do not match');
    this.words = words;
    this.offsets = offsets;
    this.slots = slots;
    this.sequences.install(sequenceEnds, sequenceIds);
  }

  add(slot: number, foldedText: string): void {
    const words = foldedText === '' ? [] : foldedText.split(' ');
    this.sequences.set(
      slot,
      Int32Array.from(words, (w) => this.wordId(w, true)),
    );
    for (const w of new Set(words)) {
      const list = this.mutableList(w);
      const at = lowerBound(list, slot);
      if (list[at] === slot) continue;
      list.splice(at, 0, slot);
      this.changedEntries++;
    }
  }

  /** Takes the meeting in `slot` out of its words' lists (they are the words of its sequence). */
  remove(slot: number): void {
    const words = new Set(this.sequenceOf(slot));
    this.sequences.set(slot, EMPTY);
    for (const w of words) {
      const list = this.mutableList(w);
      const at = lowerBound(list, slot);
      if (list[at] !== slot) continue;
      list.splice(at, 1);
    }
  }

  /** How many slots the words starting with `prefix` hold (an upper bound on matches), to pick the rarest first. */
  prefixCount(prefix: string): number {
    this.prepare();
    const words = this.words;
    const offsets = this.offsets;
    let n = 0;
    let i = lowerBound(words, prefix);
    if (this.changed.size === 0) {
      // The usual case: a prefix's base words are consecutive, so their slots are one stretch of the CSR. No folded
      // word has the code unit U+FFFF (a noncharacter), so every word starting with the prefix sorts below this.
      return offsets[lowerBound(words, `${prefix}\uffff`)]! - offsets[i]!;
    }
    for (; i < words.length && words[i]!.startsWith(prefix); i++) {
      const changed = this.changed.get(words[i]!);
      n += changed ? changed.length : offsets[i + 1]! - offsets[i]!;
    }
    const extra = this.extraWords!;
    for (let k = lowerBound(extra, prefix); k < extra.length && extra[k]!.startsWith(prefix); k++)
      n += this.changed.get(extra[k]!)!.length;
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

  /**
   * Calls `fn` with the posting list of every word starting with `prefix` that some meeting has (a slot may be in
   * several lists). Each list is sorted by ascending slot; lists are views to read during the call, not to keep.
   */
  eachPrefixWord(prefix: string, fn: (list: Postings) => void): void {
    this.prepare();
    const words = this.words;
    const offsets = this.offsets;
    const changed = this.changed.size > 0 ? this.changed : null;
    for (let i = lowerBound(words, prefix); i < words.length && words[i]!.startsWith(prefix); i++) {
      const list = changed?.get(words[i]!) ?? this.slots.subarray(offsets[i], offsets[i + 1]);
      if (list.length > 0) fn(list);
    }
    if (!changed) return;
    const extra = this.extraWords!;
    for (let k = lowerBound(extra, prefix); k < extra.length && extra[k]!.startsWith(prefix); k++) {
      const list = changed.get(extra[k]!)!;
      if (list.length > 0) fn(list);
    }
  }

  /**
   * A quoted phrase (folded, words separated by single spaces; the last word a prefix) or a single prefix word in
   * word ids, to test slots with `matches`; null when no meeting can have it (a word but the last is unknown). Valid
   * until the next change to the index.
   */
  phraseMatcher(phrase: string): PhraseMatcher | null {
    this.prepare();
    const words = phrase.split(' ');
    const last = words.pop()!;
    const exact = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const id = this.wordId(words[i]!, false);
      if (id < 0) return null;
      exact[i] = id;
    }
    const lastExtra = this.newWords.flatMap((w, i) => (w.startsWith(last) ? [this.words.length + i] : []));
    return {
      exact,
      lastFrom: lowerBound(this.words, last),
      lastTo: lowerBound(this.words, `${last}\uffff`),
      lastExtra: Int32Array.from(lastExtra),
    };
  }

  /** Whether the meeting in `slot` has the matcher's phrase, its words in order. */
  matches(slot: number, m: PhraseMatcher): boolean {
    return this.sequences.matches(slot, m);
  }

  /** The slot's words in order. */
  sequenceOf(slot: number): string[] {
    return Array.from(this.sequences.of(slot), (id) =>
      id < this.words.length ? this.words[id]! : this.newWords[id - this.words.length]!,
    );
  }

  /** The id of a word: its rank among the base words, else its own id among new ones (made if `create`), else -1. */
  private wordId(word: string, create: boolean): number {
    const i = lowerBound(this.words, word);
    if (this.words[i] === word) return i;
    let id = this.newWordIds.get(word);
    if (id === undefined) {
      if (!create) return -1;
      id = this.words.length + this.newWords.length;
      this.newWords.push(word);
      this.newWordIds.set(word, id);
    }
    return id;
  }

  /**
   * Calls `visit` with every slot having a word starting with `prefix`, once each, in ascending order. A prefix with
   * several words ("hope": hope, hopeful, hopes) has several lists, whose union goes through the bitset `union`:
   * the callers' passes then read the records front to back, where lists one after the other read them at random
   * (twice the time at a million meetings).
   */
  eachSlotInOrder(prefix: string, union: SlotSet, capacity: number, visit: (slot: number) => void): void {
    let lists = 0;
    this.eachPrefixWord(prefix, () => lists++);
    if (lists === 1) {
      this.eachPrefixWord(prefix, (list) => {
        for (let i = 0; i < list.length; i++) visit(list[i]!);
      });
      return;
    }
    const bits = union.reset(capacity);
    this.eachPrefixWord(prefix, (list) => {
      for (let i = 0; i < list.length; i++) bits[list[i]! >> 5]! |= 1 << (list[i]! & 31);
    });
    for (let w = 0; w < bits.length; w++) {
      for (let word = bits[w]!; word !== 0; word &= word - 1) visit((w << 5) | (31 - Math.clz32(word & -word)));
    }
  }

  /** The overlay list of a word, as a plain array to change in place (copied from the base on first change). */
  private mutableList(word: string): number[] {
    let list = this.changed.get(word);
    if (list === undefined) {
      const i = lowerBound(this.words, word);
      const base = this.words[i] === word ? this.slots.subarray(this.offsets[i], this.offsets[i + 1]) : EMPTY;
      if (base === EMPTY) this.extraWords = null;
      list = Array.from(base);
      this.changedEntries += list.length;
      this.changed.set(word, list);
    } else if (!Array.isArray(list)) {
      list = Array.from(list);
      this.changed.set(word, list);
    }
    return list;
  }

  /** Before a lookup: compacts changed lists (4 bytes an entry instead of 8), or folds a large overlay into the base. */
  private prepare(): void {
    if (this.changed.size === 0) return;
    if (this.changedEntries > (this.slots.length >> 2) + this.rebaseSlack) return this.rebase();
    for (const [word, list] of this.changed) if (Array.isArray(list)) this.changed.set(word, Int32Array.from(list));
    this.extraWords ??= [...this.changed.keys()].filter((w) => this.words[lowerBound(this.words, w)] !== w).sort();
  }

  /** A new CSR of the current lists, with an empty overlay. */
  private rebase(): void {
    const all = new Set([...this.words, ...this.changed.keys()]);
    const words: string[] = [];
    const lists: Postings[] = [];
    let total = 0;
    for (const w of [...all].sort()) {
      const i = lowerBound(this.words, w);
      const list = this.changed.get(w) ?? this.slots.subarray(this.offsets[i], this.offsets[i + 1]);
      if (list.length === 0) continue;
      words.push(w);
      lists.push(list);
      total += list.length;
    }
    const offsets = new Int32Array(words.length + 1);
    const slots = new Int32Array(total);
    let at = 0;
    lists.forEach((list, i) => {
      slots.set(list, at);
      at += list.length;
      offsets[i + 1] = at;
    });
    // The words are numbered anew: every sequence's ids follow (a word no meeting has any more is in no sequence).
    const remap = new Int32Array(this.words.length + this.newWords.length).fill(-1);
    const renumber = (word: string, old: number) => {
      const i = lowerBound(words, word);
      if (words[i] === word) remap[old] = i;
    };
    this.words.forEach(renumber);
    this.newWords.forEach((w, i) => renumber(w, this.words.length + i));
    const sequences = this.sequences.remapped(remap);
    this.sequences.install(sequences.ends, sequences.ids);
    this.newWords = [];
    this.newWordIds.clear();
    this.words = words;
    this.offsets = offsets;
    this.slots = slots;
    this.changed.clear();
    this.changedEntries = 0;
    this.extraWords = [];
  }
}

/**
 * Collects (slot, word) pairs in ascending slot order, then lays them out as a CSR sorted by word: posting lists
 * come out sorted by slot without sorting them.
 */
export class TextIndexBuilder {
  /** Open addressing: word id + 1 (0: empty), at its hash's position or after. */
  private table: Int32Array = new Int32Array(1 << 16);
  /** Each word's hash, by word id. */
  private hashes: Int32Array = new Int32Array(1 << 14);
  private readonly wordList: string[] = [];
  /** Word ids of every slot, slot after slot; `ends[slot]` is where the slot's stop. */
  private pairs: Int32Array = new Int32Array(1 << 20);
  private pairCount = 0;
  private ends: Int32Array = new Int32Array(1 << 12);
  /** Every slot's word ids in order, repeats included (builder ids until `build`). */
  private sequence: Int32Array = new Int32Array(1 << 20);
  private sequenceLength = 0;
  private sequenceEnds: Int32Array = new Int32Array(1 << 12);
  private slotCount = 0;
  /** `seen[word] === slot + 1`: the word is already listed for this slot. */
  private seen: Int32Array = new Int32Array(1 << 14);
  /** Word ids of the parts seen (one array rather than a typed array per part: 200 bytes each at least). */
  private pool: Int32Array = new Int32Array(1 << 18);
  private poolLength = 0;

  constructor(private readonly install: (base: TextBase) => void) {}

  /** The words of the meeting in `slot` (the next slot after the previous call's), as folded parts of its text. */
  add(slot: number, parts: readonly TextPart[]): void {
    if (slot < this.slotCount) throw new Error('TextIndexBuilder.add: slots must ascend');
    if (slot >= this.ends.length) {
      this.ends = grow(this.ends, slot + 1);
      this.sequenceEnds = grow(this.sequenceEnds, slot + 1);
    }
    // Slots skipped (none at boot) have no words.
    this.ends.fill(this.pairCount, this.slotCount, slot);
    this.sequenceEnds.fill(this.sequenceLength, this.slotCount, slot);
    const stamp = slot + 1;
    for (const part of parts) {
      if (part.wordsOf !== this) this.tokenise(part);
      const from = part.wordsAt!;
      const to = from + part.wordsLength!;
      if (this.sequenceLength + to - from > this.sequence.length)
        this.sequence = grow(this.sequence, this.sequenceLength + to - from);
      for (let k = from; k < to; k++) this.sequence[this.sequenceLength++] = this.pool[k]!;
      if (this.pairCount + to - from > this.pairs.length) this.pairs = grow(this.pairs, this.pairCount + to - from);
      const { seen, pairs, pool } = this;
      let n = this.pairCount;
      for (let k = from; k < to; k++) {
        const id = pool[k]!;
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        pairs[n++] = id;
      }
      this.pairCount = n;
    }
    this.ends[slot] = this.pairCount;
    this.sequenceEnds[slot] = this.sequenceLength;
    this.slotCount = slot + 1;
  }

  /** Installs the CSR in the index this builder came from. */
  build(): void {
    const order = sortedWordOrder(this.wordList);
    const { offsets, slots } = layoutPostings(order, this.wordList.length, this.pairs, this.pairCount, this.ends, this.slotCount);
    const sequenceIds = this.sequence.slice(0, this.sequenceLength);
    rankWords(sequenceIds, order, this.wordList.length);
    this.install({
      words: Array.from(order, (id) => this.wordList[id]!),
      offsets,
      slots,
      sequenceEnds: this.sequenceEnds.slice(0, this.slotCount),
      sequenceIds,
    });
  }

  /**
   * Splits a part into word ids (repeats included: `add` drops them), kept in the pool. Words are found in an
   * open-addressing table keyed by a hash of their characters, checked against the text in place, so only a new
   * word becomes a string of its own: `split` and a Map made a string per word and hashed it again, 0.2 s of the
   * 250,000-meeting build.
   */
  private tokenise(part: TextPart): void {
    const text = part.text;
    part.wordsOf = this;
    part.wordsAt = this.poolLength;
    const end = text.length;
    let start = 0;
    while (start < end) {
      let stop = start;
      let hash = 0x811c9dc5;
      for (let c = text.charCodeAt(stop); stop < end && c !== 32; c = text.charCodeAt(++stop))
        hash = Math.imul(hash ^ c, 0x01000193);
      if (stop > start) this.poolPush(this.wordId(text, start, stop, hash));
      start = stop + 1;
    }
    part.wordsLength = this.poolLength - part.wordsAt;
  }

  private poolPush(id: number): void {
    if (this.poolLength === this.pool.length) this.pool = grow(this.pool, this.poolLength + 1);
    this.pool[this.poolLength++] = id;
  }

  /** The id of `text[start, stop)`, a new one if unseen. */
  private wordId(text: string, start: number, stop: number, hash: number): number {
    const length = stop - start;
    const mask = this.table.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const id = this.table[at]! - 1;
      if (id < 0) break;
      if (this.hashes[id] === hash) {
        const word = this.wordList[id]!;
        if (word.length === length && text.startsWith(word, start)) return id;
      }
    }
    const id = this.wordList.length;
    this.wordList.push(text.slice(start, stop));
    if (id >= this.hashes.length) this.hashes = grow(this.hashes, id + 1);
    this.hashes[id] = hash;
    if (id >= this.seen.length) this.seen = grow(this.seen, id + 1);
    this.table = hashInsert(this.table, id, this.hashes);
    return id;
  }
}
