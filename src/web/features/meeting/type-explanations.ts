import { getTypesForLanguage, isSupportedLanguage } from '@code4recovery/spec';

/**
 * Codes of the Meeting Guide spec that name the language a meeting is held in. They share one explanation ("Held in
 * Polish") instead of forty near-identical lines in every locale file; every other spec code has a line of its own
 * under `meeting.typeExplanations` (checked by type-explanations.test.ts).
 */
export const LANGUAGE_TYPE_CODES: ReadonlySet<string> = new Set(
  'EN S FR DE ITA POR POL RUS UK AR FA HE HI PUN ML NE JA KOR TH TL TUR EL NL DA NO SV FI IS HU HR SK SL LT BG MT KA AM AF'.split(
    ' ',
  ),
);

/**
 * Types that say whether someone with a disability or a sensitivity can take part: the page lists them under
 * "Accessibility", where people who need them look first.
 */
export const ACCESSIBILITY_TYPE_CODES: ReadonlySet<string> = new Set(['X', 'XB', 'ASL', 'FF']);

/** "Location temporarily closed" is not a kind of meeting: the page shows it as a notice instead. */
export const TEMPORARILY_CLOSED = 'TC';

export interface DescribedType {
  code: string;
  /** The spec's name in the interface's language, or "Other: <code>" for a code the spec does not define. */
  name: string;
  /** One line in our own words; null for a code we know nothing about. */
  explanation: string | null;
}

type Translate = (key: string, options?: Record<string, string>) => string;

/** The spec's type names in a language (English where the spec has no translation). */
export function typeNamesFor(language: string | undefined): Readonly<Record<string, string | undefined>> {
  const code = language?.split('-')[0] ?? 'en';
  return getTypesForLanguage(isSupportedLanguage(code) ? code : 'en');
}

/** A type code as words with its explanation; never a bare code on its own. */
export function describeType(code: string, language: string | undefined, t: Translate): DescribedType {
  const name = typeNamesFor(language)[code];
  if (!name) return { code, name: t('meeting.otherType', { code }), explanation: null };
  if (LANGUAGE_TYPE_CODES.has(code)) return { code, name, explanation: t('meeting.typeLanguage', { language: name }) };
  return { code, name, explanation: t(`meeting.typeExplanations.${code}`) };
}
