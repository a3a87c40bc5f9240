import { DateTime, type Zone } from 'luxon';
import { formatUtcOffset, resolveZone, zoneObservances } from './vtimezone.js';

/** A weekly meeting as the calendar needs it; the caller maps its rows to this shape. */
export interface IcsMeeting {
  /** Stable and globally unique, e.g. `42@kinship.example.org` (RFC 5545 §3.8.4.7). */
  uid: string;
  name: string;
  /** 0 = Sunday .. 6 = Saturday. */
  days: number[];
  /** `HH:MM`, 24-hour local time in `timezone`. */
  time: string;
  /** `HH:MM`; at or before `time` means the meeting ends the next day. */
  endTime: string;
  /** IANA zone, e.g. `America/New_York`. */
  timezone: string;
  url?: string | null;
  conferenceUrl?: string | null;
  /** May contain `,` `#` `*` for one-tap dialling; kept as written. */
  conferencePhone?: string | null;
  conferenceNotes?: string | null;
  locationName?: string | null;
  formattedAddress?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  notes?: string | null;
  /** ISO-8601 UTC; becomes LAST-MODIFIED. */
  updated?: string | null;
  /** Temporarily closed: STATUS:CANCELLED. */
  cancelled?: boolean;
}

export interface CalendarOptions {
  /** Shown by clients as the calendar's title (X-WR-CALNAME). */
  name: string;
  prodId?: string;
  /** DTSTAMP, and the date from which first occurrences and time zone windows are computed. */
  now?: Date;
}

const DEFAULT_PRODID = '-//Kinship//Meetings//EN';
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Builds an RFC 5545 calendar with one recurring VEVENT per meeting and one VTIMEZONE per zone used.
 *
 * Throws a RangeError for input that cannot become a valid event (unknown zone, bad time, no days, duplicate uid).
 * Links that are not http(s) are left out rather than published, so a feed never carries a `javascript:` URL.
 */
