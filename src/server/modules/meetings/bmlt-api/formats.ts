import { getTypesForLanguage, isSupportedLanguage } from '@code4recovery/spec';
import { SPEC_TYPES } from '../normalize/types.js';
import type { CustomTypeRow } from './repository.js';
import { CUSTOM_FORMAT_ID_BASE, SPEC_FORMAT_CODES, formatTypeOf, nawsCodeOf, specCodeOf, specFormatId } from './spec-codes.js';

/** One format as GetFormats shows it (before the shared fields are added). */
export interface BmltFormat {
  key_string: string;
  name_string: string;
  description_string: string;
  lang: string;
  id: string;
  world_id: string;
  format_type_enum: string;
}

interface CustomFormat {
  id: number;
  key: string;
  row: CustomTypeRow;
}

const customKey = (sourceId: number, code: string) => `${sourceId}\u0000${code}`;

/**
 * Every format Kinship can show to BMLT clients: the spec's types and each
 * source's custom types. A custom code keeps its own key string unless it
 * clashes (case-insensitively, as some clients compare keys) with a spec code
 * or another source's code; then it becomes "<source id>-<code>". Clashes are
 * judged over all stored custom types, not only the ones in use, so a key does
 * not change when another source starts or stops using a code.
 */
export class FormatCatalog {
  private readonly custom = new Map<string, CustomFormat>();
  private readonly customById = new Map<number, CustomFormat>();

  constructor(rows: CustomTypeRow[]) {
    const owners = new Map<string, Set<number>>();
    for (const code of SPEC_FORMAT_CODES) owners.set(code.toUpperCase(), new Set([0]));
    for (const row of rows) {
      const upper = row.code.toUpperCase();
      owners.set(upper, (owners.get(upper) ?? new Set()).add(row.source_id));
    }
    for (const row of rows) {
      const clash = (owners.get(row.code.toUpperCase())?.size ?? 0) > 1;
      const format = { id: CUSTOM_FORMAT_ID_BASE + row.id, key: clash ? `${row.source_id}-${row.code}` : row.code, row };
      this.custom.set(customKey(row.source_id, row.code), format);
      this.customById.set(format.id, format);
    }
  }

  /** Format ids of a meeting's types and custom types, ascending. */
  idsOf(sourceId: number, types: readonly string[], customTypes: readonly string[]): number[] {
    const ids: number[] = [];
    for (const code of types) {
      const id = specFormatId(code);
      if (id !== undefined) ids.push(id);
    }
    for (const code of customTypes) {
      const format = this.custom.get(customKey(sourceId, code));
      if (format) ids.push(format.id);
    }
    return ids.sort((a, b) => a - b);
  }

  /** The key string of a format id. */
  keyOf(id: number): string | undefined {
    return id < CUSTOM_FORMAT_ID_BASE ? specCodeOf(id) : this.customById.get(id)?.key;
  }

  /** What a format id stands for, for the SQL prefilter of GetSearchResults. */
  describe(id: number): { spec: string } | { sourceId: number; code: string } | undefined {
    if (id < CUSTOM_FORMAT_ID_BASE) {
      const spec = specCodeOf(id);
      return spec === undefined ? undefined : { spec };
    }
    const format = this.customById.get(id);
    return format && { sourceId: format.row.source_id, code: format.row.code };
  }

  /** Ids of every custom type (for `show_all`). */
  allCustomIds(): number[] {
    return [...this.customById.keys()];
  }

  /**
   * GetFormats entries for the given ids, ascending, in a language from
   * `formatLanguage`. Custom types keep the names their source gave them.
   */
  entries(ids: Iterable<number>, lang: string): BmltFormat[] {
    const translated = getTypesForLanguage(lang) as Record<string, string | undefined>;
    const out: BmltFormat[] = [];
    for (const id of [...new Set(ids)].sort((a, b) => a - b)) {
      if (id < CUSTOM_FORMAT_ID_BASE) {
        const code = specCodeOf(id);
        if (code === undefined) continue;
        out.push({
          key_string: code,
          name_string: translated[code] ?? SPEC_TYPES[code] ?? code,
          description_string: '',
          lang,
          id: String(id),
          world_id: nawsCodeOf(code),
          format_type_enum: formatTypeOf(code),
        });
        continue;
      }
      const format = this.customById.get(id);
      if (!format) continue;
      out.push({
        key_string: format.key,
        name_string: format.row.name ?? format.row.code,
        description_string: format.row.description ?? '',
        lang,
        id: String(id),
        world_id: '',
        format_type_enum: '',
      });
    }
    return out;
  }
}

/** The language formats are named in: the one asked for when the spec has names in it, else English. */
export function formatLanguage(requested: string | undefined): string {
  const lang = requested?.toLowerCase().slice(0, 2);
  return lang !== undefined && isSupportedLanguage(lang) ? lang : 'en';
}

/** Parses a stored JSON list of codes; a damaged value reads as empty rather than failing the whole response. */
export function codeList(json: string | null): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}
