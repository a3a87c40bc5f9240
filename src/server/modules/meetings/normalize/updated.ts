import { DateTime } from 'luxon';

/**
 * The spec's `updated` is "YYYY-MM-DD HH:MM:SS" in UTC; feeds also send ISO
 * strings and US-style "8/16/2021 7:16:45 AM". All are read as UTC.
 * @returns ISO-8601 UTC, or undefined when unreadable.
 */
export function parseUpdated(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 64) return undefined;
  const s = raw.trim();
  // Fast paths for the two shapes real feeds use; luxon's fromFormat builds a
  // parser per call, which matters at 250,000 meetings.
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec = '00'] = iso as unknown as [string, string, string, string, string, string, string?];
    // The common case needs no Date: the parts are already zero-padded, so only their ranges need checking.
    if (+y >= 1990 && +y <= 2200 && +mo >= 1 && +mo <= 12 && +d >= 1 && +d <= 28 && +h <= 23 && +mi <= 59 && +sec <= 59)
      return `${y}-${mo}-${d}T${h}:${mi}:${sec}Z`;
    return utc(+y, +mo, +d, +h, +mi, +sec);
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])$/.exec(s);
  if (us) {
    const h = (+us[4]! % 12) + (us[7]!.toLowerCase() === 'pm' ? 12 : 0);
    return utc(+us[3]!, +us[1]!, +us[2]!, h, +us[5]!, +(us[6] ?? 0));
  }
  const formats = [
    'yyyy-MM-dd HH:mm:ss',
    'yyyy-MM-dd HH:mm',
    'yyyy-MM-dd',
    'M/d/yyyy h:mm:ss a',
    'M/d/yyyy H:mm:ss',
    'M/d/yyyy h:mm a',
    'M/d/yyyy',
  ];
  let dt = DateTime.fromISO(s, { zone: 'utc' });
  for (const f of formats) {
    if (dt.isValid) break;
    dt = DateTime.fromFormat(s, f, { zone: 'utc', locale: 'en-US' });
  }
  if (!dt.isValid || dt.year < 1990 || dt.year > 2200) return undefined;
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, sec: number): string | undefined {
  if (y < 1990 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (date.getUTCDate() !== d) return undefined; // 31 February and the like
  return date.toISOString().replace('.000Z', 'Z');
}
