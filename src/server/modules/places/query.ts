import { COUNTRY_ALIASES, countryName } from './countries.js';
import { foldPlaceName } from './fold.js';
import { namedRegions } from './regions.js';

/** "Malvern, PA, US" → the name and up to two qualifiers, all folded. */
export interface PlaceQuery {
  name: string;
  qualifiers: string[];
}

// A region and a country are all a qualifier can say; more parts are ignored.
const MAX_QUALIFIERS = 2;
const MIN_NAME_PREFIX = 3;

/** Splits a typed place at its commas: the name first, then region and/or country. */
export function parsePlaceQuery(q: string): PlaceQuery {
  const [first = '', ...rest] = q.split(',');
  return {
    name: foldPlaceName(first),
    qualifiers: rest
      .map(foldPlaceName)
      .filter((part) => part !== '')
      .slice(0, MAX_QUALIFIERS),
  };
}

/** Whether a place with this country code and region code satisfies one qualifier. */
export type QualifierMatcher = (country: string, admin: string) => boolean;

/**
 * Turns a qualifier into a matcher. A qualifier matches a place when it is its
 * region code ("PA", "NSW", "ZH") or country code ("FR"), a country alias
 * ("UK"), or the start (three letters or more) of its region's or country's
 * name ("Tex", "France"), so a half-typed qualifier already helps.
 */
export class QualifierCompiler {
  private readonly countries: { code: string; folded: string }[];
  private readonly regions = namedRegions().map(({ country, region }) => ({
    country,
    code: region.code,
    folded: foldPlaceName(region.name),
  }));

  constructor(countryCodes: Iterable<string>) {
    this.countries = [...countryCodes].map((code) => ({ code, folded: foldPlaceName(countryName(code)) }));
  }

  compile(qualifier: string): QualifierMatcher {
    const countries = new Set<string>();
    const alias = COUNTRY_ALIASES[qualifier];
    if (alias !== undefined) countries.add(alias);
    // Two letters are a code, never the start of a name: "ME" is Maine, not the start of Mexico.
    const byName = qualifier.length >= MIN_NAME_PREFIX;
    for (const c of this.countries) {
      if (c.code.toLowerCase() === qualifier || (byName && c.folded.startsWith(qualifier))) countries.add(c.code);
    }
    const regions = new Map<string, Set<string>>();
    for (const r of this.regions) {
      if (!byName || !r.folded.startsWith(qualifier)) continue;
      const codes = regions.get(r.country) ?? new Set<string>();
      codes.add(r.code);
      regions.set(r.country, codes);
    }
    const code = qualifier.toUpperCase();
    return (country, admin) => countries.has(country) || admin === code || (regions.get(country)?.has(admin) ?? false);
  }
}
