import type { MeetingStore } from './meeting-store.js';
import { TYPE_WORDS } from './meeting-store.js';

/** Int32 words per slot: 32 bytes, two records to a cache line. */
export const RECORD_WORDS = 8;
/** Type-bit words held in the record; stores using more type codes than 64 read the rest from the store. */
export const RECORD_TYPE_WORDS = 2;

/**
 * Everything a search's pass over its candidates reads about a meeting, packed into 32 bytes per slot:
 *
 *   word 0: alive (bit 0), attendance (bits 1–3), weekdays (bits 4–10), store zone id (bits 16–31)
 *   word 1: start minute + 1 (bits 0–15, 0 = by appointment), duration in minutes (bits 16–31)
 *   word 2: fellowship id (bits 0–15), source id (bits 16–31)
 *   word 3: region id (-1 = none)
 *   words 4–5: the first 64 type bits
 *   word 6: meeting id
 *
 * The store's columns put each field in its own array, so a candidate touched a dozen cache lines; candidates
 * are scattered over the store (a word's postings, a circle, a time window), so each was a cache miss, and they
 * were most of a search's time. Derived from the store and rebuilt when it has changed (a few milliseconds at
 * 250,000 meetings).
 */
export class HotRecords {
  words = new Int32Array(0);
  private builtVersion = -1;

  constructor(private readonly store: MeetingStore) {}

  current(): Int32Array {
    const s = this.store;
    if (this.builtVersion === s.version) return this.words;
    if (this.words.length < s.capacity * RECORD_WORDS) this.words = new Int32Array(s.capacity * RECORD_WORDS);
    const w = this.words;
    for (let slot = 0; slot < s.length; slot++) {
      const r = slot * RECORD_WORDS;
      if (!s.alive[slot]) {
        w[r] = 0;
        continue;
      }
      w[r] = 1 | (s.attendance[slot]! << 1) | (s.days[slot]! << 4) | (s.zone[slot]! << 16);
      w[r + 1] = ((s.start[slot]! + 1) & 0xffff) | (s.duration[slot]! << 16);
      w[r + 2] = s.fellowship[slot]! | (s.source[slot]! << 16);
      w[r + 3] = s.region[slot]!;
      const t = slot * TYPE_WORDS;
      for (let k = 0; k < RECORD_TYPE_WORDS; k++) w[r + 4 + k] = s.typeBits[t + k]!;
      w[r + 6] = s.ids[slot]!;
    }
    this.builtVersion = s.version;
    return w;
  }
}
