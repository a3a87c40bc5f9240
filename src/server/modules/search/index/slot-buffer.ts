/**
 * A growable list of slots, reused from search to search: candidate sets are collected into one Int32Array rather
 * than visited through a callback per slot or built as a fresh array each time.
 */
export class SlotBuffer {
  data = new Int32Array(1 << 14);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(slot: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = slot;
  }
}

/**
 * Per-slot marks for set operations within one search (visited once, in every posting list so far): a stamp per
 * operation instead of clearing a Set or an array each time.
 */
export class SlotMarks {
  private marks = new Uint32Array(0);
  private stamp = 0;

  /** A fresh mark value; every slot is unmarked for it. */
  next(capacity: number): number {
    if (this.marks.length < capacity) {
      this.marks = new Uint32Array(capacity);
      this.stamp = 0;
    }
    if (this.stamp === 0xffffffff) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /** The marks array (valid until the next call to next()). */
  get array(): Uint32Array {
    return this.marks;
  }
}

/**
 * A set of slots as a bitset: "each meeting once" within one search. At a million meetings it is 125 KB, small
 * enough to stay in the processor's cache while candidates are tested in any order, where an array of marks
 * (4 MB) cost a cache miss per candidate. Callers test and set bits inline (`words[slot >> 5] & (1 << (slot & 31))`).
 */
export class SlotSet {
  words = new Int32Array(0);

  /** Empties the set, sized for slots below `capacity`, and returns its words. */
  reset(capacity: number): Int32Array {
    const n = (capacity + 31) >> 5;
    if (this.words.length < n) this.words = new Int32Array(n);
    else this.words.fill(0, 0, n);
    return this.words;
  }
}
