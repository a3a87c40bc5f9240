import { NAWS_TO_SPEC } from '../normalize/bmlt-formats.js';

/**
 * Meeting Guide type codes in the order that fixes their BMLT format ids:
 * a code's id is its position in this list plus one ("11" is 1, "C" is 17, "O" is 59).
 * Clients store format ids (crouton filters, satellite settings), so this list
 * is frozen: the codes of @code4recovery/spec 1.1.9, sorted. When the spec
 * adds a code, append it at the end; never reorder or remove. A test fails
 * when the installed spec has a code missing here.
 */
export const SPEC_FORMAT_CODES: readonly string[] = [
  '11', '12x12', 'A', 'ABSI', 'AF', 'AL', 'AL-AN', 'AM', 'AR', 'ASL', 'B', 'BA', 'BE', 'BG', 'BI', 'BRK', 'C', 'CAN',
  'CF', 'D', 'DA', 'DB', 'DD', 'DE', 'DR', 'EL', 'EN', 'FA', 'FF', 'FI', 'FR', 'G', 'GR', 'H', 'HE', 'HI', 'HR', 'HU',
  'IS', 'ITA', 'JA', 'KA', 'KOR', 'L', 'LGBTQ', 'LIT', 'LS', 'LT', 'M', 'MED', 'ML', 'MT', 'N', 'NB', 'NDG', 'NE', 'NL',
  'NO', 'O', 'OUT', 'P', 'POA', 'POC', 'POL', 'POR', 'PUN', 'RUS', 'S', 'SEN', 'SK', 'SL', 'SM', 'SP', 'ST', 'SV', 'T',
  'TC', 'TH', 'TL', 'TR', 'TUR', 'UK', 'W', 'X', 'XB', 'XT', 'Y',
]; // prettier-ignore

/** Custom types get ids above every spec id: 1000 + their `custom_types.id`. */
export const CUSTOM_FORMAT_ID_BASE = 1000;

const SPEC_IDS = new Map(SPEC_FORMAT_CODES.map((code, i) => [code, i + 1]));

/** The BMLT format id of a spec code, or undefined for a code not (yet) in the frozen list. */
export const specFormatId = (code: string): number | undefined => SPEC_IDS.get(code);

/** The spec code of a format id in the spec range. */
export const specCodeOf = (id: number): string | undefined => SPEC_FORMAT_CODES[id - 1];

/**
 * Spec codes to NAWS codes (BMLT's `world_id`): the exact (not lossy) part of
 * what the BMLT importer maps, reversed. TR (Tradition Study) is TRAD: the spec's T is Transgender,
 * which has no NAWS code. Spoken and signed languages are NAWS "LANG", as
 * BMLT servers mark their language formats.
 */
const SPEC_TO_NAWS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(NAWS_TO_SPEC)
    .filter(([, m]) => !m.lossy && m.types.length === 1)
    .map(([naws, m]) => [m.types[0]!, naws]),
);

/** Spoken and signed languages. */
const LANGUAGE_CODES = new Set([
  ...'AF AM AR ASL BG DA DE EL EN FA FI FR HE HI HR HU IS ITA JA KA'.split(' '),
  ...'KOR LT ML MT NE NL NO POL POR PUN RUS S SK SL SV TH TL TUR UK'.split(' '),
]);
/** BMLT's FC2: things about the place. */
const PLACE_CODES = new Set(['BA', 'BRK', 'CAN', 'FF', 'OUT', 'SM', 'TC', 'X', 'XB']);
/** BMLT's FC1: what the meeting does. */
const FORMAT_CODES = new Set(['11', '12x12', 'ABSI', 'B', 'D', 'DR', 'GR', 'H', 'LIT', 'LS', 'MED', 'SP', 'ST', 'TR', 'XT']);

/** The NAWS code for a spec type, or "" when NAWS has none. */
export function nawsCodeOf(code: string): string {
  return SPEC_TO_NAWS[code] ?? (LANGUAGE_CODES.has(code) ? 'LANG' : '');
}

/**
 * BMLT's `format_type_enum`, which clients use to group a legend: "O" for
 * open/closed, "LANG", FC1 (format), FC2 (place) and FC3 (who it is for).
 */
export function formatTypeOf(code: string): string {
  if (code === 'O' || code === 'C') return 'O';
  if (LANGUAGE_CODES.has(code)) return 'LANG';
  if (PLACE_CODES.has(code)) return 'FC2';
  if (FORMAT_CODES.has(code)) return 'FC1';
  return 'FC3';
}
