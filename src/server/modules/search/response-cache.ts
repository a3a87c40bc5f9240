import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

interface Entry {
  json: string;
  br?: Buffer;
  gzip?: Buffer;
  /** Bytes held: the JSON and each compressed copy made so far. */
  bytes: number;
  /** Whether the cache holds it (its bytes count against the bound). */
  held: boolean;
}

/** Answers smaller than this are sent as they are (as @fastify/compress does below its threshold). */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Recent search answers, keyed by everything that decides them: the index version, the minute the search is made
 * in, and the query string. A meeting finder's traffic repeats itself (the same town, "today", the first page the
 * home page asks for), and an answer depends on nothing else, so a repeat costs a map lookup instead of a search,
 * and its brotli or gzip body is compressed once rather than per request. Any change to the index bumps its
 * version, so no stale answer is served; old entries age out, least recently used first, within a bound on
 * entries and on bytes.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = 32 * 2 ** 20,
  ) {}

  /**
   * The answer for `key`, computed by `compute` on a miss (and kept when it fits). Concurrent misses on one key
   * share one computation. `fresh` computes it whatever the cache holds (a request with Cache-Control: no-cache).
   */
  async get(key: string, compute: () => Promise<string>, fresh = false): Promise<Entry> {
    const found = fresh ? undefined : this.entries.get(key);
    if (found) {
      this.hits++;
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const pending = fresh ? undefined : this.pending.get(key);
    if (pending) {
      this.hits++;
      return pending;
    }
    this.misses++;
    const computing = compute().then((json) => {
      const entry: Entry = { json, bytes: Buffer.byteLength(json), held: false };
      if (entry.bytes * 2 <= this.maxBytes) {
        entry.held = true;
        const replaced = this.entries.get(key);
        if (replaced) {
          this.entries.delete(key);
          this.bytes -= replaced.bytes;
          replaced.held = false;
        }
        this.entries.set(key, entry);
        this.bytes += entry.bytes;
        this.evict();
      }
      return entry;
    });
    this.pending.set(key, computing);
    try {
      return await computing;
    } finally {
      this.pending.delete(key);
    }
  }

  /** The body to send in `encoding`, compressing (once) on first use. */
  body(entry: Entry, encoding: Encoding): string | Buffer {
    if (encoding === 'identity' || entry.bytes < COMPRESS_THRESHOLD) return entry.json;
    let body = encoding === 'br' ? entry.br : entry.gzip;
    if (!body) {
      // The quality of the app's @fastify/compress settings: most of brotli's saving for a fraction of its CPU.
      body =
        encoding === 'br'
          ? brotliCompressSync(entry.json, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(entry.json, { level: 6 });
      if (encoding === 'br') entry.br = body;
      else entry.gzip = body;
      entry.bytes += body.length;
      if (entry.held) {
        this.bytes += body.length;
        this.evict();
      }
    }
    return body;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    for (const entry of this.entries.values()) entry.held = false;
    this.entries.clear();
    this.bytes = 0;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
      entry.held = false;
    }
  }
}

/**
 * The encoding to answer in, from an Accept-Encoding header: brotli, else gzip, else none; an encoding with q=0 is
 * refused, as RFC 9110 says.
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name) accepted.set(name, Number.isNaN(weight) ? 0 : weight);
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}
