/**
 * A moment from the accounts API (ISO-8601 UTC) in words, in the page's language and the member's chosen time zone
 * (the device's when none is chosen or the zone is unknown to this browser).
 */
export function formatMoment(iso: string, locale: string | undefined, zone: string | null | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(zone ? { timeZone: zone } : {}),
    }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** The IANA zones this browser knows, as the server accepts them (an area and a place, or UTC). */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = all.filter((z) => z.includes('/') || z === 'UTC');
  if (!zones.includes('UTC')) zones.push('UTC');
  return zones;
}

/** The device's own zone, or null when the browser does not say. */
export function deviceTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
