import { getTypesForLanguage } from '@code4recovery/spec';
import { IANAZone } from 'luxon';

const SPEC_CODES = new Set(Object.keys(getTypesForLanguage('en')));

/**
 * Checks a feed against the Meeting Guide spec (README of @code4recovery/spec),
 * as its feed validator would: returns the problems found, empty when valid.
 */
export function specProblems(feed: unknown): string[] {
  if (!Array.isArray(feed)) return ['the feed is not an array'];
  const problems: string[] = [];
  const slugs = new Set<string>();
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  feed.forEach((m: Record<string, unknown>, i) => {
    const at = `#${i} (${String(m.slug)})`;
    if (typeof m.name !== 'string' || m.name.length === 0 || m.name.length > 255) problems.push(`${at}: name`);
    if (typeof m.slug !== 'string' || m.slug.length === 0) problems.push(`${at}: slug`);
    else if (slugs.has(m.slug)) problems.push(`${at}: duplicate slug`);
    else slugs.add(m.slug);
    const days = m.day === undefined ? [] : Array.isArray(m.day) ? m.day : [m.day];
    if (days.some((d) => !Number.isInteger(d) || (d as number) < 0 || (d as number) > 6)) problems.push(`${at}: day`);
    if (days.length > 0 && (typeof m.time !== 'string' || !hhmm.test(m.time))) problems.push(`${at}: time`);
    if (m.end_time !== undefined && (typeof m.end_time !== 'string' || !hhmm.test(m.end_time))) problems.push(`${at}: end_time`);
    if (m.timezone !== undefined && (typeof m.timezone !== 'string' || !IANAZone.isValidZone(m.timezone)))
      problems.push(`${at}: timezone`);
    if (!Array.isArray(m.types) || m.types.some((t) => typeof t !== 'string' || !SPEC_CODES.has(t)))
      problems.push(`${at}: types`);
    for (const key of ['conference_url', 'conference_url_notes', 'conference_phone', 'conference_phone_notes'])
      if (!(key in m)) problems.push(`${at}: ${key} missing`);
    if (typeof m.conference_url === 'string' && !/^https?:\/\//.test(m.conference_url)) problems.push(`${at}: conference_url`);
    if (typeof m.conference_phone === 'string' && !/^\+?[0-9,;#*]+$/.test(m.conference_phone))
      problems.push(`${at}: conference_phone`);
    if (m.updated !== undefined && (typeof m.updated !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(m.updated)))
      problems.push(`${at}: updated`);
    if (m.venmo !== undefined && (typeof m.venmo !== 'string' || !m.venmo.startsWith('@'))) problems.push(`${at}: venmo`);
    if (m.square !== undefined && (typeof m.square !== 'string' || !m.square.startsWith('$'))) problems.push(`${at}: square`);
    if (!m.formatted_address && !m.city && !m.address && m.latitude === undefined) problems.push(`${at}: no geography`);
    for (const key of Object.keys(m)) if (/^contact_\d_/.test(key)) problems.push(`${at}: ${key} published without consent`);
  });
  return problems;
}
