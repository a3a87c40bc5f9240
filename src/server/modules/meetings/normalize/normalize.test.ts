import { describe, expect, it } from 'vitest';
import { parseTime, durationMinutes } from './time.js';
import { parseDays } from './day.js';
import { checkHttpUrl, conferenceProvider, dialableDigits, normalizePhone } from './conference.js';
import { readText, stripHtml } from './text.js';
import { IssueList } from './issues.js';
import { parseCoordinates, looksApproximate } from './geo.js';
import { parseUpdated } from './updated.js';
import { readTypes } from './types.js';
import { deriveAttendance } from './attendance.js';
import { normalizeMeetingGuide } from './meeting-guide.js';

describe('times', () => {
  it.each([
    ['19:30', '19:30'],
    ['7:05', '07:05'],
    ['07:30:00', '07:30'],
    ['8:00 PM', '20:00'],
    ['8 pm', '20:00'],
    ['12:00 AM', '00:00'],
    ['12:15 p.m.', '12:15'],
    ['noon', '12:00'],
    ['24:00', '00:00'],
    [1930, '19:30'],
  ])('%s → %s', (raw, expected) => expect(parseTime(raw)).toBe(expected));

  it.each(['25:00', '7:60', '13 PM', '8', 'soon', '', null, {}])('rejects %s', (raw) => expect(parseTime(raw)).toBeUndefined());

  it('measures meetings that cross midnight', () => {
    expect(durationMinutes('23:30', '00:30')).toBe(60);
    expect(durationMinutes('19:00', '20:30')).toBe(90);
  });
});

describe('days', () => {
  it.each([
    [0, [0]],
    ['3', [3]],
    [
      [6, 1, 6],
      [1, 6],
    ],
    ['Tuesday', [2]],
    ['sábado', [6]],
    ['1,3,5', [1, 3, 5]],
    [undefined, []],
  ])('%j → %j', (raw, expected) => expect(parseDays(raw)).toEqual(expected));

  it.each([7, -1, 'someday', [1, 'x'], 2.5])('rejects %j', (raw) => expect(parseDays(raw)).toBeUndefined());
});

describe('conference links and phones', () => {
  it('recognises providers by host, subdomains included, and nothing by look-alikes', () => {
    expect(conferenceProvider('us02web.zoom.us')).toBe('zoom');
    expect(conferenceProvider('meet.google.com')).toBe('google_meet');
    expect(conferenceProvider('teams.microsoft.com')).toBe('teams');
    expect(conferenceProvider('meet.jit.si')).toBe('jitsi');
    expect(conferenceProvider('zoom.us.evil.example')).toBeNull();
    expect(conferenceProvider('notzoom.us')).toBeNull();
  });

  it('accepts only absolute http(s) URLs', () => {
    expect(checkHttpUrl('https://zoom.us/j/1')).toMatchObject({ ok: true });
    expect(checkHttpUrl('javascript:alert(1)')).toMatchObject({ ok: false });
    expect(checkHttpUrl('zoom.us/j/1')).toMatchObject({ ok: false });
    expect(checkHttpUrl('ftp://files.example.org/x')).toMatchObject({ ok: false });
  });

  it('keeps pauses and tones for one-tap dialling, and cuts trailing text', () => {
    expect(normalizePhone('+1 (301) 715-8592,,503536771#')).toEqual({ phone: '+13017158592,,503536771#', trimmed: false });
    expect(normalizePhone('+15873281099,,82900440659#,,#,,M1F3TTR#')).toEqual({
      phone: '+15873281099,,82900440659#,,#',
      trimmed: true,
    });
    expect(normalizePhone('call Bob')).toBeUndefined();
    expect(dialableDigits('+13017158592,,503536771#')).toBe(11);
    expect(dialableDigits('911')).toBe(3);
  });
});

