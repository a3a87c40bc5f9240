// Country names come from the ICU data built into Node, so nothing is fetched or bundled.
const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** English name of an ISO 3166-1 alpha-2 code ("United States"); the code itself if ICU has none. */
export function countryName(code: string): string {
  return displayNames.of(code) ?? code;
}

/**
 * Names people write after a comma that are neither the ISO code nor ICU's
 * English name: "London, UK", "Springfield, USA", "Istanbul, Turkey".
 * Keys are folded (see fold.ts).
 */
export const COUNTRY_ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'united states of america': 'US',
  turkey: 'TR',
  'czech republic': 'CZ',
  holland: 'NL',
  burma: 'MM',
  'ivory coast': 'CI',
  korea: 'KR',
  uae: 'AE',
};
