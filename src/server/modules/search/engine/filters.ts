import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import { ATTENDANCE } from '../index/indexed-meeting.js';
import { hasPhrase, hasWordPrefix } from '../index/text-index.js';
import { parseTextQuery, type TextQuery } from '../index/text.js';
import type { SearchQuery } from './query.js';

/**
 * The query's non-time filters compiled against the store's interned values
 * once per search, so testing a meeting is a handful of integer comparisons.
 */
export interface CompiledFilters {
  /** False when the query can match nothing (an unknown type required, say). */
  possible: boolean;
  test(slot: number): boolean;
  text: TextQuery | null;
  /**
   * Stops testing one prefix word: the engine calls it for the word whose postings are the candidates, which all
   * have it. Searching a meeting's text costs more than the rest of the filters together (~200 ns).
   */
  assumePrefix(word: string): void;
}

function maskOf(store: MeetingStore, codes: string[]): { mask: Uint32Array; unknown: number } {
  const mask = new Uint32Array(TYPE_WORDS);
  let unknown = 0;
  for (const code of codes) {
    const bit = store.typeCodes.find(code);
    if (bit < 0 || bit >= TYPE_WORDS * 32) unknown++;
    else mask[bit >> 5]! |= 1 << (bit & 31);
  }
  return { mask, unknown };
}

export function compileFilters(store: MeetingStore, q: SearchQuery): CompiledFilters {
  let possible = true;
  const bits = store.typeBits;

  const types = q.types?.length ? maskOf(store, q.types) : null;
  if (types && q.typesMode === 'and' && types.unknown > 0) possible = false;
  if (types && q.typesMode === 'or' && types.unknown === q.types!.length) possible = false;
  const langs = q.languages?.length ? maskOf(store, q.languages) : null;
  if (langs && langs.unknown === q.languages!.length) possible = false;

  const fellowships = q.fellowships?.length
    ? new Set(q.fellowships.map((f) => store.fellowships.find(f)).filter((id) => id >= 0))
    : null;
  if (fellowships && fellowships.size === 0) possible = false;
  const attendance = q.attendance?.length ? new Set(q.attendance.map((a) => ATTENDANCE.indexOf(a))) : null;
  const sources = q.sourceIds?.length ? new Set(q.sourceIds) : null;
  let regions: Set<number> | null = null;
  if (q.regions?.length) {
    regions = new Set();
    store.regions.values.forEach((path, id) => {
      if (q.regions!.some((r) => path === r || path.startsWith(`${r} > `))) regions!.add(id);
    });
    if (regions.size === 0) possible = false;
  }
  const onlineIdx = ATTENDANCE.indexOf('online');
  const excludeOnline = q.online === 'exclude';
  const text = q.text ? parseTextQuery(q.text) : null;
  if (text && text.prefixes.length === 0 && text.phrases.length === 0) possible = false;
  // Built once per search rather than once per candidate.
  let spacedPrefixes = text ? text.prefixes.map((p) => [p, ` ${p}`] as const) : [];
  const spacedPhrases = text ? text.phrases.map((p) => [p, ` ${p}`] as const) : [];

  const test = (slot: number): boolean => {
    if (!store.alive[slot]) return false;
    const att = store.attendance[slot]!;
    if (excludeOnline && att === onlineIdx) return false;
    if (attendance && !attendance.has(att)) return false;
    if (fellowships && !fellowships.has(store.fellowship[slot]!)) return false;
    if (sources && !sources.has(store.source[slot]!)) return false;
    if (regions && !regions.has(store.region[slot]!)) return false;
    const base = slot * TYPE_WORDS;
    if (types) {
      if (q.typesMode === 'and') {
        for (let w = 0; w < TYPE_WORDS; w++) if ((bits[base + w]! & types.mask[w]!) !== types.mask[w]) return false;
      } else {
        let any = false;
        for (let w = 0; w < TYPE_WORDS && !any; w++) any = (bits[base + w]! & types.mask[w]!) !== 0;
        if (!any) return false;
      }
    }
    if (langs) {
      let any = false;
      for (let w = 0; w < TYPE_WORDS && !any; w++) any = (bits[base + w]! & langs.mask[w]!) !== 0;
      if (!any) return false;
    }
    if (spacedPrefixes.length > 0 || spacedPhrases.length > 0) {
      const folded = store.search[slot]!;
      for (const [p, spaced] of spacedPrefixes) if (!hasWordPrefix(folded, p, spaced)) return false;
      for (const [p, spaced] of spacedPhrases) if (!hasPhrase(folded, p, spaced)) return false;
    }
    return true;
  };
  const assumePrefix = (word: string) => {
    spacedPrefixes = spacedPrefixes.filter(([p]) => p !== word);
  };
  return { possible, test, text, assumePrefix };
}
