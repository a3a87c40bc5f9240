import { hashInsert, layoutPostings, rankWords, sortedWordOrder } from './index/word-lists.js';
import { fold } from './index/text.js';
import { hashOf, type PackedRow, SpanTable } from './packed-rows.js';

/** Code units of a meeting's notes that are searched (IndexedMeetingBuilder in meeting-rows.ts too). */
export const NOTES_LIMIT = 500;

/**
 * The text half of the boot-time index build (the column half is bulk-columns.ts): every meeting's sort name and
 * the text index (sorted words, their posting lists, and each meeting's words in order), from the meetings' names
 * and notes and the places, groups and regions they point to. At boot it runs in a worker thread (build-worker.ts)
 * while the main thread makes the column half, so what it hands back must cross threads cheaply: typed arrays
 * (transferred, not copied), and the words and the distinct sort names as one string each (`decodeText`). It
 * imports nothing but the folding and word-list code, so the worker starts fast.
 *
 * A meeting's search text is its non-empty folded parts joined by spaces, in the order name, group, place, region,
 * notes (the first 500 code units): what `IndexedMeetingBuilder` (the patch path) makes, and what folding the raw
 * fields joined by spaces gave before (see meeting-rows.ts).
 */

/** What `MeetingTextBuilder.build()` gives: plain values and typed arrays only (postMessage-able, transferable). */
export interface BuiltText {
  /** Meetings added, in order; "text slot" i is the i-th. */
  count: number;
  /** Meeting id of each text slot. */
  ids: Int32Array;
  /** The text index: sorted distinct words joined by spaces; word i's text slots `slots[offsets[i]..offsets[i+1])`. */
  words: string;
  offsets: Int32Array;
  slots: Int32Array;
  /** Each text slot's words in order as ranks in `words`: `sequenceIds` up to `sequenceEnds[slot]`. */
  sequenceEnds: Int32Array;
  sequenceIds: Int32Array;
  /** Distinct folded names joined by newlines (a folded text has none); `sortNameOf[slot]` indexes them. */
  sortNames: string;
  sortNameOf: Int32Array;
  /** Ids of meetings whose place, group or region was not among those added (read again by the caller). */
  unresolved: Int32Array;
}

