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
