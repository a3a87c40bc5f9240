import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import { ATTENDANCE } from '../index/indexed-meeting.js';
import { parseTextQuery, type TextQuery } from '../index/text.js';
import type { SearchQuery } from './query.js';

/**
 * The query's non-time filters compiled against the store's interned values once per search, as lookup tables
 * indexed by the stored small integers: testing a meeting is then a few array reads, with no Set or closure call
 * per candidate (the engine's scan reads these fields inline; at 250,000 meetings a search may test ten thousand).
 */
export interface CompiledFilters {
  /** False when the query can match nothing (an unknown type required, say). */
  possible: boolean;
  /** Attendance index → 1 when allowed (the attendance filter and "exclude online" together). */
  attendance: Uint8Array;
  /** Fellowship id → 1 when allowed, or null for any. */
  fellowship: Uint8Array | null;
  /** Source id → 1 when allowed, or null for any (ids beyond the table are not allowed). */
  source: Uint8Array | null;
  /** Region id → 1 when allowed (the region or one below it), or null for any. */
  region: Uint8Array | null;
  /** Words of type bits to compare: only those the store's type codes use. */
  typeWords: number;
  /** Required type bits (AND), or null. Signed words, like the engine's copy of a meeting's bits. */
  allTypes: Int32Array | null;
  /** Type bits of which one is enough (OR), or null. */
  anyTypes: Int32Array | null;
  /** Language bits of which one is enough, or null. */
  anyLanguage: Int32Array | null;
  /**
   * The words and phrases, or null. The pass has nothing to check for them: the engine's candidates are exactly
   * the meetings having every prefix word (text index postings) and every phrase (checked on word ids).
   */
  text: TextQuery | null;
}

function maskOf(store: MeetingStore, codes: string[]): { mask: Int32Array; unknown: number } {
  const mask = new Int32Array(TYPE_WORDS);
  let unknown = 0;
  for (const code of codes) {
    const bit = store.typeCodes.find(code);
    if (bit < 0 || bit >= TYPE_WORDS * 32) unknown++;
    else mask[bit >> 5]! |= 1 << (bit & 31);
  }
  return { mask, unknown };
}

/** A table of `size` zeros with 1 at each id in `allowed` that fits. */
function table(size: number, allowed: Iterable<number>): Uint8Array {
  const t = new Uint8Array(size);
  for (const id of allowed) if (id >= 0 && id < size) t[id] = 1;
  return t;
}

export function compileFilters(store: MeetingStore, q: SearchQuery): CompiledFilters {
  let possible = true;

  const types = q.types?.length ? maskOf(store, q.types) : null;
  if (types && q.typesMode === 'and' && types.unknown > 0) possible = false;
  if (types && q.typesMode === 'or' && types.unknown === q.types!.length) possible = false;
  const langs = q.languages?.length ? maskOf(store, q.languages) : null;
  if (langs && langs.unknown === q.languages!.length) possible = false;

  let fellowship: Uint8Array | null = null;
  if (q.fellowships?.length) {
    fellowship = table(
      store.fellowships.size,
      q.fellowships.map((f) => store.fellowships.find(f)),
    );
    if (!fellowship.includes(1)) possible = false;
  }
  const attendance = table(
    ATTENDANCE.length,
    ATTENDANCE.flatMap((a, i) => {
      if (q.online === 'exclude' && a === 'online') return [];
      return !q.attendance?.length || q.attendance.includes(a) ? [i] : [];
    }),
  );
  const source = q.sourceIds?.length ? table(Math.max(...q.sourceIds) + 1, q.sourceIds) : null;
  let region: Uint8Array | null = null;
  if (q.regions?.length) {
    const ids: number[] = [];
    store.regions.values.forEach((path, id) => {
      if (q.regions!.some((r) => path === r || path.startsWith(`${r} > `))) ids.push(id);
    });
    region = table(store.regions.size, ids);
    if (ids.length === 0) possible = false;
  }
  const text = q.text ? parseTextQuery(q.text) : null;
  if (text && text.prefixes.length === 0 && text.phrases.length === 0) possible = false;

  return {
    possible,
    attendance,
    fellowship,
    source,
    region,
    typeWords: Math.min(TYPE_WORDS, Math.ceil(store.typeCodes.size / 32)),
    allTypes: types && q.typesMode === 'and' ? types.mask : null,
    anyTypes: types && q.typesMode === 'or' ? types.mask : null,
    anyLanguage: langs ? langs.mask : null,
    text,
  };
}
