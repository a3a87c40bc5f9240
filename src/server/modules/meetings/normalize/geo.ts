/** A latitude/longitude pair from numbers, numeric strings or a "lat,lng" `coordinates` string. */
export function parseCoordinates(
  lat: unknown,
  lng: unknown,
  coordinates: unknown,
): { lat: number; lng: number } | null | undefined {
  let la = lat;
  let ln = lng;
  if ((la === undefined || la === null || la === '') && typeof coordinates === 'string' && coordinates.includes(',')) {
    [la, ln] = coordinates.split(',');
  } else if ((la === undefined || la === null || la === '') && Array.isArray(coordinates) && coordinates.length === 2) {
    [la, ln] = coordinates as unknown[];
  }
  const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  if (empty(la) && empty(ln)) return null;
  const a = toNumber(la);
  const b = toNumber(ln);
  if (a === undefined || b === undefined || a < -90 || a > 90 || b < -180 || b > 180) return undefined;
  // 0,0 is in the Gulf of Guinea: a placeholder, not a meeting place.
  if (a === 0 && b === 0) return null;
  return { lat: Math.round(a * 1e6) / 1e6, lng: Math.round(b * 1e6) / 1e6 };
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/**
 * tsml-ui's rule: an address of fewer than four comma-separated parts
 * ("Philadelphia, PA, USA") names an area, not a building.
 */
export function looksApproximate(formattedAddress: string): boolean {
  return formattedAddress.split(',').filter((p) => p.trim() !== '').length < 4;
}

/** The spec's split address fields joined the way Google formats addresses. */
export function composeAddress(parts: {
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
}): string | null {
  const stateZip = [parts.state, parts.postal_code].filter(Boolean).join(' ');
  const joined = [parts.address, parts.city, stateZip, parts.country].filter((p) => p && p.trim() !== '').join(', ');
  return joined === '' ? null : joined;
}
