import tzlookup from '@photostructure/tz-lookup';
import { PLACE_ID_PATTERN, PLACE_LIMITS, type Place } from '../../../shared/schemas/places.js';
import { aliasEntries } from './aliases.js';
import { readCities, type CityColumns } from './cities-pbf.js';
import { countryName } from './countries.js';
import { foldPlaceName } from './fold.js';
import { parsePlaceQuery, QualifierCompiler } from './query.js';
import { keepBest, rankScore, type Ranked } from './ranking.js';
import { regionOf } from './regions.js';
import { lowerBound, sortedOrder } from './sorted-keys.js';
import { TimeSlicer } from './time-slicer.js';

/** The id other modules and the API use for a GeoNames city. */
export const placeId = (geonamesId: number): string => `geonames:${geonamesId}`;

/**
 * An immutable in-memory index of the GeoNames cities: folded names (and a
 * few well-known other names) in one sorted array, so a prefix is one binary
 * search followed by a scan of the names that start with it.
 */
export class PlaceIndex {
  private readonly qualifiers: QualifierCompiler;

  private constructor(
    private readonly cities: CityColumns,
    /** Region code shown for each city: postal abbreviation in US/CA/AU, else GeoNames admin1. */
    private readonly admins: string[],
    /** Folded names, sorted by UTF-16 code unit, so every name with a prefix is one run. */
    private readonly keys: string[],
    private readonly keyCity: Int32Array,
    /** City positions ordered by GeoNames id, for lookups by id. */
    private readonly byId: Int32Array,
  ) {
    this.qualifiers = new QualifierCompiler(new Set(cities.countries));
  }

  /** Indexes decoded cities, pausing through `slicer` between steps. */
  static async fromCities(cities: CityColumns, slicer: TimeSlicer): Promise<PlaceIndex> {
    const keys = new Array<string>(cities.count);
    for (let i = 0; i < cities.count; i++) {
      if ((i & 1023) === 0) await slicer.pause();
      keys[i] = foldPlaceName(cities.names[i]!);
    }
    const keyCityList = Array.from({ length: cities.count }, (_v, i) => i);
    for (const { city, alias } of aliasEntries(cities)) {
      keys.push(foldPlaceName(alias));
      keyCityList.push(city);
    }
    await slicer.pause();
    const order = await sortedOrder(keys, slicer);
    await slicer.pause();
    const admins = cities.adminCodes.map((code, i) => regionOf(cities.countries[i]!, code)?.code ?? code);
    await slicer.pause();
    const byId = Int32Array.from({ length: cities.count }, (_v, i) => i).sort((a, b) => cities.ids[a]! - cities.ids[b]!);
    await slicer.pause();
    return new PlaceIndex(
      cities,
      admins,
      Array.from(order, (k) => keys[k]!),
      Int32Array.from(order, (k) => keyCityList[k]!),
      byId,
    );
  }

  /** Number of cities. */
  get size(): number {
    return this.cities.count;
  }

  /**
   * Places whose name (or other known name) starts with the text before the
   * first comma, folded; best first: exact name, then how many qualifiers
   * after the commas match (region or country), then population.
   */
  search(q: string, limit: number = PLACE_LIMITS.defaultResults): Place[] {
    const { name, qualifiers } = parsePlaceQuery(q);
    if (name === '' || limit < 1) return [];
    const matchers = qualifiers.map((part) => this.qualifiers.compile(part));
    const { countries, populations, ids } = this.cities;
    const top: Ranked[] = [];
    for (let k = lowerBound(this.keys, name); k < this.keys.length && this.keys[k]!.startsWith(name); k++) {
      const city = this.keyCity[k]!;
      let qualified = 0;
      for (const matches of matchers) if (matches(countries[city]!, this.admins[city]!)) qualified++;
      const score = rankScore(this.keys[k] === name, qualified, populations[city]!);
      // Most candidates of a short prefix lose to the current last place; skip them cheaply.
      if (top.length === limit && score < top[limit - 1]!.score) continue;
      keepBest(top, { city, score }, limit, ids);
    }
    return top.map((t) => this.placeAt(t.city));
  }

  /** The place with this id ("geonames:5199600"), if the index has it. */
  find(id: string): Place | undefined {
    if (!PLACE_ID_PATTERN.test(id)) return undefined;
    const wanted = Number(id.slice(id.indexOf(':') + 1));
    const { ids } = this.cities;
    let lo = 0;
    let hi = this.byId.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[this.byId[mid]!]! < wanted) lo = mid + 1;
      else hi = mid;
    }
    const city = this.byId[lo];
    return city !== undefined && ids[city] === wanted ? this.placeAt(city) : undefined;
  }

  private placeAt(i: number): Place {
    const { ids, names, countries, adminCodes, lats, lngs, populations } = this.cities;
    const country = countries[i]!;
    const lat = lats[i]!;
    const lng = lngs[i]!;
    const region = regionOf(country, adminCodes[i]!);
    const name = names[i]!;
    return {
      id: placeId(ids[i]!),
      name,
      admin: this.admins[i] || null,
      country,
      label: [name, region?.name, countryName(country)].filter(Boolean).join(', '),
      lat,
      lng,
      // About 1 µs a lookup, so it is computed per result rather than stored for 135k cities.
      timezone: tzlookup(lat, lng),
      population: populations[i]!,
    };
  }
}

/**
 * Builds a new index from the cities file. It gives the event loop a turn at
 * least every `sliceMs` (default 10) milliseconds; Infinity builds in one go.
 */
export async function buildPlaceIndex(options: { path?: string; sliceMs?: number } = {}): Promise<PlaceIndex> {
  const slicer = new TimeSlicer(options.sliceMs ?? 10);
  const cities = await readCities({ path: options.path, slicer });
  return PlaceIndex.fromCities(cities, slicer);
}

// One index per process: it is immutable data read from a file in
// node_modules, so apps built in the same process (tests) can share it
// instead of holding a copy each.
let shared: Promise<PlaceIndex> | undefined;

/** The process's place index, built on first call; a failed build is retried by the next call. */
export function loadPlaceIndex(): Promise<PlaceIndex> {
  shared ??= buildPlaceIndex().catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  return shared;
}

/** Places matching what a searcher typed (see `PlaceIndex.search`); waits for the index on first use. */
export async function searchPlaces(q: string, limit?: number): Promise<Place[]> {
  return (await loadPlaceIndex()).search(q, limit);
}

/** One place by id, e.g. for `near=geonames:5199600`; waits for the index on first use. */
export async function findPlace(id: string): Promise<Place | undefined> {
  return (await loadPlaceIndex()).find(id);
}
