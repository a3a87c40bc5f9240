import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCalendar } from './ics.js';
import { findTransitions, formatUtcOffset, type Observance, resolveZone, zoneObservances } from './vtimezone.js';

const NOW = new Date('2024-10-01T12:00:00Z');

/** The UTC instant of an onset: DTSTART is local time in the offset before it (RFC 5545 §3.6.5). */
function instant(o: Observance): number {
  return DateTime.fromFormat(o.onset, "yyyyMMdd'T'HHmmss", { zone: 'utc' }).toMillis() - o.offsetFrom * 1000;
}

function summary(observances: Observance[]): string[] {
  return observances.map((o) => `${o.kind} ${o.onset} ${formatUtcOffset(o.offsetFrom)}>${formatUtcOffset(o.offsetTo)} ${o.name}`);
}

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe('findTransitions', () => {
  it('finds New York’s 2024 changes to the second', () => {
    const zone = resolveZone('America/New_York');
    const transitions = findTransitions(zone, Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1));
    expect(transitions.map((t) => ({ ...t, at: new Date(t.at).toISOString() }))).toEqual([
      { at: '2024-03-10T07:00:00.000Z', offsetFrom: -18000, offsetTo: -14400 },
      { at: '2024-11-03T06:00:00.000Z', offsetFrom: -14400, offsetTo: -18000 },
    ]);
  });
});

describe('zoneObservances', () => {
  it('anchors the window, then lists every New York change from last year to three years ahead', () => {
    const observances = zoneObservances('America/New_York', NOW);
    expect(summary(observances.slice(0, 3))).toEqual([
      'STANDARD 20230101T000000 -0500>-0500 EST',
      'DAYLIGHT 20230312T020000 -0500>-0400 EDT',
      'STANDARD 20231105T020000 -0400>-0500 EST',
    ]);
    expect(observances).toHaveLength(11);
    expect(observances.at(-1)?.onset).toBe('20271107T020000');
    expect(observances.slice(1).map((o) => o.kind)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? 'STANDARD' : 'DAYLIGHT')),
    );
  });

  it.each([
    'America/New_York',
    'Europe/Berlin',
    'Europe/Dublin',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Africa/Casablanca',
    'America/Santiago',
  ])('agrees with luxon at every onset in %s', (name) => {
    const observances = zoneObservances(name, NOW);
    for (const o of observances.slice(1)) {
      const at = instant(o);
      expect(DateTime.fromMillis(at - 1000, { zone: name }).offset * 60).toBe(o.offsetFrom);
      expect(DateTime.fromMillis(at, { zone: name }).offset * 60).toBe(o.offsetTo);
    }
  });

  it('gives zones without DST a single STANDARD component', () => {
    expect(summary(zoneObservances('Asia/Kolkata', NOW))).toEqual(['STANDARD 20230101T000000 +0530>+0530 +0530']);
    expect(summary(zoneObservances('UTC', NOW))).toEqual(['STANDARD 20230101T000000 +0000>+0000 UTC']);
    expect(summary(zoneObservances('Etc/GMT+5', NOW))).toEqual(['STANDARD 20230101T000000 -0500>-0500 -05']);
  });

  it('handles half-hour DST (Lord Howe) and southern-hemisphere seasons', () => {
    expect(summary(zoneObservances('Australia/Lord_Howe', NOW).slice(0, 3))).toEqual([
      'DAYLIGHT 20230101T000000 +1100>+1100 +11',
      'STANDARD 20230402T020000 +1100>+1030 +1030',
      'DAYLIGHT 20231001T020000 +1030>+1100 +11',
    ]);
  });

  it('keeps historic offsets with seconds, and treats a permanent change as standard time', () => {
    // New York kept local mean time (-4:56:02) until noon on 18 November 1883.
    expect(summary(zoneObservances('America/New_York', new Date('1883-06-01T00:00:00Z')))).toEqual([
      'STANDARD 18820101T000000 -045602>-045602 -045602',
      'STANDARD 18831118T120358 -045602>-0500 -05',
    ]);
    // Liberia moved from -0:44:30 to GMT for good in 1972.
    expect(summary(zoneObservances('Africa/Monrovia', new Date('1972-03-01T00:00:00Z')))).toEqual([
      'STANDARD 19710101T000000 -004430>-004430 -004430',
      'STANDARD 19720107T000000 -004430>+0000 +00',
    ]);
  });

  it('produces calendars ical.js reads for odd and historic zones', () => {
    const zones = ['America/New_York', 'Africa/Monrovia', 'Asia/Kathmandu', 'Pacific/Apia', 'Pacific/Chatham', 'Europe/Dublin'];
    for (const now of [new Date('1883-06-01T00:00:00Z'), new Date('1972-03-01T00:00:00Z'), new Date('2011-06-01T00:00:00Z')]) {
      const meetings = zones.map((timezone, i) => ({
        uid: `${i}@k`,
        name: 'M',
        days: [1],
        time: '19:00',
        endTime: '20:00',
        timezone,
      }));
      const ics = buildCalendar(meetings, { name: 'K', now });
      for (const line of ics.split('\r\n').filter((l) => l.startsWith('TZOFFSET'))) {
        expect(line).toMatch(/^TZOFFSET(FROM|TO):[+-]\d{4}(\d{2})?$/);
        expect(line).not.toMatch(/:-0000(00)?$/);
      }
      const calendar = ICAL.Component.fromString(ics);
      for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
      for (const vevent of calendar.getAllSubcomponents('vevent')) {
        const event = new ICAL.Event(vevent);
        const first = event.iterator().next();
        const zone = event.startDate.zone?.tzid ?? 'utc';
        const local = DateTime.fromJSDate(first.toJSDate(), { zone });
        const target = DateTime.fromObject({ year: local.year, month: local.month, day: local.day, hour: 19 }, { zone });
        expect(target.weekday).toBe(1);
        // ical.js drops the seconds of an offset (its UtcOffset.fromString has a TODO for them), so local mean time
        // such as -4:56:02 lands up to a minute early there; the offsets we write are exact.
        expect(Math.abs(first.toJSDate().getTime() - target.toMillis())).toBeLessThan(60_000);
      }
    }
  });
});

describe('formatUtcOffset', () => {
  it('writes ±hhmm[ss] and never -0000 (RFC 5545 §3.3.14)', () => {
    expect(formatUtcOffset(0)).toBe('+0000');
    expect(formatUtcOffset(-0)).toBe('+0000');
    expect(formatUtcOffset(19800)).toBe('+0530');
    expect(formatUtcOffset(45900)).toBe('+1245');
    expect(formatUtcOffset(-17762)).toBe('-045602');
    expect(formatUtcOffset(-36000)).toBe('-1000');
  });
});

describe('resolveZone', () => {
  it('refuses names that are not real zones, including the server’s own', () => {
    for (const name of ['', 'local', 'system', 'default', 'Nowhere/Land', 'America/New_York;X', 'America/New_York:X']) {
      expect(() => resolveZone(name), name).toThrow(RangeError);
    }
    expect(resolveZone('Asia/Kolkata').name).toBe('Asia/Kolkata');
  });
});
