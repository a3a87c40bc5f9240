import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MeetingStore } from '../index/meeting-store.js';
import type { IndexedMeeting } from '../index/indexed-meeting.js';
import { fold } from '../index/text.js';
import { SearchEngine } from './engine.js';
import type { SearchQuery } from './query.js';
import { luxonTimeOps } from '../../../../../test/helpers/luxon-time.js';
import { referenceSearch } from '../../../../../test/helpers/search-reference.js';
import { zoneTimeOps } from '../zone-time-ops.js';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'];
const TYPES = ['O', 'C', 'D', 'B', 'W', 'X', 'S', 'FR', 'LGBTQ'];
const WORDS = ['serenity', 'sunrise', 'step', 'big', 'book', 'women', 'grupo', 'café', 'hope', 'serene'];
const REGIONS = ['Delaware County', 'Delaware County > Media', 'Delaware County > Woodlyn', 'Philadelphia', null];

const meetingArb = fc.record({
  lat: fc.option(fc.double({ min: 39.5, max: 40.5, noNaN: true }), { nil: null }),
  lng: fc.option(fc.double({ min: -75.8, max: -74.8, noNaN: true }), { nil: null }),
  days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
  start: fc.integer({ min: 0, max: 1439 }),
  durationMin: fc.integer({ min: 30, max: 180 }),
  timezone: fc.constantFrom(...ZONES),
  types: fc.uniqueArray(fc.constantFrom(...TYPES), { maxLength: 4 }),
  fellowship: fc.constantFrom('AA', 'NA', null),
  attendance: fc.constantFrom('in_person' as const, 'online' as const, 'hybrid' as const, 'inactive' as const),
  region: fc.constantFrom(...REGIONS),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
  sourceId: fc.integer({ min: 1, max: 3 }),
});

type RawMeeting = typeof meetingArb extends fc.Arbitrary<infer T> ? T : never;

const sunday01London: RawMeeting = {
  lat: null,
  lng: null,
  days: [0],
  start: 60,
  durationMin: 30,
  timezone: 'Europe/London',
  types: [],
  fellowship: 'AA',
  attendance: 'in_person',
  region: null,
  words: ['serenity'],
  sourceId: 1,
};
const byAppointment: RawMeeting = { ...sunday01London, days: [], timezone: 'America/New_York' };

function toIndexed(raw: RawMeeting, id: number): IndexedMeeting {
  const name = raw.words.join(' ');
  const scheduled = raw.days.length > 0;
  return {
    id,
    sourceId: raw.sourceId,
    name,
    lat: raw.lat === null || raw.lng === null ? null : raw.lat,
    lng: raw.lat === null || raw.lng === null ? null : raw.lng,
    days: raw.days,
    start: scheduled ? raw.start : null,
    durationMin: raw.durationMin,
    timezone: raw.timezone,
    types: raw.types,
    fellowship: raw.fellowship,
    attendance: raw.attendance,
    region: raw.region,
    searchText: fold(`${name} ${raw.region ?? ''}`),
    summaryJson: JSON.stringify({ id, name }),
  };
}