export function buildCalendar(meetings: IcsMeeting[], options: CalendarOptions): string {
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('options.now is not a valid date');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId ?? DEFAULT_PRODID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  // Events first, so a bad zone is reported with the meeting that uses it.
  const events: string[] = [];
  const uids = new Set<string>();
  for (const meeting of meetings) {
    // Two VEVENTs with one UID and no RECURRENCE-ID would be read as one event (RFC 5545 §3.8.4.7).
    if (uids.has(meeting.uid)) throw new RangeError(`Duplicate meeting uid ${JSON.stringify(meeting.uid)}`);
    uids.add(meeting.uid);
    events.push(...eventLines(meeting, now));
  }
  // Zones before events: RFC 5545 §3.6.5 allows any order, but some clients resolve TZIDs while reading.
  const zones = [...new Set(meetings.map((m) => m.timezone))].sort();
  for (const zone of zones) lines.push(...timezoneLines(zone, now));
  lines.push(...events, 'END:VCALENDAR');
  // RFC 5545 §3.1: content lines end with CRLF, including the last one.
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function timezoneLines(zone: string, now: Date): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${escapeText(zone)}`];
  for (const o of zoneObservances(zone, now)) {
    lines.push(
      `BEGIN:${o.kind}`,
      `DTSTART:${o.onset}`,
      `TZOFFSETFROM:${formatUtcOffset(o.offsetFrom)}`,
      `TZOFFSETTO:${formatUtcOffset(o.offsetTo)}`,
      `TZNAME:${escapeText(o.name)}`,
      `END:${o.kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

function eventLines(m: IcsMeeting, now: Date): string[] {
  if (!m.uid) throw new RangeError('Meeting uid is empty');
  const where = `meeting ${JSON.stringify(m.uid)}`;
  const start = parseTime(m.time, `${where}: time`);
  const end = parseTime(m.endTime, `${where}: endTime`);
  if (m.days.length === 0 || m.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    throw new RangeError(`${where}: days must be integers 0..6, at least one`);
  }
  const days = [...new Set(m.days)].sort((a, b) => a - b);
  let zone: Zone;
  try {
    zone = resolveZone(m.timezone);
  } catch (err) {
    throw new RangeError(`${where}: unknown time zone ${JSON.stringify(m.timezone)}`, { cause: err });
  }
  const date = firstDate(days, start, zone, now);
  // Equal times mean a 24-hour meeting rather than an empty one.
  const endDate = end.minutes <= start.minutes ? date.plus({ days: 1 }) : date;
  const tzid = `TZID=${m.timezone}`;

  const page = httpUrl(m.url);
  const conference = httpUrl(m.conferenceUrl);
  const address = [m.locationName, m.formattedAddress].map(clean).filter(Boolean).join(', ');
  const onlineOnly = !address && conference !== null;
  const description = [
    m.notes,
    // The URL property holds one link: say the other one in words, so neither is lost.
    onlineOnly ? null : conference,
    m.conferenceNotes,
    m.conferencePhone,
    onlineOnly ? page : null,
  ]
    .map(clean)
    .filter(Boolean)
    .join('\n\n');

  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(m.uid)}`,
    `DTSTAMP:${utcStamp(DateTime.fromJSDate(now))}`,
    `DTSTART;${tzid}:${localStamp(date, start)}`,
    `DTEND;${tzid}:${localStamp(endDate, end)}`,
    `RRULE:FREQ=WEEKLY;BYDAY=${days.map((d) => BYDAY[d]).join(',')}`,
    `SUMMARY:${escapeText(m.name)}`,
  ];
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  const location = onlineOnly ? conference : address;
  if (location) lines.push(`LOCATION:${escapeText(location)}`);
  const geo = geoValue(m.latitude, m.longitude);
  if (geo) lines.push(`GEO:${geo}`);
  // URL is a URI value (RFC 5545 §3.8.4.6), not TEXT: written as parsed, without backslash escapes.
  const url = onlineOnly ? conference : page;
  if (url) lines.push(`URL:${url}`);
  if (m.updated) {
    const updated = DateTime.fromISO(m.updated, { zone: 'utc' });
    if (!updated.isValid) throw new RangeError(`${where}: updated is not an ISO-8601 date-time`);
    lines.push(`LAST-MODIFIED:${utcStamp(updated)}`);
  }
  lines.push(`STATUS:${m.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT');
  return lines;
}

interface LocalTime {
  hour: number;
  minute: number;
  minutes: number;
}

function parseTime(value: string, what: string): LocalTime {
  const match = HH_MM.exec(value);
  if (!match) throw new RangeError(`${what} must be HH:MM, got ${JSON.stringify(value)}`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return { hour, minute, minutes: hour * 60 + minute };
}

/**
 * The calendar date (as a UTC-midnight DateTime, used only for its date) of the first occurrence starting at or after
 * `now`. DTSTART must itself be an occurrence, or clients count it as an extra one (RFC 5545 §3.8.5.3). Dates are
 * stepped as plain calendar days and only the start instant is resolved in the zone, so DST days cannot skip or
 * repeat a date; a start inside a spring-forward gap resolves later, as RFC 5545 §3.3.5 reads it too.
 */
function firstDate(days: number[], time: LocalTime, zone: Zone, now: Date): DateTime {
  const today = DateTime.fromJSDate(now, { zone });
  const base = DateTime.utc(today.year, today.month, today.day);
  for (let i = 0; i <= 7; i++) {
    const date = base.plus({ days: i });
    if (!days.includes(date.weekday % 7)) continue;
    const { year, month, day } = date;
    const start = DateTime.fromObject({ year, month, day, hour: time.hour, minute: time.minute }, { zone });
    if (start.toMillis() >= now.getTime()) return date;
  }
  // Unreachable: the same weekday a week later always starts after `now`.
  throw new RangeError(`No occurrence found in ${zone.name}`);
}

/** Local DATE-TIME form (RFC 5545 §3.3.5, form #3), written from the meeting's own wall-clock time. */
function localStamp(date: DateTime, time: LocalTime): string {
  return `${date.toFormat('yyyyMMdd')}T${pad(time.hour)}${pad(time.minute)}00`;
}

/** UTC DATE-TIME form (RFC 5545 §3.3.5, form #2), required for DTSTAMP and LAST-MODIFIED. */
function utcStamp(dt: DateTime): string {
  return dt.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** GEO is two FLOATs separated by `;` (RFC 5545 §3.8.1.6); six decimals is the precision the RFC recommends. */
function geoValue(lat: number | null | undefined, lng: number | null | undefined): string | null {
  if (lat == null || lng == null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return `${Number(lat.toFixed(6))};${Number(lng.toFixed(6))}`;
}

function clean(value: string | null | undefined): string {
  return value?.trim() ?? '';
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, line breaks become `\n`.
 * Other control characters are not allowed in TEXT at all (§3.1, CONTROL), so they are dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1). Counting is in UTF-8 bytes, and the
 * loop walks code points, so a multi-byte character is never split across lines. Continuation lines start with one
 * space, which counts towards their 75.
 */
export function foldLine(line: string): string {
  let out = '';
  let width = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (width + size > 75) {
      out += '\r\n ';
      width = 1;
    }
    out += char;
    width += size;
  }
  return out;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // Lone surrogates are encoded as U+FFFD, also three bytes.
  if (codePoint < 0x10000) return 3;
  return 4;
}
