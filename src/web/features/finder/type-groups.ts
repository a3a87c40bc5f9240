import { getTypesForLanguage, isSupportedLanguage } from '@code4recovery/spec';

/**
 * The filter panel's type groups. The Meeting Guide spec lists about ninety codes in one flat list; a list that long
 * is unusable on a phone, so, as tsml-ui and the Online Intergroup (oiaa) do, they are shown in groups a newcomer can
 * scan: whether anyone may come (open/closed), what happens in the meeting (format), what the room offers
 * (features), who it is for (communities) and its language. Access needs get their own group because people who
 * need them look for them first (wheelchair access is a yes/no question, not a "feature"). Sign language is listed
 * there rather than among spoken languages for the same reason. Only codes some result carries are shown (with the
 * API's facet count), so the groups stay short; a code not listed here falls into "features" rather than vanishing.
 */
export const TYPE_GROUPS = {
  openClosed: ['O', 'C'],
  format: ['BE', 'D', 'SP', 'ST', 'TR', 'B', '12x12', 'ABSI', 'DR', 'GR', 'LIT', 'LS', '11', 'MED', 'CAN', 'H', 'BRK', 'OUT'],
  features: ['XT', 'POA', 'BA', 'CF', 'SM', 'DB', 'TC', 'AL', 'AL-AN', 'DD'],
  communities: ['M', 'W', 'Y', 'SEN', 'LGBTQ', 'G', 'L', 'BI', 'T', 'NB', 'POC', 'N', 'NDG', 'P', 'A'],
  accessibility: ['X', 'XB', 'ASL', 'FF'],
  language: [
    'EN',
    'S',
    'FR',
    'DE',
    'ITA',
    'POR',
    'POL',
    'RUS',
    'UK',
    'AR',
    'FA',
    'HE',
    'HI',
    'PUN',
    'ML',
    'NE',
    'JA',
    'KOR',
    'TH',
    'TL',
    'TUR',
    'EL',
    'NL',
    'DA',
    'NO',
    'SV',
    'FI',
    'IS',
    'HU',
    'HR',
    'SK',
    'SL',
    'LT',
    'BG',
    'MT',
    'KA',
    'AM',
    'AF',
  ],
} as const satisfies Record<string, readonly string[]>;

export type TypeGroup = keyof typeof TYPE_GROUPS;
export const TYPE_GROUP_NAMES = Object.keys(TYPE_GROUPS) as TypeGroup[];

const listed = new Set<string>(Object.values(TYPE_GROUPS).flat());

/** The codes to offer in a group: those the results carry or the search already asks for, in the group's order. */
export function codesFor(group: TypeGroup, facet: Readonly<Record<string, number>>, selected: readonly string[]): string[] {
  const wanted = (c: string) => (facet[c] ?? 0) > 0 || selected.includes(c);
  const codes = (TYPE_GROUPS[group] as readonly string[]).filter(wanted);
  if (group === 'features')
    codes.push(
      ...Object.keys(facet)
        .filter((c) => !listed.has(c) && wanted(c))
        .sort(),
    );
  return codes;
}

/** Type names in the interface's language from the spec's translations (English where it has none). */
export function typeNames(language: string | undefined): Readonly<Record<string, string | undefined>> {
  const code = language?.split('-')[0] ?? 'en';
  return getTypesForLanguage(isSupportedLanguage(code) ? code : 'en');
}
