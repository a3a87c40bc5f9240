import { IANAZone } from 'luxon';
import type { Contact, NormalizedLocation } from '../model.js';
import type { IssueList } from './issues.js';
import { checkHttpUrl, conferenceProvider, dialableDigits, normalizePhone } from './conference.js';
import { LIMITS, readText } from './text.js';
import { durationMinutes, fromMinutes, parseTime, toMinutes } from './time.js';
import { parseDays } from './day.js';

const zoneCache = new Map<string, boolean>();
/** IANA zone check, cached: luxon's check builds an Intl formatter each time. */
export function isValidZone(zone: string): boolean {
  let ok = zoneCache.get(zone);
  if (ok === undefined) {
    ok = zone.length <= 64 && IANAZone.isValidZone(zone);
    if (zoneCache.size < 10_000) zoneCache.set(zone, ok);
  }
  return ok;
}

export interface Schedule {
  days: number[];
  time: string | null;
  end_time: string | null;
  timezone: string | null;
}

/**
 * Day, time, end time and zone together, since each depends on the others:
 * a meeting with neither day nor time is "by appointment" and needs no zone;
 * a missing end time means 60 minutes (spec: end_time).
 */
export function readSchedule(
  raw: { day: unknown; time: unknown; end_time: unknown; timezone: unknown },
  defaultZone: string | null,
  issues: IssueList,
): Schedule {
  let days = parseDays(raw.day);
  if (days === undefined) {
    issues.reject(
      'invalid_day',
      'day',
      `day ${JSON.stringify(raw.day)?.slice(0, 40)} is not a weekday (0 = Sunday to 6 = Saturday, or a day name)`,
    );
    days = [];
  }
  const hasTime = raw.time !== undefined && raw.time !== null && raw.time !== '';
  let time: string | null = null;
  if (hasTime) {
    time = parseTime(raw.time) ?? null;
    if (time === null)
      issues.reject('invalid_time', 'time', `time ${JSON.stringify(raw.time)?.slice(0, 40)} is not a time of day`);
  }
  if (time !== null && days.length === 0) {
    issues.warn('invalid_day', 'day', 'has a time but no day; listed as by appointment');
    time = null;
  } else if (time === null && days.length > 0 && !issues.rejected) {
    issues.warn('invalid_time', 'time', 'has a day but no time; listed as by appointment');
    days = [];
  }

  let end: string | null = null;
  if (time !== null) {
    const hasEnd = raw.end_time !== undefined && raw.end_time !== null && raw.end_time !== '';
    end = hasEnd ? (parseTime(raw.end_time) ?? null) : null;
    if (hasEnd && (end === null || end === time)) {
      issues.warn(
        'invalid_end_time',
        'end_time',
        `end_time ${JSON.stringify(raw.end_time)?.slice(0, 40)} is not usable; assuming 60 minutes`,
      );
      end = null;
    }
    end ??= fromMinutes(toMinutes(time) + 60);
    const length = durationMinutes(time, end);
    if (length > 120)
      issues.warn('long_meeting', 'end_time', `lasts ${Math.floor(length / 60)} h ${length % 60} min; check end_time`);
  }

  let timezone: string | null = null;
  if (typeof raw.timezone === 'string' && raw.timezone.trim() !== '') {
    const z = raw.timezone.trim();
    if (isValidZone(z)) timezone = z;
    else issues.warn('invalid_timezone', 'timezone', `"${z.slice(0, 64)}" is not an IANA time zone; using the source's`);
  }
  timezone ??= defaultZone;
  if (timezone === null && time !== null) {
    issues.reject('no_timezone', 'timezone', 'has no time zone, and the source has no default time zone');
  }
  return { days, time, end_time: end, timezone };
}

export interface Online {
  conference_url: string | null;
  conference_provider: string | null;
  conference_phone: string | null;
  usableLink: boolean;
  usablePhone: boolean;
}

