import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { MeetingStore } from '../index/meeting-store.js';
import type { IndexedMeeting } from '../index/indexed-meeting.js';
import { SearchEngine } from './engine.js';
import type { SearchQuery } from './query.js';
import { zoneTimeOps } from '../zone-time-ops.js';

const meeting = (
  id: number,
  days: number[],
  start: string,
  minutes: number,
  timezone: string,
  attendance: IndexedMeeting['attendance'] = 'online',
): IndexedMeeting => ({
  id,
  sourceId: 1,
  name: `m${id}`,
  lat: null,
  lng: null,
  days,
  start: Number(start.slice(0, 2)) * 60 + Number(start.slice(3)),
  durationMin: minutes,
  timezone,
  types: [],
  fellowship: 'AA',
  attendance,
  region: null,
  searchText: `m${id}`,
  summaryJson: '{}',
});

function engineWith(...meetings: IndexedMeeting[]) {
  const store = new MeetingStore();
  meetings.forEach((m) => store.upsert(m));
  return new SearchEngine(store, zoneTimeOps());
}

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const query = (q: Partial<SearchQuery> & Pick<SearchQuery, 'nowMs' | 'zone'>): SearchQuery => ({
  online: 'include',
  soonMinutes: 60,
  typesMode: 'and',
  sort: 'soonest',
  limit: 10,
  ...q,
});
const ids = (engine: SearchEngine, q: SearchQuery) => engine.search(q).hits.map((h) => h.id);

describe('search across time zones', () => {
  it('a Sydney searcher sees a Los Angeles Tuesday-evening meeting on their Wednesday, happening now', () => {
    const engine = engineWith(meeting(1, [2], '19:00', 60, 'America/Los_Angeles'));
    const now = at('2026-06-09T19:30', 'America/Los_Angeles'); // Wednesday 12:30 in Sydney
    expect(ids(engine, query({ nowMs: now, zone: 'Australia/Sydney', when: 'now' }))).toEqual([1]);
    expect(ids(engine, query({ nowMs: now, zone: 'Australia/Sydney', days: [3] }))).toEqual([1]);
    expect(ids(engine, query({ nowMs: now, zone: 'Australia/Sydney', days: [2] }))).toEqual([]);
    expect(ids(engine, query({ nowMs: now, zone: 'Australia/Sydney', timeOfDay: ['midday'] }))).toEqual([1]);
    const hit = engine.search(query({ nowMs: now, zone: 'Australia/Sydney' })).hits[0]!;
    expect(DateTime.fromMillis(hit.startMs!, { zone: 'Australia/Sydney' }).toFormat('ccc HH:mm')).toBe('Wed 12:00');
  });

  it('on the night clocks spring forward, "starting within an hour" counts real time, not wall time', () => {
    const engine = engineWith(meeting(1, [0], '03:30', 60, 'America/New_York'));
    const now = at('2026-03-08T01:30', 'America/New_York'); // 03:30 EDT is 60 minutes later, though the wall clock moves 2 hours
    expect(ids(engine, query({ nowMs: now, zone: 'America/New_York', when: 'soon', soonMinutes: 60 }))).toEqual([1]);
    expect(ids(engine, query({ nowMs: now, zone: 'America/New_York', when: 'soon', soonMinutes: 59 }))).toEqual([]);
  });

  it('a meeting at 01:30 on the night clocks fall back starts the first time the clock reads 01:30', () => {
    const engine = engineWith(meeting(1, [0], '01:30', 60, 'America/New_York'));
    const now = Date.UTC(2026, 10, 1, 5, 0); // 01:00 EDT
    const hit = engine.search(query({ nowMs: now, zone: 'America/New_York', when: 'soon', soonMinutes: 45 })).hits[0]!;
    expect(hit.startMs).toBe(Date.UTC(2026, 10, 1, 5, 30)); // 01:30 EDT, not 01:30 EST an hour later
  });

  it('a meeting crossing midnight is happening now after midnight, and is not "today" on the next day', () => {
    const engine = engineWith(meeting(1, [1], '23:30', 60, 'America/New_York', 'in_person'));
    const now = at('2026-05-12T00:15', 'America/New_York'); // Tuesday 00:15
    expect(ids(engine, query({ nowMs: now, zone: 'America/New_York', when: 'now' }))).toEqual([1]);
    expect(ids(engine, query({ nowMs: now, zone: 'America/New_York', when: 'today' }))).toEqual([]);
    expect(ids(engine, query({ nowMs: now, zone: 'America/New_York', when: 'today', days: [1] }))).toEqual([]);
  });

  it('happening now at Saturday 23:50 and still at Sunday 00:20 for a Saturday 23:30–00:30 meeting', () => {
    const engine = engineWith(meeting(1, [6], '23:30', 60, 'America/Chicago'));
    for (const wall of ['2026-05-16T23:50', '2026-05-17T00:20']) {
      expect(ids(engine, query({ nowMs: at(wall, 'America/Chicago'), zone: 'America/Chicago', when: 'now' }))).toEqual([1]);
    }
    expect(
      ids(engine, query({ nowMs: at('2026-05-17T00:31', 'America/Chicago'), zone: 'America/Chicago', when: 'now' })),
    ).toEqual([]);
  });

  it('"later today" is judged by the searcher’s calendar, not the meeting’s', () => {
    // Saturday 02:00 in London is Friday 21:00 in New York (in May).
    const engine = engineWith(meeting(1, [6], '02:00', 60, 'Europe/London'));
    const afternoon = at('2026-05-15T14:00', 'America/New_York');
    expect(ids(engine, query({ nowMs: afternoon, zone: 'America/New_York', when: 'later_today' }))).toEqual([1]);
    expect(ids(engine, query({ nowMs: afternoon, zone: 'America/New_York', days: [5] }))).toEqual([1]);
    expect(ids(engine, query({ nowMs: afternoon, zone: 'Europe/London', when: 'later_today' }))).toEqual([]);
    const late = at('2026-05-15T22:30', 'America/New_York');
    expect(ids(engine, query({ nowMs: late, zone: 'America/New_York', when: 'later_today' }))).toEqual([]);
  });
});
