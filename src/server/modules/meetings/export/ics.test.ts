import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, type IcsMeeting } from './ics.js';

type Component = InstanceType<typeof ICAL.Component>;
type Event = InstanceType<typeof ICAL.Event>;

const NOW = new Date('2024-10-01T12:00:00Z'); // a Tuesday; New York leaves DST on November 3rd

function meeting(overrides: Partial<IcsMeeting> = {}): IcsMeeting {
  return {
    uid: '42@kinship.example.org',
    name: 'Monday Night Step Study',
    days: [1],
    time: '19:00',
    endTime: '20:00',
    timezone: 'America/New_York',
    ...overrides,
  };
}

/** Parses with ical.js and registers every VTIMEZONE, as a client subscribing to the feed would. */
function parse(ics: string): Component {
  const calendar = ICAL.Component.fromString(ics);
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  return calendar;
}

function events(ics: string): Event[] {
  return parse(ics)
    .getAllSubcomponents('vevent')
    .map((vevent) => new ICAL.Event(vevent));
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

/** The first `count` occurrences as UTC instants, expanded by ical.js from DTSTART and RRULE. */
function occurrences(event: Event, count: number): { start: string; end: string }[] {
  const expansion = event.iterator();
  const out: { start: string; end: string }[] = [];
  for (let next = expansion.next(); next && out.length < count; next = expansion.next()) {
    // What getOccurrenceDetails does, without its untyped return value: the end is the start plus DTEND - DTSTART.
    const end = next.clone();
    end.addDuration(event.duration);
    out.push({ start: next.toJSDate().toISOString(), end: end.toJSDate().toISOString() });
  }
  return out;
}

function starts(event: Event, count: number): string[] {
  return occurrences(event, count).map((o) => o.start);
}

function prop(component: Component, name: string): unknown {
  return component.getFirstPropertyValue(name);
}

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe('buildCalendar: time zones and recurrence', () => {
  it('keeps a New York meeting at 19:00 local across the autumn DST change', () => {
    const ics = buildCalendar([meeting()], { name: 'Kinship', now: NOW });
    const event = only(events(ics));
    expect(ics).toContain('DTSTART;TZID=America/New_York:20241007T190000\r\n');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO\r\n');
    // The registered zone is the one from our VTIMEZONE: ical.js ships no zone data of its own.
    expect(ICAL.TimezoneService.has('America/New_York')).toBe(true);
    expect(event.startDate.zone?.tzid).toBe('America/New_York');
    expect(occurrences(event, 6)).toEqual([
      { start: '2024-10-07T23:00:00.000Z', end: '2024-10-08T00:00:00.000Z' },
      { start: '2024-10-14T23:00:00.000Z', end: '2024-10-15T00:00:00.000Z' },
      { start: '2024-10-21T23:00:00.000Z', end: '2024-10-22T00:00:00.000Z' },
      { start: '2024-10-28T23:00:00.000Z', end: '2024-10-29T00:00:00.000Z' },
      // EST from November 3rd: still 19:00 on the wall clock, one hour later in UTC.
      { start: '2024-11-05T00:00:00.000Z', end: '2024-11-05T01:00:00.000Z' },
      { start: '2024-11-12T00:00:00.000Z', end: '2024-11-12T01:00:00.000Z' },
    ]);
  });

  it('keeps it at 19:00 across the spring DST change as well', () => {
    const ics = buildCalendar([meeting()], { name: 'Kinship', now: new Date('2025-02-25T12:00:00Z') });
    expect(starts(only(events(ics)), 3)).toEqual([
      '2025-03-04T00:00:00.000Z', // March 3rd, EST
      '2025-03-10T23:00:00.000Z', // EDT from March 9th
      '2025-03-17T23:00:00.000Z',
    ]);
  });

  it('recurs on Monday, Wednesday and Friday only', () => {
    const ics = buildCalendar([meeting({ days: [5, 1, 3, 3] })], { name: 'Kinship', now: NOW });
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n');
    const local = starts(only(events(ics)), 9).map((iso) =>
      DateTime.fromISO(iso).setZone('America/New_York').toFormat('ccc yyyy-MM-dd HH:mm'),
    );
    expect(local).toEqual([
      'Wed 2024-10-02 19:00',
      'Fri 2024-10-04 19:00',
      'Mon 2024-10-07 19:00',
      'Wed 2024-10-09 19:00',
      'Fri 2024-10-11 19:00',
      'Mon 2024-10-14 19:00',
      'Wed 2024-10-16 19:00',
      'Fri 2024-10-18 19:00',
      'Mon 2024-10-21 19:00',
    ]);
  });

  it('starts today when today’s meeting is still ahead, next week when it has begun', () => {
    // 2024-10-07 is a Monday; 18:59 and 19:00 New York time.
    const before = buildCalendar([meeting()], { name: 'K', now: new Date('2024-10-07T22:59:00Z') });
    expect(before).toContain('DTSTART;TZID=America/New_York:20241007T190000\r\n');
    const atStart = buildCalendar([meeting()], { name: 'K', now: new Date('2024-10-07T23:00:00Z') });
    expect(atStart).toContain('DTSTART;TZID=America/New_York:20241007T190000\r\n');
    const after = buildCalendar([meeting()], { name: 'K', now: new Date('2024-10-07T23:00:01Z') });
    expect(after).toContain('DTSTART;TZID=America/New_York:20241014T190000\r\n');
  });

  it('ends a meeting that crosses midnight on the next day, 60 minutes later', () => {
    const ics = buildCalendar([meeting({ days: [6], time: '23:30', endTime: '00:30' })], { name: 'K', now: NOW });
    expect(ics).toContain('DTSTART;TZID=America/New_York:20241005T233000\r\n');
    expect(ics).toContain('DTEND;TZID=America/New_York:20241006T003000\r\n');
    const event = only(events(ics));
    expect(event.duration.toSeconds()).toBe(3600);
    for (const { start, end } of occurrences(event, 3)) {
      expect(Date.parse(end) - Date.parse(start)).toBe(60 * 60 * 1000);
    }
    expect(occurrences(event, 1)).toEqual([{ start: '2024-10-06T03:30:00.000Z', end: '2024-10-06T04:30:00.000Z' }]);
  });

  it('follows southern-hemisphere DST in Sydney', () => {
    const sydney = meeting({ days: [0], time: '10:00', endTime: '11:00', timezone: 'Australia/Sydney' });
    const ics = buildCalendar([sydney], { name: 'K', now: new Date('2025-03-20T00:00:00Z') });
    // AEDT (+11) ends on April 6th 2025 at 03:00 local; AEST (+10) after.
    expect(starts(only(events(ics)), 4)).toEqual([
      '2025-03-22T23:00:00.000Z',
      '2025-03-29T23:00:00.000Z',
      '2025-04-06T00:00:00.000Z',
      '2025-04-13T00:00:00.000Z',
    ]);
    const vtimezone = only(parse(ics).getAllSubcomponents('vtimezone'));
    const april = vtimezone
      .getAllSubcomponents('standard')
      .find((c) => String(c.getFirstPropertyValue('dtstart')).startsWith('2025-04-06'));
    expect(april?.getFirstProperty('tzoffsetfrom')?.toICALString()).toBe('TZOFFSETFROM:+1100');
    expect(april?.getFirstProperty('tzoffsetto')?.toICALString()).toBe('TZOFFSETTO:+1000');
    expect(String(april?.getFirstPropertyValue('dtstart'))).toBe('2025-04-06T03:00:00');
    expect(vtimezone.getAllSubcomponents('daylight').length).toBeGreaterThanOrEqual(4);
  });

  it('gives Asia/Kolkata (no DST) a single STANDARD component', () => {
    const kolkata = meeting({ days: [2], time: '19:00', endTime: '20:30', timezone: 'Asia/Kolkata' });
    const ics = buildCalendar([kolkata], { name: 'K', now: NOW });
    const vtimezone = only(parse(ics).getAllSubcomponents('vtimezone'));
    expect(vtimezone.getAllSubcomponents('daylight')).toHaveLength(0);
    const standard = only(vtimezone.getAllSubcomponents('standard'));
    expect(standard.getFirstProperty('tzoffsetto')?.toICALString()).toBe('TZOFFSETTO:+0530');
    expect(standard.getFirstProperty('tzoffsetfrom')?.toICALString()).toBe('TZOFFSETFROM:+0530');
    expect(starts(only(events(ics)), 2)).toEqual(['2024-10-01T13:30:00.000Z', '2024-10-08T13:30:00.000Z']);
  });

  it('writes exactly one VTIMEZONE per zone, however many meetings use it', () => {
    const ics = buildCalendar(
      [
        meeting({ uid: '1@k' }),
        meeting({ uid: '2@k', days: [4] }),
        meeting({ uid: '3@k', timezone: 'Europe/Berlin' }),
        meeting({ uid: '4@k', days: [0] }),
      ],
      { name: 'K', now: NOW },
    );
    expect(ics.match(/^BEGIN:VTIMEZONE\r$/gm)).toHaveLength(2);
    expect(ics.match(/^TZID:America\/New_York\r$/gm)).toHaveLength(1);
    expect(ics.match(/^TZID:Europe\/Berlin\r$/gm)).toHaveLength(1);
    expect(events(ics).map((e) => e.uid)).toEqual(['1@k', '2@k', '3@k', '4@k']);
  });
});

describe('buildCalendar: text, folding and line endings', () => {
  const name = 'Café «Sérénité», step 1; 2 \\ 3\nSecond line: 🧘‍♀️ 🎉🎉 ünïcödé ñ — and a long tail to force folding';

  it('round-trips special characters exactly through ical.js', () => {
    const notes = 'Back door; ring twice, please.\nWheelchair access \\ parking 🚗';
    const ics = buildCalendar([meeting({ name, notes, formattedAddress: '1 Main St, Springfield; Rear' })], {
      name: 'Kinship, NYC; \\ 🗽',
      now: NOW,
    });
    // ical.js types X- properties as unknown and does not unescape them; the line itself is TEXT-escaped.
    expect(ics).toContain('X-WR-CALNAME:Kinship\\, NYC\\; \\\\ 🗽\r\n');
    const calendar = parse(ics);
    const event = only(calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)));
    expect(event.summary).toBe(name);
    expect(event.description).toBe(notes);
    expect(event.location).toBe('1 Main St, Springfield; Rear');
  });

  it('folds at 75 octets without splitting a character, with CRLF endings', () => {
    const ics = buildCalendar([meeting({ name: name + '🎉'.repeat(60) + 'é'.repeat(80) })], { name: 'K', now: NOW });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const bytes = Buffer.from(ics, 'utf8');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let folded = 0;
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
      const line = bytes.subarray(start, i);
      expect(line.length).toBeLessThanOrEqual(75);
      // A fatal decoder throws on a line that ends or starts inside a multi-byte character.
      expect(() => decoder.decode(line)).not.toThrow();
      if (line[0] === 0x20) folded++;
      start = i + 2;
    }
    expect(folded).toBeGreaterThan(3);
    expect(only(events(ics)).summary).toBe(name + '🎉'.repeat(60) + 'é'.repeat(80));
  });

  it('escapes TEXT per RFC 5545 §3.3.11', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf\rg')).toBe('a\\,b\\;c\\\\d\\ne\\nf\\ng');
    expect(escapeText('tab\tok, bell\u0007 gone')).toBe('tab\tok\\, bell gone');
  });

  it('folds by UTF-8 bytes', () => {
    const folded = foldLine('SUMMARY:' + 'é'.repeat(80));
    const lines = folded.split('\r\n');
    expect(lines.map((l) => Buffer.byteLength(l))).toEqual([74, 75, 21]);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe('x'.repeat(75) + '\r\n x');
  });
});

