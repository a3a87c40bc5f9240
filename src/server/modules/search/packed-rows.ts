import { hashInsert } from './index/word-lists.js';

/**
 * Rows of the boot-time build read from SQLite as one text each (search-rows.ts, packedColumnsPageSql and
 * packedTextPageSql): the fields joined by PACKED_SEPARATOR, null ids as empty fields, the one free text that may hold
 * the separator last. better-sqlite3 spends about 300 ns making each row's array of values and far less on a single
 * value, so at 250,000 meetings a row as one text read about 60 ms faster per half of the build; and its fields are
 * read in place, so the texts many meetings share (a schedule, a kind, a name) become strings only once (SpanTable).
 */

const SEPARATOR = 0x1f;

/** Reads one packed row's fields in order. */
export class PackedRow {
  text = '';
  /** Where the next field begins. */
  at = 0;
  /** The field last read by span(): its bounds and hash. */
  from = 0;
  to = 0;
  hash = 0;

  start(text: string): this {
    this.text = text;
    this.at = 0;
    return this;
  }

  /** The next field as a non-negative integer, or null when it is empty. */
  int(): number | null {
    const text = this.text;
    let i = this.at;
    let c = text.charCodeAt(i);
    if (c === SEPARATOR || i >= text.length) {
      this.at = i + 1;
      return null;
    }
    let value = 0;
    for (; i < text.length && (c = text.charCodeAt(i)) !== SEPARATOR; i++) value = value * 10 + (c - 48);
    this.at = i + 1;
    return value;
  }

  /** Everything left, as a string. */
  rest(): string {
    const from = this.at;
    this.at = this.text.length + 1;
    return from === 0 ? this.text : this.text.slice(from);
  }

  /**
   * The next `fields` fields as one span (`from`, `to`, `hash`), or everything left when `fields` is 0; at most
   * `limit` code units of it.
   */
  span(fields: number, limit = Number.POSITIVE_INFINITY): this {
    const text = this.text;
    const from = this.at;
    let end = text.length;
    if (fields > 0) {
      let left = fields;
      for (let i = from; i < text.length; i++) {
        if (text.charCodeAt(i) === SEPARATOR && --left === 0) {
          end = i;
          break;
        }
      }
    }
    this.at = end + 1;
    this.from = from;
    this.to = Math.min(end, from + limit);
    this.hash = hashOf(text, from, this.to);
    return this;
  }
}

/** FNV-1a of the code units `text[from, to)`. */
export function hashOf(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Whether `text` holds `key` at `from`. A loop, as startsWith() took several times as long on these short texts (a
 * call into the runtime each time).
 */
function sameAt(key: string, text: string, from: number): boolean {
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) !== text.charCodeAt(from + i)) return false;
  return true;
}

/**
 * Distinct texts, each with a value, looked up by a span of a longer text without slicing it: found by hash and
 * compared in place. A Map keyed by the sliced field cost about a microsecond a row at boot, hashing a
 * fresh string each time.
 */
export class SpanTable<T> {
  private keys: string[] = [];
  private values: T[] = [];
  private hashes = new Int32Array(1024);
  /** Open addressing: key index + 1, 0 empty (see hashInsert). */
  private table = new Int32Array(2048);

  /** The value of `text[from, to)` (whose hash is `hash`), or undefined. */
  get(text: string, from: number, to: number, hash: number): T | undefined {
    const table = this.table;
    const mask = table.length - 1;
    const length = to - from;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const k = table[at]! - 1;
      if (k < 0) return undefined;
      const key = this.keys[k]!;
      if (this.hashes[k] === hash && key.length === length && sameAt(key, text, from)) return this.values[k];
    }
  }

  /** Adds `key` (not yet in the table; `hash` is hashOf(key)). */
  set(key: string, hash: number, value: T): void {
    const k = this.keys.length;
    if (k === this.hashes.length) {
      const grown = new Int32Array(k * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.keys.push(key);
    this.values.push(value);
    this.hashes[k] = hash;
    this.table = hashInsert(this.table, k, this.hashes);
  }

  /** The value of `row`'s last span, made by `make` from its text the first time that text is seen. */
  of(row: PackedRow, make: (text: string) => T): T {
    return this.lookup(row.text, row.from, row.to, row.hash, make);
  }

  /** The value of `text[from, to)`, made by `make` from it the first time. */
  lookup(text: string, from: number, to: number, hash: number, make: (text: string) => T): T {
    let value = this.get(text, from, to, hash);
    if (value === undefined) {
      const key = from === 0 && to === text.length ? text : text.slice(from, to);
      value = make(key);
      this.set(key, hash, value);
    }
    return value;
  }

  /** The value of a whole text, made by `make` the first time. */
  ofText(text: string, make: (text: string) => T): T {
    return this.lookup(text, 0, text.length, hashOf(text, 0, text.length), make);
  }
}
