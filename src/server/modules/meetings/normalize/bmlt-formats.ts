import type { IssueList } from './issues.js';
import { readText } from './text.js';

/** A format as GetFormats describes it. */
export interface BmltFormat {
  key: string;
  name: string | null;
  description: string | null;
  worldId: string | null;
}

/**
 * NAWS format codes (BMLT's `world_id`, portable across root servers) to
 * Meeting Guide type codes. `lossy` marks codes that share a spec type with
 * others (several NA literature formats are all "Literature"): those keep the
 * server's own format as a custom type too, so nothing is lost.
 */
export const NAWS_TO_SPEC: Record<string, { types: string[]; lossy?: boolean }> = {
  OPEN: { types: ['O'] },
  CLOSED: { types: ['C'] },
  BEG: { types: ['BE'] },
  WCHR: { types: ['X'] },
  DISC: { types: ['D'] },
  SPK: { types: ['SP'] },
  STEP: { types: ['ST'] },
  // The spec's T is Transgender; tradition study is TR.
  TRAD: { types: ['TR'] },
  MED: { types: ['MED'] },
  CAN: { types: ['CAN'] },
  GL: { types: ['LGBTQ'] },
  W: { types: ['W'] },
  M: { types: ['M'] },
  Y: { types: ['Y'] },
  SMOK: { types: ['SM'] },
  CW: { types: ['CF'] },
  TC: { types: ['TC'] },
  LIT: { types: ['LIT'] },
  BT: { types: ['LIT'], lossy: true },
  JFT: { types: ['LIT'], lossy: true },
  IW: { types: ['LIT'], lossy: true },
  SWG: { types: ['LIT'], lossy: true },
  IP: { types: ['LIT'], lossy: true },
  LC: { types: ['LIT'], lossy: true },
};

/** NAWS codes about how to attend rather than what the meeting is. */
const VENUE_CODES = new Set(['VM', 'HYBR']);

/** LANG formats name a language; these are the ones the spec has a type for. */
const LANGUAGES: Record<string, string> = {
  es: 'S',
  espanol: 'S',
  español: 'S',
  spanish: 'S',
  fr: 'FR',
  french: 'FR',
  francais: 'FR',
  français: 'FR',
  pl: 'POL',
  polish: 'POL',
  ru: 'RUS',
  russian: 'RUS',
  pt: 'POR',
  portuguese: 'POR',
  it: 'ITA',
  italian: 'ITA',
  de: 'G',
  german: 'G',
  ko: 'KOR',
  korean: 'KOR',
  ja: 'JA',
  japanese: 'JA',
  asl: 'ASL',
};

export interface MappedFormats {
  types: string[];
  /** Format keys kept as custom types, with their names from GetFormats. */
  custom: string[];
  virtual: boolean;
  hybrid: boolean;
}

/**
 * Maps a meeting's comma-separated format keys through GetFormats. Key strings
 * are chosen by each server and mean nothing elsewhere; `world_id` is the
 * portable code. The common "SD Speaker/Discussion" format has world_id SPK
 * alone, which would drop the discussion half, so a SPK format whose name
 * mentions discussion maps to both SP and D.
 */
export function mapFormats(keys: string, formats: Map<string, BmltFormat>, issues: IssueList): MappedFormats {
  const types = new Set<string>();
  const custom = new Set<string>();
  let virtual = false;
  let hybrid = false;
  for (const key of keys
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .slice(0, 60)) {
    const format = formats.get(key);
    if (!format) {
      custom.add(key);
      issues.warn('unknown_type', 'formats', `format "${key.slice(0, 40)}" is not in GetFormats; kept as a custom type`);
      continue;
    }
    const world = format.worldId?.toUpperCase() ?? '';
    if (VENUE_CODES.has(world)) {
      if (world === 'VM') virtual = true;
      else hybrid = true;
      continue;
    }
    if (world === 'LANG') {
      const spec = LANGUAGES[format.key.toLowerCase()] ?? LANGUAGES[(format.name ?? '').toLowerCase()];
      if (spec) types.add(spec);
      else custom.add(key);
      continue;
    }
    const mapped = NAWS_TO_SPEC[world];
    if (!mapped) {
      custom.add(key);
      continue;
    }
    mapped.types.forEach((t) => types.add(t));
    if (world === 'SPK' && /discussion/i.test(format.name ?? '')) types.add('D');
    if (mapped.lossy) custom.add(key);
  }
  return { types: [...types].sort(), custom: [...custom].sort(), virtual, hybrid };
}

/** Reads GetFormats; entries without a key are skipped. */
export function readFormats(raw: unknown, issues: IssueList): Map<string, BmltFormat> {
  const map = new Map<string, BmltFormat>();
  if (!Array.isArray(raw)) return map;
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const f = item as Record<string, unknown>;
    const key = readText(f.key_string, 'key_string', issues, { max: 64 });
    if (key === null) continue;
    map.set(key, {
      key,
      name: readText(f.name_string, 'name_string', issues, { max: 255 }),
      description: readText(f.description_string, 'description_string', issues, { max: 2000, multiline: true }),
      worldId: readText(f.world_id, 'world_id', issues, { max: 32 }),
    });
  }
  return map;
}
