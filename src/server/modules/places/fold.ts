// Letters that Unicode does not decompose into a base letter and a mark, spelt
// the way people type them on an English keyboard ("Łódź" is typed "lodz").
const UNDECOMPOSED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ə: 'e',
};

/**
 * Place names are compared folded: lower case, without diacritics ("São" and
 * "sao"), apostrophes and dots dropped ("O'Fallon" is typed "ofallon", "St.
 * Louis" "st louis"), other punctuation as one space ("Wilkes-Barre").
 * Stronger than search's `fold` because city names use letters such as ł and ø.
 */
export function foldPlaceName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþħıə]/g, (ch) => UNDECOMPOSED[ch] ?? ch)
    .replace(/['’‘`.ʻʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