/** The ArrayBuffers of a BuiltText, to transfer rather than copy it. */
export function transferables(t: BuiltText): ArrayBuffer[] {
  return [t.ids, t.offsets, t.slots, t.sequenceEnds, t.sequenceIds, t.sortNameOf, t.unresolved].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/**
 * Folds places, groups and regions once each and names and notes once per distinct text, and collects each meeting's
 * words. `addMeeting` in ascending id order (the keyset order of the reads), after the places,
 * groups and regions; then `build()`.
 *
 * Parts (a place's, group's, region's, name's or notes' folded text) are numbered, and all the build needs of them
 * lives in typed arrays: a part's characters are a run of one pool and its word ids a run of another. Plain ASCII
 * text (nearly all) is folded character by character straight into the pool, and its words found in an
 * open-addressing table by a hash of those characters, so only a new word becomes a string. A meeting copies its
 * parts' word ids into its sequence and their distinct ones into the (slot, word) pairs. A first version
 * kept parts as objects with string texts: about twice the time, much of it in the collector.
 */
export class MeetingTextBuilder {
  // Parts: characters `chars[partAt[p], partAt[p] + partLength[p])`, word ids `poolWords[partWordsAt[p], ...)`.
  private chars = new Uint16Array(1 << 20);
  private charCount = 0;
  private partAt = new Int32Array(1 << 14);
  private partLength = new Int32Array(1 << 14);
  private partWordsAt = new Int32Array(1 << 14);
  private partWordsLength = new Int32Array(1 << 14);
  /** Index in the sort names when a meeting's name folded to this part, else -1. */
  private partName = new Int32Array(1 << 14);
  private partCount = 0;
  private poolWords = new Int32Array(1 << 18);
  private poolWordCount = 0;
  // Part of each place, group and region id (-1: not read; ids are dense autoincrement keys).
  private placePart = new Int32Array(0);
  private groupPart = new Int32Array(0);
  private regionPart = new Int32Array(0);
  /** Part of a distinct name or notes text. */
  private readonly folds = new SpanTable<number>();
  private readonly newPart = (text: string) => this.part(text);

  // Words: open addressing (word id + 1; 0 empty), each word's hash and first occurrence in `chars`.
  private table = new Int32Array(1 << 16);
  private wordHash = new Int32Array(1 << 14);
  private wordAt = new Int32Array(1 << 14);
  private wordLength = new Int32Array(1 << 14);
  private wordCount = 0;
  /** `seen[word] === slot + 1`: the word is already listed for this slot. */
  private seen = new Int32Array(1 << 14);

  // Meetings ("text slots"): their ids, distinct word ids slot after slot (`pairEnds[slot]` ends the slot's).
  private count = 0;
  private ids = new Int32Array(1 << 14);
  private pairs = new Int32Array(1 << 20);
  private pairCount = 0;
  private pairEnds = new Int32Array(1 << 14);
  /** Every meeting's word ids in order, repeats included (ranks after `build`). */
  private sequence = new Int32Array(1 << 20);
  private sequenceLength = 0;
  private sequenceEnds = new Int32Array(1 << 14);
  private sortNameOf = new Int32Array(1 << 14);
  private readonly sortNames: string[] = [];
  private readonly unresolved: number[] = [];
  private readonly meetingParts = new Int32Array(5);

  /** A place's name, address and city joined by spaces. */
  addPlace(id: number, text: string): void {
    this.placePart = setById(this.placePart, id, this.part(text));
  }

  addGroup(id: number, name: string): void {
    this.groupPart = setById(this.groupPart, id, this.part(name));
  }

  /** A region's path. */
  addRegion(id: number, path: string): void {
    this.regionPart = setById(this.regionPart, id, this.part(path));
  }

  addMeeting(
    id: number,
    name: string,
    notes: string | null,
    placeId: number | null,
    groupId: number | null,
    regionId: number | null,
  ): void {
    const namePart = this.folds.ofText(name, this.newPart);
    const notesEnd = notes === null ? 0 : Math.min(notes.length, NOTES_LIMIT);
    const notesPart = notesEnd === 0 ? -1 : this.folds.lookup(notes!, 0, notesEnd, hashOf(notes!, 0, notesEnd), this.newPart);
    this.addParts(id, namePart, notesPart, placeId, groupId, regionId);
  }

  /**
   * addMeeting() from a packed row (packed-rows.ts): id, place, group and region ids, the name (the separator in it
   * replaced by a space, which folds the same), then the notes.
   */
  addPackedMeeting(row: PackedRow): void {
    const id = row.int()!;
    const placeId = row.int();
    const groupId = row.int();
    const regionId = row.int();
    const namePart = this.folds.of(row.span(1), this.newPart);
    const notesPart = row.at >= row.text.length ? -1 : this.folds.of(row.span(0, NOTES_LIMIT), this.newPart);
    this.addParts(id, namePart, notesPart, placeId, groupId, regionId);
  }

  /** A meeting from its name's and notes' parts (notes −1 for none). */
  private addParts(
    id: number,
    namePart: number,
    notesPart: number,
    placeId: number | null,
    groupId: number | null,
    regionId: number | null,
  ): void {
    const slot = this.count;
    if (slot === this.ids.length) {
      this.ids = grow(this.ids, slot + 1);
      this.pairEnds = grow(this.pairEnds, slot + 1);
      this.sequenceEnds = grow(this.sequenceEnds, slot + 1);
      this.sortNameOf = grow(this.sortNameOf, slot + 1);
    }
    this.count = slot + 1;
    this.ids[slot] = id;
    const place = byId(this.placePart, placeId);
    const group = byId(this.groupPart, groupId);
    const region = byId(this.regionPart, regionId);
    if ((placeId !== null && place < 0) || (groupId !== null && group < 0) || (regionId !== null && region < 0))
      this.unresolved.push(id);

    if (this.partName[namePart]! < 0) {
      this.partName[namePart] = this.sortNames.length;
      this.sortNames.push(this.charsText(this.partAt[namePart]!, this.partLength[namePart]!));
    }
    this.sortNameOf[slot] = this.partName[namePart]!;
    // The non-empty parts, in the search text's order.
    const parts = this.meetingParts;
    const partLength = this.partLength;
    let n = 0;
    if (partLength[namePart]! > 0) parts[n++] = namePart;
    if (group >= 0 && partLength[group]! > 0) parts[n++] = group;
    if (place >= 0 && partLength[place]! > 0) parts[n++] = place;
    if (region >= 0 && partLength[region]! > 0) parts[n++] = region;
    if (notesPart >= 0 && partLength[notesPart]! > 0) parts[n++] = notesPart;

    // Distinct words.
    let pairCount = this.pairCount;
    for (let i = 0; i < n; i++) {
      const p = parts[i]!;
      const from = this.partWordsAt[p]!;
      const to = from + this.partWordsLength[p]!;
      if (pairCount + to - from > this.pairs.length) this.pairs = grow(this.pairs, pairCount + to - from);
      const { seen, pairs, poolWords } = this;
      const stamp = slot + 1;
      for (let k = from; k < to; k++) {
        const word = poolWords[k]!;
        if (seen[word] === stamp) continue;
        seen[word] = stamp;
        pairs[pairCount++] = word;
      }
    }
    this.pairCount = pairCount;
    this.pairEnds[slot] = pairCount;
    // Every word in order (copied one by one: a subarray per part cost more than the copy).
    let sequenceLength = this.sequenceLength;
    for (let i = 0; i < n; i++) {
      const from = this.partWordsAt[parts[i]!]!;
      const to = from + this.partWordsLength[parts[i]!]!;
      if (sequenceLength + to - from > this.sequence.length) this.sequence = grow(this.sequence, sequenceLength + to - from);
      const { sequence, poolWords } = this;
      for (let k = from; k < to; k++) sequence[sequenceLength++] = poolWords[k]!;
    }
    this.sequenceLength = sequenceLength;
    this.sequenceEnds[slot] = sequenceLength;
  }

  build(): BuiltText {
    // The words some meeting has (`seen` is stamped for those): places, groups and regions no meeting points to were
    // split too, but their words are not the index's.
    const used: number[] = [];
    const words: string[] = [];
    for (let w = 0; w < this.wordCount; w++) {
      if (this.seen[w] === 0) continue;
      used.push(w);
      words.push(this.charsText(this.wordAt[w]!, this.wordLength[w]!));
    }
    const byWord = sortedWordOrder(words);
    const order = byWord.map((i) => used[i]!);
    const { offsets, slots } = layoutPostings(order, this.wordCount, this.pairs, this.pairCount, this.pairEnds, this.count);
    const sequenceIds = this.sequence.slice(0, this.sequenceLength);
    rankWords(sequenceIds, order, this.wordCount);
    const sorted = new Array<string>(byWord.length);
    for (let r = 0; r < byWord.length; r++) sorted[r] = words[byWord[r]!]!;
    return {
      count: this.count,
      ids: this.ids.slice(0, this.count),
      words: sorted.join(' '),
      offsets,
      slots,
      sequenceEnds: this.sequenceEnds.slice(0, this.count),
      sequenceIds,
      sortNames: this.sortNames.join('\n'),
      sortNameOf: this.sortNameOf.slice(0, this.count),
      unresolved: Int32Array.from(this.unresolved),
    };
  }

  /** A new part: `text` folded into the pool and split into word ids. */
  private part(text: string): number {
    const p = this.partCount++;
    if (p === this.partAt.length) {
      this.partAt = grow(this.partAt, p + 1);
      this.partLength = grow(this.partLength, p + 1);
      this.partWordsAt = grow(this.partWordsAt, p + 1);
      this.partWordsLength = grow(this.partWordsLength, p + 1);
      this.partName = grow(this.partName, p + 1);
    }
    const at = this.charCount;
    if (at + text.length > this.chars.length) this.reserveChars(at + text.length);
    let end = foldAscii(text, this.chars, at);
    if (end < 0) {
      // Not plain ASCII: the general fold (it can lengthen a text: NFD).
      const folded = fold(text);
      if (at + folded.length > this.chars.length) this.reserveChars(at + folded.length);
      const chars = this.chars;
      for (let i = 0; i < folded.length; i++) {
        chars[at + i] = folded.charCodeAt(i);
      }
      end = at + folded.length;
    }
    this.charCount = end;
    this.partAt[p] = at;
    this.partLength[p] = end - at;
    this.partName[p] = -1;
    this.partWordsAt[p] = this.poolWordCount;
    this.tokenise(at, end);
    this.partWordsLength[p] = this.poolWordCount - this.partWordsAt[p];
    return p;
  }

  /** Word ids of the folded text `chars[from, to)` (single spaces between words), repeats included, into the pool. */
  private tokenise(from: number, to: number): void {
    const chars = this.chars;
    for (let start = from; start < to;) {
      let stop = start;
      let hash = 0x811c9dc5;
      for (; stop < to; stop++) {
        const c = chars[stop]!;
        if (c === 32) break;
        hash = Math.imul(hash ^ c, 0x01000193);
      }
      const id = this.wordId(start, stop, hash);
      if (this.poolWordCount === this.poolWords.length) this.poolWords = grow(this.poolWords, this.poolWordCount + 1);
      this.poolWords[this.poolWordCount++] = id;
      start = stop + 1;
    }
  }

  /** The id of the word `chars[start, stop)`, a new one if unseen. */
  private wordId(start: number, stop: number, hash: number): number {
    const length = stop - start;
    const chars = this.chars;
    const mask = this.table.length - 1;
    probe: for (let at = hash & mask; ; at = (at + 1) & mask) {
      const id = this.table[at]! - 1;
      if (id < 0) break;
      if (this.wordHash[id] !== hash || this.wordLength[id] !== length) continue;
      const other = this.wordAt[id]!;
      for (let i = 0; i < length; i++) if (chars[other + i] !== chars[start + i]) continue probe;
      return id;
    }
    const id = this.wordCount++;
    if (id === this.wordHash.length) {
      this.wordHash = grow(this.wordHash, id + 1);
      this.wordAt = grow(this.wordAt, id + 1);
      this.wordLength = grow(this.wordLength, id + 1);
      this.seen = grow(this.seen, id + 1);
    }
    this.wordHash[id] = hash;
    this.wordAt[id] = start;
    this.wordLength[id] = length;
    this.table = hashInsert(this.table, id, this.wordHash);
    return id;
  }

  private reserveChars(atLeast: number): void {
    const next = new Uint16Array(Math.max(atLeast, this.chars.length * 2));
    next.set(this.chars);
    this.chars = next;
  }

  /** `chars[at, at + length)` as a string (one byte a character when they all fit). */
  private charsText(at: number, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 4096) {
      const run = this.chars.subarray(at + i, at + Math.min(length, i + 4096));
      out += String.fromCharCode.apply(null, run as unknown as number[]);
    }
    return out;
  }
}

