import { beforeAll, describe, expect, it } from 'vitest';
import { CITY_ALIASES } from './aliases.js';
import { foldPlaceName } from './fold.js';
import { loadPlaceIndex, type PlaceIndex } from './place-index.js';

describe('place index', () => {
  let index: PlaceIndex;
  const first = (q: string) => index.search(q)[0];

  beforeAll(async () => {
    index = await loadPlaceIndex();
  });

  it('ranks Malvern, Pennsylvania first for "Malvern, PA", with its coordinates and time zone', () => {
    expect(first('Malvern, PA')).toEqual({
      id: 'geonames:5199600',
      name: 'Malvern',
      admin: 'PA',
      country: 'US',
      label: 'Malvern, Pennsylvania, United States',
      lat: expect.closeTo(40.04, 2) as number,
      lng: expect.closeTo(-75.51, 2) as number,
      timezone: 'America/New_York',
      population: 3430,
    });
    // Its own label, typed back in, finds it again.
    expect(first('Malvern, Pennsylvania, United States')?.id).toBe('geonames:5199600');
    expect(first('malvern, penn')?.id).toBe('geonames:5199600');
  });

  it('matches prefixes: "malv" includes Malvern, PA (by population it is tenth)', () => {
    const ids = index.search('malv', 20).map((p) => p.id);
    expect(ids).toContain('geonames:5199600');
    expect(index.search('malv').every((p) => foldPlaceName(p.name).startsWith('malv'))).toBe(true);
  });

  it('ignores case and diacritics', () => {
    expect(first('sao paulo')).toMatchObject({ name: 'São Paulo', country: 'BR', timezone: 'America/Sao_Paulo' });
    expect(first('SÃO PAULO')?.name).toBe('São Paulo');
    expect(first('lodz')?.name).toBe('Łódź');
    expect(first('zurich')).toMatchObject({ name: 'Zürich', admin: 'ZH', country: 'CH' });
    expect(first('montreal, qc')).toMatchObject({ name: 'Montréal', admin: 'QC', label: 'Montréal, Quebec, Canada' });
  });

  it('finds well-known cities by their other names', () => {
    for (const q of ['munich', 'München', 'munchen']) expect(first(q)).toMatchObject({ name: 'Munich', country: 'DE' });
    expect(first('cologne, de')?.name).toBe('Köln');
    for (const { country, name, aliases } of CITY_ALIASES) {
      for (const alias of aliases) expect(first(alias), alias).toMatchObject({ name, country });
    }
  });

  it('puts the most populous of equal names first', () => {
    expect(first('sydney')).toMatchObject({
      name: 'Sydney',
      admin: 'NSW',
      country: 'AU',
      timezone: 'Australia/Sydney',
      label: 'Sydney, New South Wales, Australia',
    });
    expect(first('Paris')?.country).toBe('FR');
  });

  it('lets a region or country after a comma choose between places of one name', () => {
    expect(first('Paris, TX')).toMatchObject({ name: 'Paris', admin: 'TX', country: 'US', timezone: 'America/Chicago' });
    expect(first('Paris, Texas')?.admin).toBe('TX');
    expect(first('Paris, FR')).toMatchObject({ country: 'FR', timezone: 'Europe/Paris' });
    expect(first('Paris, France')?.country).toBe('FR');
    expect(first('Springfield, IL')).toMatchObject({ name: 'Springfield', admin: 'IL' });
    expect(first('Sydney, NS')).toMatchObject({ country: 'CA', admin: 'NS' });
    for (const q of ['London, UK', 'London, GB', 'London, England', 'London, United Kingdom']) {
      expect(first(q), q).toMatchObject({ name: 'London', country: 'GB', timezone: 'Europe/London' });
    }
    expect(first('London, ON')).toMatchObject({ country: 'CA', admin: 'ON' });
  });

  it('ranks by exact name, then qualifier, then population', () => {
    // Malvern East (Victoria, 21k people) matches the qualifier but not the whole name, so it follows every exact Malvern.
    const ranked = index.search('Malvern, VIC', 20).map((p) => `${p.name} ${p.admin}`);
    expect(ranked.slice(0, 3)).toEqual(['Malvern VIC', 'Malvern AR', 'Malvern PA']);
    const east = ranked.indexOf('Malvern East VIC');
    expect(east).toBeGreaterThan(2);
    expect(ranked.slice(0, east).every((r) => /^Malvern \w+$/.test(r))).toBe(true);
  });

  it('returns at most `limit` places, each once, and nothing for text that names no place', () => {
    expect(index.search('s')).toHaveLength(8);
    expect(index.search('s', 20)).toHaveLength(20);
    expect(index.search('s', 1)).toHaveLength(1);
    const moscow = index.search('mos', 20).map((p) => p.id);
    expect(new Set(moscow).size).toBe(moscow.length);
    expect(index.search('zzzzqqq')).toEqual([]);
    expect(index.search('!!!')).toEqual([]);
    expect(index.search(', PA')).toEqual([]);
  });

  it('finds a place by id, and nothing for unknown or malformed ids', () => {
    expect(index.find('geonames:5199600')).toMatchObject({ name: 'Malvern', admin: 'PA' });
    expect(index.find('geonames:2147714')?.name).toBe('Sydney');
    expect(index.find('geonames:1')).toBeUndefined();
    expect(index.find('geonames:99999999')).toBeUndefined();
    expect(index.find('5199600')).toBeUndefined();
    expect(index.find('geonames:abc')).toBeUndefined();
  });

  it('is built once per process', async () => {
    expect(await loadPlaceIndex()).toBe(index);
    expect(index.size).toBeGreaterThan(130_000);
  });
});
