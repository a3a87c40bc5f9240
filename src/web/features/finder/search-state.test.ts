import { describe, expect, it } from 'vitest';
import { isMeetingType } from '@code4recovery/spec';
import { SEARCH_LIMITS, searchQuerySchema } from '../../../shared/schemas/search.js';
import { PLACE_LIMITS } from '../../../shared/schemas/places.js';
import { PLACE_QUERY_MAX } from '../../lib/meetings-api.js';
import {
  countFilters,
  defaultUnits,
  FINDER_LIMITS,
  parseFinderParams,
  toApiQuery,
  toFinderParams,
  toggle,
  withoutFilters,
  type FinderState,
} from './search-state.js';
import { codesFor, TYPE_GROUPS } from './type-groups.js';

const parse = (qs: string) => parseFinderParams(new URLSearchParams(qs));

describe('finder URL state', () => {
  it('reads a shared link and writes it back unchanged', () => {
    const qs =
      'near=geonames%3A5199600&radius=10&units=mi&day=1&time_of_day=morning%2Cevening&when=soon&fellowship=AA&attendance=in_person%2Chybrid&types=O%2CX&online=exclude&q=hope&sort=soonest';
    const state = parse(qs);
    expect(state).toMatchObject({ near: 'geonames:5199600', radius: 10, units: 'mi', day: 1, when: 'soon', q: 'hope' });
    expect(state.timeOfDay).toEqual(['morning', 'evening']);
    expect(state.types).toEqual(['O', 'X']);
    expect(toFinderParams(state).toString()).toBe(qs);
  });

  it('reads the questionnaire’s prefilled search', () => {
    expect(parse('fellowship=AA,SMART&online=only&types=W,S&sort=soonest')).toMatchObject({
      fellowship: ['AA', 'SMART'],
      online: 'only',
      types: ['W', 'S'],
      sort: 'soonest',
    });
  });

  it('drops what a hand-edited link gets wrong instead of failing the page', () => {
    const state = parse(
      'near=paris&day=9&radius=-3&time_of_day=noonish,night&when=later&sort=best&online=maybe&types=O,<b>&lat=100&lng=2',
    );
    expect(state).toEqual(parse('time_of_day=night&types=O'));
    expect(toFinderParams(state).toString()).toBe('time_of_day=night&types=O');
  });

  it('keeps a point from the browser over a place id, and leaves out defaults', () => {
    const state = parse('near=geonames:1&lat=40.036&lng=-75.514&online=include');
    expect(state.near).toBeUndefined();
    expect(toFinderParams(state).toString()).toBe('lat=40.036&lng=-75.514');
  });

  it('builds an API query the server accepts, in the searcher’s zone and units', () => {
    const state = parse('near=geonames:5199600&day=1&types=O&time_of_day=night&attendance=online');
    const api = toApiQuery(state, { tz: 'America/New_York', units: 'mi', cursor: 'abc' });
    const parsed = searchQuerySchema.parse(Object.fromEntries(api));
    expect(parsed).toMatchObject({
      near: 'geonames:5199600',
      day: [1],
      types: ['O'],
      tz: 'America/New_York',
      units: 'mi',
      cursor: 'abc',
    });
    expect(parsed.time_of_day).toEqual(['night']);
    // Units in the link win over the viewer's default, so a shared "within 10 miles" stays 10 miles.
    expect(toApiQuery(parse('radius=10&units=km'), { tz: 'UTC', units: 'mi' }).get('units')).toBe('km');
  });

  it('counts and clears the filters but keeps the place, words and order', () => {
    const state: FinderState = parse('near=geonames:5199600&q=hope&sort=name&day=2&types=O,X&online=only&radius=5');
    expect(countFilters(state)).toBe(5);
    const cleared = withoutFilters(state);
    expect(countFilters(cleared)).toBe(0);
    expect(toFinderParams(cleared).toString()).toBe('near=geonames%3A5199600&q=hope&sort=name');
  });

  it('toggles list values', () => {
    expect(toggle(['O'], 'X', true)).toEqual(['O', 'X']);
    expect(toggle(['O', 'X'], 'O', false)).toEqual(['X']);
    expect(toggle(['O'], 'O', true)).toEqual(['O']);
  });

  it('measures in miles where roads are signed in miles', () => {
    expect(defaultUnits('en-US')).toBe('mi');
    expect(defaultUnits('en-GB')).toBe('mi');
    expect(defaultUnits('es-ES')).toBe('km');
    expect(defaultUnits('es-419')).toBe('km');
    expect(defaultUnits('en')).toBe('km');
  });

  it('keeps its copies of the API limits in step with the API', () => {
    expect(FINDER_LIMITS).toEqual({ q: SEARCH_LIMITS.q, list: SEARCH_LIMITS.list, radius: SEARCH_LIMITS.radiusKm });
    expect(PLACE_QUERY_MAX).toBe(PLACE_LIMITS.query);
  });
});

describe('type groups', () => {
  it('name only codes of the Meeting Guide spec, each in one group', () => {
    const all = Object.values(TYPE_GROUPS).flat();
    expect(all.filter((c) => !isMeetingType(c))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('offer the codes the results carry or the search asks for, and put unknown codes under features', () => {
    const facet = { O: 12, C: 0, X: 3, ONL: 4 };
    expect(codesFor('openClosed', facet, [])).toEqual(['O']);
    expect(codesFor('openClosed', facet, ['C'])).toEqual(['O', 'C']);
    expect(codesFor('accessibility', facet, [])).toEqual(['X']);
    expect(codesFor('features', facet, [])).toEqual(['ONL']);
    expect(codesFor('language', facet, [])).toEqual([]);
  });
});