/**
 * `fold(text)` for plain ASCII text (printable and tab, newline, return), written to `out` from `at`; returns where
 * it ends, or -1 (nothing meaningful written) when the text is not plain ASCII. As `fold`: lower case, every run of
 * characters other than a-z and 0-9 one space, none at either end.
 */
function foldAscii(text: string, out: Uint16Array, at: number): number {
  let end = at;
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) return -1;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && end > at) out[end++] = 32;
      gap = false;
      out[end++] = c;
    } else gap = true;
  }
  return end;
}

function setById(a: Int32Array<ArrayBuffer>, id: number, part: number): Int32Array<ArrayBuffer> {
  if (id >= a.length) {
    const next = new Int32Array(Math.max(id + 1, a.length * 2, 1024)).fill(-1);
    next.set(a);
    a = next;
  }
  a[id] = part;
  return a;
}

function byId(a: Int32Array, id: number | null): number {
  return id === null || id >= a.length ? -1 : a[id]!;
}

function grow(a: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(atLeast, a.length * 2));
  next.set(a);
  return next;
}

/** The sort names (by text slot) and the words of a BuiltText as strings. */
export function decodeText(t: BuiltText): { sortNames: string[]; words: string[] } {
  const names = t.count === 0 ? [] : t.sortNames.split('\n');
  const sortNames = new Array<string>(t.count);
  for (let slot = 0; slot < t.count; slot++) sortNames[slot] = names[t.sortNameOf[slot]!]!;
  return { sortNames, words: t.words === '' ? [] : t.words.split(' ') };
}