describe('buildCalendar: event properties', () => {
  it('puts an online-only meeting’s conference link in URL and LOCATION, and keeps one-tap dialling', () => {
    const zoom = 'https://zoom.us/j/123456789?pwd=abc';
    const phone = '+16465588656,,123456789#,,,,*4242#';
    const ics = buildCalendar(
      [
        meeting({
          url: 'https://kinship.example.org/meetings/42',
          conferenceUrl: zoom,
          conferencePhone: phone,
          conferenceNotes: 'Passcode: 4242',
          notes: 'Newcomers welcome',
        }),
      ],
      { name: 'K', now: NOW },
    );
    const event = only(events(ics));
    expect(prop(event.component, 'url')).toBe(zoom);
    expect(event.location).toBe(zoom);
    expect(event.description).toBe(`Newcomers welcome\n\nPasscode: 4242\n\n${phone}\n\nhttps://kinship.example.org/meetings/42`);
    expect(event.description).toContain('+16465588656,,123456789#,,,,*4242#');
  });

  it('keeps the meeting page in URL and the address in LOCATION for a hybrid meeting', () => {
    const ics = buildCalendar(
      [
        meeting({
          url: 'https://kinship.example.org/meetings/42',
          conferenceUrl: 'https://meet.example.com/abc',
          locationName: 'St. Mark’s Church',
          formattedAddress: '123 Main St, New York, NY 10001, USA',
        }),
      ],
      { name: 'K', now: NOW },
    );
    const event = only(events(ics));
    expect(prop(event.component, 'url')).toBe('https://kinship.example.org/meetings/42');
    expect(event.location).toBe('St. Mark’s Church, 123 Main St, New York, NY 10001, USA');
    expect(event.description).toBe('https://meet.example.com/abc');
  });

  it('marks a cancelled meeting, writes GEO, LAST-MODIFIED and DTSTAMP', () => {
    const ics = buildCalendar(
      [
        meeting({ uid: 'a@k', cancelled: true, latitude: 40.7128, longitude: -74.006, updated: '2024-09-15T08:30:00.000Z' }),
        meeting({ uid: 'b@k' }),
      ],
      { name: 'K', now: NOW },
    );
    const [cancelled, open] = events(ics);
    expect(prop(cancelled!.component, 'status')).toBe('CANCELLED');
    expect(prop(open!.component, 'status')).toBe('CONFIRMED');
    expect(ics).toContain('GEO:40.7128;-74.006\r\n');
    expect(prop(cancelled!.component, 'geo')).toEqual([40.7128, -74.006]);
    expect(prop(open!.component, 'geo')).toBeNull();
    expect(ics).toContain('LAST-MODIFIED:20240915T083000Z\r\n');
    expect(ics.match(/^DTSTAMP:20241001T120000Z\r$/gm)).toHaveLength(2);
  });

  it('writes the calendar header', () => {
    const ics = buildCalendar([], { name: 'Kinship meetings', prodId: '-//Example//Test//EN', now: NOW });
    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Example//Test//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Kinship meetings',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('is deterministic for a given now', () => {
    const input = [meeting({ uid: '1@k' }), meeting({ uid: '2@k', timezone: 'Australia/Sydney' })];
    expect(buildCalendar(input, { name: 'K', now: NOW })).toBe(buildCalendar(input, { name: 'K', now: NOW }));
  });

  it('leaves out links that are not http(s)', () => {
    const ics = buildCalendar([meeting({ url: 'javascript:alert(1)', conferenceUrl: 'not a url' })], { name: 'K', now: NOW });
    expect(ics).not.toMatch(/^URL:/m);
    expect(ics).not.toMatch(/^LOCATION:/m);
  });

  it('rejects input that cannot become a valid event', () => {
    const build = (m: Partial<IcsMeeting>) => () => buildCalendar([meeting(m)], { name: 'K', now: NOW });
    expect(build({ timezone: 'Mars/Olympus_Mons' })).toThrow(/42@kinship.example.org.*unknown time zone/);
    expect(build({ timezone: 'local' })).toThrow(RangeError);
    expect(build({ time: '7pm' })).toThrow(/time must be HH:MM/);
    expect(build({ endTime: '24:00' })).toThrow(/endTime must be HH:MM/);
    expect(build({ days: [] })).toThrow(/days/);
    expect(build({ days: [7] })).toThrow(/days/);
    expect(build({ updated: 'yesterday' })).toThrow(/updated/);
    expect(() => buildCalendar([meeting(), meeting()], { name: 'K', now: NOW })).toThrow(/Duplicate/);
  });
});