/** Conference link and dial-in: checked, the provider recognised, the number tidied. */
export function readOnline(rawUrl: unknown, rawPhone: unknown, issues: IssueList): Online {
  const out: Online = {
    conference_url: null,
    conference_provider: null,
    conference_phone: null,
    usableLink: false,
    usablePhone: false,
  };
  const url = readText(rawUrl, 'conference_url', issues, { max: LIMITS.url });
  if (url !== null) {
    const check = checkHttpUrl(url);
    if (!check.ok) {
      issues.warn('bad_url', 'conference_url', `conference_url ${check.reason}; ignored`);
    } else {
      out.conference_url = check.url;
      out.conference_provider = conferenceProvider(new URL(check.url).hostname);
      out.usableLink = out.conference_provider !== null;
      if (!out.usableLink)
        issues.warn('unknown_provider', 'conference_url', 'conference_url is not from a known video-meeting provider');
    }
  }
  const phoneText = readText(rawPhone, 'conference_phone', issues, { max: LIMITS.phone });
  if (phoneText !== null) {
    const normalized = normalizePhone(phoneText);
    if (normalized === undefined) {
      issues.warn('bad_phone', 'conference_phone', 'conference_phone is not a phone number; ignored');
    } else {
      const { phone, trimmed } = normalized;
      if (trimmed) issues.warn('bad_phone', 'conference_phone', `conference_phone has text after the number; kept "${phone}"`);
      out.conference_phone = phone;
      out.usablePhone = dialableDigits(phone) >= 10;
      if (!out.usablePhone)
        issues.warn(
          'bad_phone',
          'conference_phone',
          'conference_phone has fewer than 10 digits, so it cannot be dialled from anywhere',
        );
    }
  }
  return out;
}

/** A web link field: absolute http(s), or mailto: where `allowMailto` (feedback_url). */
export function readUrl(raw: unknown, field: string, issues: IssueList, allowMailto = false): string | null {
  const text = readText(raw, field, issues, { max: LIMITS.url });
  if (text === null) return null;
  if (allowMailto && /^mailto:[^\s@]+@[^\s@]+$/i.test(text)) return text;
  const check = checkHttpUrl(text);
  if (check.ok) return check.url;
  issues.warn('bad_url', field, `${field} ${check.reason}; ignored`);
  return null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function readEmail(raw: unknown, field: string, issues: IssueList): string | null {
  const text = readText(raw, field, issues, { max: 254 });
  if (text === null) return null;
  if (EMAIL.test(text)) return text;
  issues.warn('wrong_type', field, `${field} is not an e-mail address; ignored`);
  return null;
}

/** 7th Tradition handles (spec): venmo starts with @, square with $, paypal is a PayPal.me username. */
export function readHandle(
  raw: unknown,
  field: 'venmo' | 'square' | 'paypal' | 'homegroup_online',
  issues: IssueList,
): string | null {
  const text = readText(raw, field, issues, { max: LIMITS.handle });
  if (text === null) return null;
  const prefix = field === 'venmo' ? '@' : field === 'square' ? '$' : '';
  let body = text.replace(/^https?:\/\/(www\.)?paypal\.me\//i, '');
  if (prefix && body.startsWith(prefix)) body = body.slice(1);
  if (/^[A-Za-z0-9_.-]{1,60}$/.test(body)) return prefix + body;
  issues.warn('bad_payment_handle', field, `${field} "${text}" is not a valid handle; ignored`);
  return null;
}

/** contact_1_* … contact_3_* (spec); only contacts with something in them are kept. */
export function readContacts(raw: Record<string, unknown>, issues: IssueList): Contact[] {
  const contacts: Contact[] = [];
  for (const [nameKey, emailKey, phoneKey] of CONTACT_KEYS) {
    const name = raw[nameKey];
    const email = raw[emailKey];
    const phone = raw[phoneKey];
    // Most meetings list no contacts: skip the three reads when all three keys are absent.
    if (name === undefined && email === undefined && phone === undefined) continue;
    const c: Contact = {
      name: readText(name, nameKey, issues, { max: 100 }),
      email: readEmail(email, emailKey, issues),
      phone: readText(phone, phoneKey, issues, { max: 64 }),
    };
    if (c.name ?? c.email ?? c.phone) contacts.push(c);
  }
  return contacts;
}

const CONTACT_KEYS = [1, 2, 3].map((n) => [`contact_${n}_name`, `contact_${n}_email`, `contact_${n}_phone`] as const);

/** True when the location names a place one can walk into. */
export function isSpecific(location: NormalizedLocation | null): boolean {
  return location !== null && !location.approximate && (location.formatted_address !== null || location.latitude !== null);
}