describe('text', () => {
  it('strips HTML, drops scripts with their content, decodes entities', () => {
    expect(stripHtml('<p>Ring <b>buzzer</b></p><script>alert(1)</script>&amp; go up')).toBe('Ring buzzer\n& go up');
    expect(stripHtml('caf&#233; &lt;3')).toBe('café <3');
  });

  it('tidies white space, refuses other JSON types and over-long text', () => {
    const issues = new IssueList();
    expect(readText('  a \n\t b  ', 'x', issues)).toBe('a b');
    expect(readText('line 1\r\n\r\n\r\nline 2', 'x', issues, { multiline: true })).toBe('line 1\n\nline 2');
    expect(readText({ a: 1 }, 'x', issues)).toBeNull();
    expect(readText('x'.repeat(600), 'x', issues)).toBeNull();
    expect(issues.warnings.map((w) => w.code)).toEqual(['wrong_type', 'too_long']);
    expect(readText('y'.repeat(300), 'name', issues, { max: 255, required: true })).toBeNull();
    expect(issues.rejected).toBe(true);
  });
});

describe('places, timestamps, types and attendance', () => {
  it('reads coordinates from numbers, strings or coordinates, and refuses nonsense', () => {
    expect(parseCoordinates('39.87', '-75.35', undefined)).toEqual({ lat: 39.87, lng: -75.35 });
    expect(parseCoordinates(undefined, undefined, '40.1,-75.2')).toEqual({ lat: 40.1, lng: -75.2 });
    expect(parseCoordinates(0, 0, undefined)).toBeNull();
    expect(parseCoordinates('91', '0', undefined)).toBeUndefined();
    expect(looksApproximate('Philadelphia, PA, USA')).toBe(true);
    expect(looksApproximate('1937 West MacDade Boulevard, Woodlyn, PA 19094, USA')).toBe(false);
  });

  it('reads the updated formats real feeds use, as UTC', () => {
    expect(parseUpdated('2020-10-27 16:17:24')).toBe('2020-10-27T16:17:24Z');
    expect(parseUpdated('8/16/2021 7:16:45 AM')).toBe('2021-08-16T07:16:45Z');
    expect(parseUpdated('8/16/2021 7:16:45 PM')).toBe('2021-08-16T19:16:45Z');
    expect(parseUpdated('2021-02-30 10:00:00')).toBeUndefined();
  });

  it('keeps unknown codes, understands ONL, matches case-insensitively', () => {
    const issues = new IssueList();
    expect(readTypes(['o', 'D', 'ASBI', 'ONL', 'D', 'lgbtq'], issues)).toEqual({
      types: ['D', 'LGBTQ', 'O'],
      custom: ['ASBI'],
      legacyOnline: true,
    });
    expect(issues.warnings).toHaveLength(1);
  });

  it('derives attendance by the documented rules', () => {
    const base = { specificAddress: false, temporarilyClosed: false, usableLink: false, usablePhone: false };
    expect(deriveAttendance({ ...base, specificAddress: true })).toBe('in_person');
    expect(deriveAttendance({ ...base, specificAddress: true, usableLink: true })).toBe('hybrid');
    expect(deriveAttendance({ ...base, specificAddress: true, temporarilyClosed: true, usablePhone: true })).toBe('online');
    expect(deriveAttendance({ ...base, specificAddress: true, temporarilyClosed: true })).toBe('inactive');
  });
});

describe('a whole Meeting Guide meeting', () => {
  const defaults = { timezone: 'America/New_York', fellowship: 'AA' };

  it('is by appointment with neither day nor time', () => {
    const r = normalizeMeetingGuide(
      { slug: 'appt', name: 'By appointment', city: 'San Francisco', conference_url: 'https://zoom.us/j/1' },
      defaults,
    );
    expect(r).toMatchObject({ ok: true, meeting: { days: [], time: null, end_time: null } });
  });

  it('collects every reason to reject, not just the first', () => {
    const r = normalizeMeetingGuide({ name: '', day: 9, time: 'late' }, { timezone: null, fellowship: null });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.reasons.map((x) => x.code).sort()).toEqual([
        'invalid_day',
        'invalid_time',
        'missing_name',
        'missing_slug',
        'no_geography',
      ]);
  });
});