/** Each filter is present in about one query in five, so combinations still match something. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const queryArb = fc.record({
  nowMs: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
  zone: fc.constantFrom(...ZONES),
  near: sometimes(
    fc.record({
      lat: fc.double({ min: 39.6, max: 40.4, noNaN: true }),
      lng: fc.double({ min: -75.7, max: -74.9, noNaN: true }),
      radiusKm: fc.double({ min: 1, max: 60, noNaN: true }),
    }),
  ),
  online: fc.constantFrom('include' as const, 'include' as const, 'exclude' as const, 'only' as const),
  days: sometimes(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 })),
  timeOfDay: sometimes(
    fc.uniqueArray(fc.constantFrom('morning' as const, 'midday' as const, 'evening' as const, 'night' as const), {
      minLength: 1,
      maxLength: 2,
    }),
  ),
  when: sometimes(fc.constantFrom('now' as const, 'soon' as const, 'today' as const, 'later_today' as const)),
  soonMinutes: fc.integer({ min: 15, max: 240 }),
  types: sometimes(fc.uniqueArray(fc.constantFrom(...TYPES, 'NOPE'), { minLength: 1, maxLength: 2 })),
  typesMode: fc.constantFrom('and' as const, 'or' as const),
  fellowships: sometimes(fc.uniqueArray(fc.constantFrom('AA', 'NA', 'CA'), { minLength: 1, maxLength: 2 })),
  attendance: sometimes(
    fc.uniqueArray(fc.constantFrom('in_person' as const, 'online' as const, 'hybrid' as const, 'inactive' as const), {
      minLength: 1,
      maxLength: 2,
    }),
  ),
  regions: sometimes(fc.constant(['Delaware County']).map((r) => [...r])),
  text: sometimes(fc.constantFrom('ser', 'big book', '"big book"', 'cafe', 'SERENITY step', 'zzz')),
  sourceIds: sometimes(fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 })),
  sort: fc.constantFrom('distance' as const, 'soonest' as const, 'name' as const),
  limit: fc.integer({ min: 1, max: 15 }),
});

describe('search engine against a brute-force reference', () => {
  it.each([
    ['luxon', luxonTimeOps],
    ['zone tables', zoneTimeOps],
  ] as const)(
    'with %s time: returns exactly the reference ids, in the same order, for random meetings and queries, page after page',
    (_name, makeTime) => {
      let matched = 0;
      fc.assert(
        fc.property(fc.array(meetingArb, { minLength: 5, maxLength: 60 }), queryArb, (raws, raw) => {
          const meetings = raws.map((m, i) => toIndexed(m, i + 1));
          const store = new MeetingStore();
          meetings.forEach((m) => store.upsert(m));
          const engine = new SearchEngine(store, makeTime());
          let q: SearchQuery = { ...raw, typesMode: raw.typesMode };
          // Walk every page with the cursor; each must match the reference's.
          for (let page = 0; page < 5; page++) {
            const got = engine.search(q);
            const want = referenceSearch(meetings, q);
            if (page === 0 && want.total > 0) matched++;
            expect(got.hits.map((h) => h.id)).toEqual(want.ids);
            expect(got.total).toBe(want.total);
            if (!got.next) break;
            q = { ...q, after: got.next };
          }
        }),
        { numRuns: 250 },
      );
      // Guard against a generator so strict that every query matches nothing and the comparison proves nothing.
      expect(matched).toBeGreaterThan(100);
    },
  );

  it('sorts a meeting at a wall time the clocks pass twice by its first instant, page after page, as the reference', () => {
    // Found by the property above: London's 01:00 on 25 October 2026 happens at 00:00Z (BST) and at 01:00Z (GMT).
    // The reference once took luxon's pick, which depends on the season the test runs in, and the cursor of the
    // first page then disagreed with it on the second.
    const meetings = [toIndexed({ ...sunday01London, days: [0] }, 1), ...[2, 3].map((id) => toIndexed(byAppointment, id))];
    for (const makeTime of [zoneTimeOps, luxonTimeOps]) {
      const store = new MeetingStore();
      meetings.forEach((m) => store.upsert(m));
      const engine = new SearchEngine(store, makeTime());
      let q: SearchQuery = {
        nowMs: Date.parse('2026-10-18T00:30Z'),
        zone: 'America/New_York',
        online: 'include',
        soonMinutes: 15,
        typesMode: 'and',
        sort: 'soonest',
        limit: 1,
      };
      const first = engine.search(q);
      expect(first.hits.map((h) => [h.id, h.startMs])).toEqual([[1, Date.parse('2026-10-25T00:00Z')]]);
      const ids: number[] = [];
      for (let page = 0; page < 4; page++) {
        const got = engine.search(q);
        expect(got.hits.map((h) => h.id)).toEqual(referenceSearch(meetings, q).ids);
        ids.push(...got.hits.map((h) => h.id));
        if (!got.next) break;
        q = { ...q, after: got.next };
      }
      expect(ids).toEqual([1, 2, 3]);
    }
  });

  it('keeps answering correctly as meetings are changed and removed', () => {
    const store = new MeetingStore();
    const engine = new SearchEngine(store, luxonTimeOps());
    const base = {
      sourceId: 1,
      days: [1],
      start: 600,
      durationMin: 60,
      timezone: 'America/New_York',
      types: ['O'],
      fellowship: 'AA',
      attendance: 'in_person' as const,
      region: null,
      summaryJson: '{}',
    };
    store.upsert({ ...base, id: 1, name: 'Serenity', lat: 40, lng: -75, searchText: 'serenity' });
    store.upsert({ ...base, id: 2, name: 'Hope', lat: 40.01, lng: -75, searchText: 'hope' });
    const q: SearchQuery = {
      nowMs: Date.UTC(2026, 5, 1),
      zone: 'America/New_York',
      near: { lat: 40, lng: -75, radiusKm: 5 },
      online: 'include',
      soonMinutes: 60,
      typesMode: 'and',
      sort: 'distance',
      limit: 10,
    };
    expect(engine.search(q).hits.map((h) => h.id)).toEqual([1, 2]);
    store.upsert({ ...base, id: 1, name: 'Serenity', lat: 41, lng: -75, searchText: 'serenity' });
    expect(engine.search(q).hits.map((h) => h.id)).toEqual([2]);
    store.remove(2);
    expect(engine.search(q).hits).toEqual([]);
    expect(engine.search({ ...q, near: undefined, text: 'seren' }).hits.map((h) => h.id)).toEqual([1]);

    // A phrase's meetings are remembered until the index changes: a meeting given the phrase is found next time,
    // one that loses it is not.
    const phrase = { ...q, near: undefined, text: '"came to believe"' };
    expect(engine.search(phrase).hits).toEqual([]);
    store.upsert({ ...base, id: 3, name: 'Came to Believe', lat: 40, lng: -75, searchText: 'came to believe' });
    expect(engine.search(phrase).hits.map((h) => h.id)).toEqual([3]);
    expect(engine.search({ ...phrase, text: '"came to bel" came' }).hits.map((h) => h.id)).toEqual([3]);
    store.upsert({ ...base, id: 3, name: 'Came to', lat: 40, lng: -75, searchText: 'came to' });
    expect(engine.search(phrase).hits).toEqual([]);
  });

  it('filters and counts every type code, however many the directory uses (bit 31 of a word, beyond 64)', () => {
    const store = new MeetingStore();
    const engine = new SearchEngine(store, zoneTimeOps());
    // 100 codes: T0 … T99, interned in order, so T31 is bit 31 of the first word and T70 lies in the third.
    const codes = Array.from({ length: 100 }, (_, i) => `T${i}`);
    const base = {
      sourceId: 1,
      name: 'Hope',
      lat: 40,
      lng: -75,
      days: [1],
      start: 600,
      durationMin: 60,
      timezone: 'America/New_York',
      fellowship: 'AA',
      attendance: 'in_person' as const,
      region: null,
      searchText: 'hope',
      summaryJson: '{}',
    };
    store.upsert({ ...base, id: 1, types: codes });
    store.upsert({ ...base, id: 2, types: ['T31', 'T70'] });
    store.upsert({ ...base, id: 3, types: ['T0'] });
    const q: SearchQuery = {
      nowMs: Date.UTC(2026, 5, 1),
      zone: 'America/New_York',
      online: 'include',
      soonMinutes: 60,
      typesMode: 'and',
      sort: 'name',
      limit: 10,
    };
    const ids = (extra: Partial<SearchQuery>) => engine.search({ ...q, ...extra }).hits.map((h) => h.id);
    expect(ids({ types: ['T31'] })).toEqual([1, 2]);
    expect(ids({ types: ['T31', 'T70'] })).toEqual([1, 2]);
    expect(ids({ types: ['T31', 'T0'] })).toEqual([1]);
    expect(ids({ types: ['T70', 'T0'], typesMode: 'or' })).toEqual([1, 2, 3]);
    const facets = engine.search(q).facets.types;
    expect(facets).toMatchObject({ T0: 2, T31: 2, T70: 2, T99: 1 });
    expect(Object.keys(facets)).toHaveLength(100);
  });
});
