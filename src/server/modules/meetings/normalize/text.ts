import type { IssueList } from './issues.js';

/** Field length limits. The spec caps name at 255; the rest are generous but bounded. */
export const LIMITS = {
  name: 255,
  slug: 255,
  shortText: 500,
  longText: 20_000,
  url: 8192,
  phone: 128,
  handle: 64,
} as const;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—' };

/**
 * Text fields are plain text (spec: notes, location). Feeds still send HTML,
 * so tags are removed (block ends become line breaks) and entities decoded.
 * Script and style contents are dropped entirely rather than shown as text.
 */
export function stripHtml(input: string): string {
  if (!/[<&]/.test(input)) return input;
  return input
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[ref.toLowerCase()] ?? whole;
    });
}

// Control characters other than tab and newline have no place in listings.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** Anything readText would change: markup, control characters, white space other than single inner spaces. */
// eslint-disable-next-line no-control-regex
const NEEDS_TIDYING = /[<&\u0000-\u001f\u007f]|[^\S ]| {2}|^ | $/;

/**
 * Reads a text field: strings and numbers are accepted, HTML stripped, white
 * space tidied. Missing or empty gives null. A value of another JSON type is
 * dropped with a warning. Too long: a warning and null, or a rejection for
 * required fields (the caller decides by checking `issues.rejected`).
 */
export function readText(
  raw: unknown,
  field: string,
  issues: IssueList,
  { max = LIMITS.shortText, multiline = false, required = false }: { max?: number; multiline?: boolean; required?: boolean } = {},
): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    const msg = `${field} should be text, not ${describeType(raw)}`;
    if (required) issues.reject('wrong_type', field, msg);
    else issues.warn('wrong_type', field, `${msg}; ignored`);
    return null;
  }
  const str = String(raw);
  // Check the raw length first so a 1 MB string is not run through the regexes.
  if (str.length > max * 4) return tooLong(field, max, issues, required);
  // Most values are already clean; the tidying below would return them unchanged, so skip it.
  if (!NEEDS_TIDYING.test(str)) {
    if (str.length > max) return tooLong(field, max, issues, required);
    return str === '' ? null : str;
  }
  let text = stripHtml(str).replace(CONTROL, '').replace(/\r\n?/g, '\n');
  text = multiline
    ? text
        .split('\n')
        .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim()
    : text.replace(/\s+/g, ' ').trim();
  if (text.length > max) return tooLong(field, max, issues, required);
  return text === '' ? null : text;
}

function tooLong(field: string, max: number, issues: IssueList, required: boolean): null {
  const msg = `${field} is longer than ${max} characters`;
  if (required) issues.reject('too_long', field, msg);
  else issues.warn('too_long', field, `${msg}; ignored`);
  return null;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
