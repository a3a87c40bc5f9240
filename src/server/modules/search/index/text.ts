/** Printable ASCII and the usual whitespace: text that normalising and stripping accents would leave as it is. */
const ASCII = /^[\t\n\r\x20-\x7e]*$/;

/**
 * Search text is compared folded: lower case, without diacritics ("São" and
 * "sao" match), with punctuation turned into spaces.
 */
export function fold(text: string): string {
  // Most text is plain ASCII, where normalising and stripping accents change nothing: a third of the index build.
  if (ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Distinct folded words of a text, in order of first appearance. */
export function tokens(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : [...new Set(folded.split(' '))];
}

export interface TextQuery {
  /** Words that must each start a word of the meeting (prefix match). */
  prefixes: string[];
  /** Quoted phrases that must appear, folded, word-aligned. */
  phrases: string[];
}

/** Splits `q` into prefix words and "quoted phrases". */
export function parseTextQuery(q: string): TextQuery {
  const phrases: string[] = [];
  const rest = q.replace(/"([^"]*)"/g, (_m, phrase: string) => {
    const f = fold(phrase);
    if (f) phrases.push(f);
    return ' ';
  });
  return { prefixes: tokens(rest.replace(/"/g, ' ')), phrases };
}
