/**
 * Links the meeting page offers. Every one is an ordinary link the person taps: the page itself never contacts
 * another host (ARCHITECTURE: no outside requests from the browser).
 */

/**
 * Directions through a `geo:` URI (RFC 5870). Android hands it to whichever maps app the person chose, and nothing
 * is fetched until they pick one. We do not default to `https://maps.apple.com/?q=` or a Google link: those would
 * send every place someone looks up (a meeting's address can say a lot about them) to a third party we picked for
 * them. The `q` parameter carries the address as a search, as Android's maps apps expect, so the app finds the
 * building itself (a feed's coordinates are often only roughly placed); the coordinates before it centre the map.
 * Without coordinates `geo:0,0?q=` is the documented form for "search this address".
 */
export function directionsHref(address: string | null, point: { lat: number; lng: number } | null): string | null {
  if (point && !Number.isFinite(point.lat + point.lng)) point = null;
  if (!address && !point) return null;
  const at = point ? `${point.lat},${point.lng}` : '0,0';
  return `geo:${at}?q=${encodeURIComponent(address ?? at)}`;
}

/**
 * The place on OpenStreetMap's website, for devices with no app for `geo:` (desktop browsers, iOS). A link the person
 * chooses to follow, offered second.
 */
export function webMapHref(point: { lat: number; lng: number }): string {
  return `https://www.openstreetmap.org/?mlat=${point.lat}&mlon=${point.lng}#map=17/${point.lat}/${point.lng}`;
}

/**
 * A one-tap dialling link (RFC 3966). Conference numbers carry the meeting id after pauses ("+13017158592,,503536771#"),
 * so "," ";" "*" stay, and "#" is escaped or the browser would read it as a fragment.
 */
export function dialHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+,;*#]/g, '');
  return /\d/.test(digits) ? `tel:${digits.replace(/#/g, '%23')}` : null;
}

/** Only web links are followed; a feed could hold `javascript:` or anything else in a URL field. */
export function safeWebUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export type TraditionService = 'venmo' | 'square' | 'paypal';

const HANDLE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Seventh-Tradition links from the spec's handles: Venmo "@name", Square's Cash App "$name", a PayPal.me name. A handle
 * that is not a plain name is shown as text, not turned into a link.
 */
export function traditionLinks(
  fields: Partial<Record<TraditionService, string>>,
): { service: TraditionService; handle: string; url: string | null }[] {
  const out: { service: TraditionService; handle: string; url: string | null }[] = [];
  const add = (service: TraditionService, prefix: string, base: string) => {
    const handle = fields[service]?.trim();
    if (!handle) return;
    const name = handle.startsWith(prefix) ? handle.slice(1) : handle;
    out.push({ service, handle, url: HANDLE.test(name) ? `${base}${name}` : null });
  };
  add('venmo', '@', 'https://venmo.com/');
  add('square', '$', 'https://cash.app/$');
  add('paypal', '@', 'https://www.paypal.me/');
  return out;
}

export { providerName } from '../../../shared/conference-providers.js';
