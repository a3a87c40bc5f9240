/** Mean Earth radius (IUGG), the usual choice for great-circle distances. */
const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;

export interface Point {
  lat: number;
  lng: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine, accurate at short range too). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Box {
  minLat: number;
  maxLat: number;
  /** Absent when the box would cross a pole or the antimeridian: then any longitude passes. */
  lng?: { min: number; max: number };
}

/**
 * A latitude/longitude box holding every point within `radiusKm` of `center`,
 * for an index-friendly SQL prefilter; the exact distance is checked after.
 * It is deliberately generous: 110 km per degree of latitude (the true value
 * is 110.6 to 111.7), and longitude degrees measured at the box's edge nearest
 * a pole, where they are shortest.
 */
export function boundingBox(center: Point, radiusKm: number): Box {
  const dLat = radiusKm / 110;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const edge = Math.max(Math.abs(minLat), Math.abs(maxLat));
  if (edge >= 89) return { minLat, maxLat };
  const dLng = radiusKm / (110 * Math.cos(rad(edge)));
  const min = center.lng - dLng;
  const max = center.lng + dLng;
  if (min < -180 || max > 180) return { minLat, maxLat };
  return { minLat, maxLat, lng: { min, max } };
}
