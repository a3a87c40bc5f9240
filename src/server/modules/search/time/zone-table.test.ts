import fc from 'fast-check';
import { DateTime, IANAZone, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { luxonWallTime, TEST_ZONES } from './luxon-reference.js';
import { ZoneTable } from './zone-table.js';

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2029, 0, 1);
const HOUR = 3_600_000;

/** Wall-clock ms (the wall clock read as UTC) of a local date and minute. */
const wall = (y: number, m: number, d: number, minute: number): number => Date.UTC(y, m - 1, d) + minute * 60_000;

describe('ZoneTable.offsetAt', () => {
  it('agrees with luxon every 12 hours of 2025–2028 and every minute within 3 hours of each change', () => {
    const zones = new ZoneTable();
    for (const name of TEST_ZONES) {
      const id = zones.zoneId(name);
      const luxon = IANAZone.create(name);
      for (let t = FROM; t < TO; t += 12 * HOUR) expect(zones.offsetAt(id, t), `${name} ${t}`).toBe(luxon.offset(t));
      for (const change of zones.transitionsBetween(id, FROM, TO)) {
        for (let t = change - 3 * HOUR; t <= change + 3 * HOUR; t += 60_000) {
          expect(zones.offsetAt(id, t), `${name} ${new Date(t).toISOString()}`).toBe(luxon.offset(t));
        }
      }
    }
  });

  it('knows the odd offsets: St Johns −3:30, Kathmandu +5:45, Chatham +12:45/+13:45, Lord Howe half-hour DST', () => {
    const zones = new ZoneTable();
    const at = (zone: string, iso: string): number => zones.offsetAt(zones.zoneId(zone), Date.parse(iso));
    expect(at('America/St_Johns', '2026-01-15T12:00Z')).toBe(-210);
    expect(at('Asia/Kathmandu', '2026-01-15T12:00Z')).toBe(345);
    expect(at('Pacific/Chatham', '2026-07-15T12:00Z')).toBe(765);
    expect(at('Pacific/Chatham', '2026-01-15T12:00Z')).toBe(825);
    expect(at('Australia/Lord_Howe', '2026-07-15T12:00Z')).toBe(630);
    expect(at('Australia/Lord_Howe', '2026-01-15T12:00Z')).toBe(660);
  });

  it('widens its window lazily, before and after, and stays right inside the old one', () => {
    const zones = new ZoneTable();
    const id = zones.zoneId('Europe/Berlin');
    const luxon = IANAZone.create('Europe/Berlin');
    for (const iso of ['2026-05-01T00:00Z', '2041-03-31T00:30Z', '1996-10-27T00:30Z', '1981-03-29T01:30Z', '2026-10-25T00:30Z']) {
      const t = Date.parse(iso);
      expect(zones.offsetAt(id, t), iso).toBe(luxon.offset(t));
    }
    const changes = zones.transitionsBetween(id, Date.UTC(1980, 0, 1), Date.UTC(2042, 0, 1));
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    expect(changes.length).toBe(2 * 62); // (West) Germany has changed its clocks twice a year since 1980
  });

  it('interns names and rejects unknown zones and unrepresentable instants', () => {
    const zones = new ZoneTable();
    expect(zones.zoneId('Asia/Kolkata')).toBe(zones.zoneId('Asia/Kolkata'));
    expect(zones.zoneName(zones.zoneId('UTC'))).toBe('UTC');
    expect(zones.size).toBe(2);
    expect(() => zones.zoneId('Fantasia/Castle')).toThrow(RangeError);
    expect(() => zones.offsetAt(zones.zoneId('UTC'), Number.NaN)).toThrow(RangeError);
    expect(() => zones.localToUtc(zones.zoneId('UTC'), 9e15)).toThrow(RangeError);
  });
});

describe('ZoneTable.localToUtc', () => {
  const zones = new ZoneTable();
  const generator = new ZoneTable();
  // Wall times near each change, from a separate table so the one under test still widens lazily.
  const changes = new Map<string, number[]>(
    TEST_ZONES.map((name) => {
      const id = generator.zoneId(name);
      return [name, generator.transitionsBetween(id, FROM, TO).map((t) => t + generator.offsetAt(id, t - 1) * 60_000)];
    }),
  );

  it('agrees with luxon for random wall times, biased to DST gaps and overlaps (earlier instant)', () => {
    const wallTime = fc.record({
      zone: fc.constantFrom(...TEST_ZONES),
      uniform: fc.integer({ min: FROM / 60_000, max: TO / 60_000 }),
      near: fc.boolean(),
      pick: fc.nat(),
      shift: fc.integer({ min: -180, max: 180 }),
    });
    fc.assert(
      fc.property(wallTime, ({ zone, uniform, near, pick, shift }) => {
        const list = changes.get(zone) ?? [];
        const minutes = near && list.length > 0 ? list[pick % list.length]! / 60_000 + shift : uniform;
        const d = new Date(minutes * 60_000);
        const expected = luxonWallTime(zone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), minutes % 1440);
        expect(zones.localToUtc(zones.zoneId(zone), minutes * 60_000)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  describe('gaps and overlaps', () => {
    afterEach(() => {
      Settings.now = () => Date.now();
    });
    const ny = zones.zoneId('America/New_York');

    it('moves a wall time skipped by spring-forward ahead by the gap, like luxon', () => {
      // 2026-03-08 02:30 does not exist in New York: 03:30 EDT.
      expect(zones.localToUtc(ny, wall(2026, 3, 8, 150))).toBe(Date.parse('2026-03-08T07:30Z'));
      const luxon = DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, { zone: 'America/New_York' });
      expect(luxon.toMillis()).toBe(Date.parse('2026-03-08T07:30Z'));
      // Lord Howe springs forward half an hour at 02:00: 02:15 becomes 02:45 (+11).
      const lordHowe = zones.zoneId('Australia/Lord_Howe');
      expect(zones.localToUtc(lordHowe, wall(2026, 10, 4, 135))).toBe(Date.parse('2026-10-03T15:45Z'));
    });

    it('takes the earlier instant of an ambiguous wall time, which luxon gives only when "now" is in DST', () => {
      const earlier = Date.parse('2026-11-01T05:30Z'); // 01:30 EDT
      const later = Date.parse('2026-11-01T06:30Z'); // 01:30 EST
      expect(zones.localToUtc(ny, wall(2026, 11, 1, 90))).toBe(earlier);
      const fromObject = (): number =>
        DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, { zone: 'America/New_York' }).toMillis();
      Settings.now = () => Date.parse('2026-07-01T12:00Z');
      expect(fromObject()).toBe(earlier);
      Settings.now = () => Date.parse('2026-01-15T12:00Z');
      expect(fromObject()).toBe(later);
      expect(luxonWallTime('America/New_York', 2026, 11, 1, 90)).toBe(earlier);
    });
  });
});
