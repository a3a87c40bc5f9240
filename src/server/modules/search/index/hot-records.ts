import type { MeetingStore } from './meeting-store.js';
import { TYPE_WORDS } from './meeting-store.js';

/** Int32 words per slot: 16 bytes, four records to a cache line. */
export const RECORD_WORDS = 4;
/** Type-bit words held in the record; stores using more type codes than 64 read the rest from the store. */
export const RECORD_TYPE_WORDS = 2;
/** Longest duration a record holds (11 bits); the normaliser's durations are at most a day. */
const MAX_DURATION = 2047;

/**
 * What a search's pass over its candidates reads for nearly every candidate, packed into 16 bytes per slot:
 *
 *   word 0: alive (bit 0), attendance (bits 1–2), weekdays (bits 3–9), start minute + 1 (bits 10–20,
 *           0 = by appointment), duration in minutes (bits 21–31)
 *   word 1: store zone id (bits 0–15), fellowship id (bits 16–31)
 *   words 2–3: the first 64 type bits
 *
 * The store keeps each field in its own array, so a candidate touched a dozen cache lines, and candidates are
 * scattered over the store (a word's postings, a circle, a time window): those misses were most of a search's
 * time. Sixteen bytes a meeting (4 MB at 250,000, 16 MB at a million) mostly stay in the processor's cache.
 * Rarely filtered fields (source, region) and those needed only for the page (id, coordinates) stay in the store.
 * Derived from the store and rebuilt when it has changed (a few milliseconds at 250,000 meetings).
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
      w[r] =
        1 |
        (s.attendance[slot]! << 1) |
        (s.days[slot]! << 3) |
        ((s.start[slot]! + 1) << 10) |
        (Math.min(s.duration[slot]!, MAX_DURATION) << 21);
      w[r + 1] = s.zone[slot]! | (s.fellowship[slot]! << 16);
      const t = slot * TYPE_WORDS;
      w[r + 2] = s.typeBits[t]!;
      w[r + 3] = s.typeBits[t + 1]!;
    }
    this.builtVersion = s.version;
    return w;
  }
}
