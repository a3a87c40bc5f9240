import { getTypesForLanguage } from '@code4recovery/spec';
import type { IssueList } from './issues.js';

/** Every type code the spec defines, with its English name. */
export const SPEC_TYPES: Readonly<Record<string, string>> = getTypesForLanguage('en');
const BY_UPPER = new Map(Object.keys(SPEC_TYPES).map((code) => [code.toUpperCase(), code]));

/**
 * Types that only make sense in a room (DOMAIN.md): shown on an online-only
 * meeting they would mislead, so the importer warns about them.
 */
export const IN_PERSON_ONLY_TYPES = new Set(['BA', 'BRK', 'CAN', 'CF', 'X', 'XB', 'SM', 'OUT', 'FF', 'AL', 'AL-AN']);

export interface TypeReading {
  types: string[];
  custom: string[];
  /** The deprecated ONL code was present: the feed meant "online". */
  legacyOnline: boolean;
}

/**
 * Reads `types`: an array of codes (a comma-separated string is accepted too).
 * Known codes are matched exactly, then case-insensitively; duplicates are
 * dropped. ONL (deprecated) is understood and removed. Unknown codes, such as
 * the typo ASBI, are kept as custom types and reported, never silently lost.
 */
export function readTypes(raw: unknown, issues: IssueList): TypeReading {
  const out: TypeReading = { types: [], custom: [], legacyOnline: false };
  if (raw === undefined || raw === null || raw === '') return out;
  const list: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
  const types = new Set<string>();
  const custom = new Set<string>();
  for (const item of list.slice(0, 100)) {
    if (typeof item !== 'string' || item.trim() === '' || item.length > 64) {
      issues.warn('unknown_type', 'types', `ignored a type that is not a short code: ${JSON.stringify(item)?.slice(0, 40)}`);
      continue;
    }
    const code = item.trim();
    if (code.toUpperCase() === 'ONL') {
      out.legacyOnline = true;
      continue;
    }
    const known = SPEC_TYPES[code] !== undefined ? code : BY_UPPER.get(code.toUpperCase());
    if (known) types.add(known);
    else custom.add(code);
  }
  for (const code of custom) issues.warn('unknown_type', 'types', `unknown type code "${code}" kept as a custom type`);
  out.types = [...types].sort();
  out.custom = [...custom].sort();
  return out;
}
