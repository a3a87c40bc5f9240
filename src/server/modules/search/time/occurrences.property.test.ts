import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luxonDayAndMinute, luxonNextOccurrence, luxonOccurrencesBetween, luxonToday, TEST_ZONES } from './luxon-reference.js';
import { nextOccurrence, occurrencesBetween } from './occurrences.js';
import { SearcherClock } from './searcher-clock.js';
import { ZoneTable } from './zone-table.js';

// Properties against luxon brute force (luxon-reference.ts). Instants are random over 2025–2028, and half the
// time within ±2 days of one of the zone's own offset changes, where the bugs would be.

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 11, 31, 23, 59);
const TWO_DAYS_MIN = 2 * 1440;

// A separate table lists the changes, so the one under test builds and widens its windows lazily as it goes.
const generator = new ZoneTable();
const CHANGES = new Map<string, number[]>(
  TEST_ZONES.map((name) => [name, generator.transitionsBetween(generator.zoneId(name), FROM, TO)]),
);

const zoneName = fc.constantFrom(...TEST_ZONES);

/** An instant for a zone: uniform (any millisecond) or a whole minute within ±2 days of one of its changes. */
const instantNear = (zone: string): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: FROM, max: TO }),
    fc.tuple(fc.nat(), fc.integer({ min: -TWO_DAYS_MIN, max: TWO_DAYS_MIN })).map(([pick, minutes]) => {
      const list = CHANGES.get(zone) ?? [];
      // A zone without changes (UTC, Tokyo) gets a whole minute anywhere in the range instead.
      if (list.length === 0) return FROM + (pick % ((TO - FROM) / 60_000)) * 60_000;
      return list[pick % list.length]! + minutes * 60_000;
    }),
  );

/** A meeting: weekday, start biased to the small hours (where clocks change) and to just before midnight. */
const meeting = fc.record({
  zone: zoneName,
  day: fc.integer({ min: 0, max: 6 }),
  start: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 240 }), fc.integer({ min: 1320, max: 1439 })),
  duration: fc.oneof(fc.integer({ min: 1, max: 1439 }), fc.integer({ min: 1, max: 120 }), fc.constantFrom(1, 30, 60, 90, 1439)),
});

describe('nextOccurrence', () => {
  const zones = new ZoneTable();

  it('is the occurrence in progress, or else the next, exactly as the luxon brute force finds it', () => {
    const sample = meeting.chain((m) => instantNear(m.zone).map((now) => ({ ...m, now })));
    fc.assert(
      fc.property(sample, ({ zone, day, start, duration, now }) => {
        const name = zone;
        const slot = { day, start, duration, zoneId: zones.zoneId(name) };
        expect(nextOccurrence(zones, slot, now)).toEqual(luxonNextOccurrence(name, day, start, duration, now));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('occurrencesBetween', () => {
  const zones = new ZoneTable();

  it("lists the occurrences starting on a searcher's today in another zone, as luxon does", () => {
    const sample = fc
      .record({ m: meeting, searcher: zoneName, nearMeeting: fc.boolean() })
      .chain((s) => instantNear(s.nearMeeting ? s.m.zone : s.searcher).map((now) => ({ ...s, now })));
    fc.assert(
      fc.property(sample, ({ m, searcher, now }) => {
        const clock = new SearcherClock(zones, zones.zoneId(searcher), now);
        const today = luxonToday(searcher, now);
        expect([clock.startOfTodayMs, clock.startOfTomorrowMs]).toEqual([today.startMs, today.endMs]);
        const slot = { day: m.day, start: m.start, duration: m.duration, zoneId: zones.zoneId(m.zone) };
        const expected = luxonOccurrencesBetween(m.zone, m.day, m.start, today.startMs, today.endMs);
        expect(occurrencesBetween(zones, slot, clock.startOfTodayMs, clock.startOfTomorrowMs)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('lists the occurrences starting in any range of up to three weeks', () => {
    const sample = meeting.chain((m) =>
      fc
        .tuple(instantNear(m.zone), fc.integer({ min: 0, max: 21 * 1440 * 60_000 }))
        .map(([from, span]) => ({ ...m, from, span })),
    );
    fc.assert(
      fc.property(sample, ({ zone, day, start, duration, from, span }) => {
        const slot = { day, start, duration, zoneId: zones.zoneId(zone) };
        const expected = luxonOccurrencesBetween(zone, day, start, from, from + span);
        expect(occurrencesBetween(zones, slot, from, from + span)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('SearcherClock.localDayAndMinute', () => {
  const zones = new ZoneTable();

  it("reads the searcher's weekday and minute of any instant as luxon does", () => {
    const sample = zoneName.chain((zone) => fc.tuple(fc.constant(zone), instantNear(zone), instantNear(zone)));
    fc.assert(
      fc.property(sample, ([zone, now, instant]) => {
        const clock = new SearcherClock(zones, zones.zoneId(zone), now);
        expect(clock.localDayAndMinute(instant)).toEqual(luxonDayAndMinute(zone, instant));
        const reading = luxonDayAndMinute(zone, now);
        expect([clock.today, clock.minuteNow]).toEqual([reading.day, reading.minute]);
      }),
      { numRuns: 2000 },
    );
  });
});
