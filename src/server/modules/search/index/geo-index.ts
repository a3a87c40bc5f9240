import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { MeetingStore } from './meeting-store.js';
import type { SlotBuffer } from './slot-buffer.js';

/**
 * A k-d tree over the meetings that have coordinates, with great-circle
 * distances (geokdbush). KDBush is static, so the tree is rebuilt when the
 * store has changed since the last build — lazily, at the next geographic
 * query, so a burst of changes costs one rebuild.
 */
export class GeoIndex {
  private tree: KDBush | null = null;
  private slots = new Int32Array(0);
  private builtVersion = -1;

  constructor(private readonly store: MeetingStore) {}

  /**
   * Slots of meetings within about `radiusKm` of the point. The tree's own
   * distance uses a slightly different earth radius, so it searches a hair
   * wider and callers decide the edge with `distanceKm`.
   */
  candidates(lat: number, lng: number, radiusKm: number): number[] {
    const tree = this.current();
    if (!tree) return [];
    return around(tree, lng, lat, Infinity, radiusKm * 1.001 + 0.01).map((i) => this.slots[i]!);
  }

  /**
   * Appends to `out` each meeting within `radiusKm` of the point (great-circle distance), in no particular order
   * (the engine's page selection orders them). The candidates come from a latitude/longitude box around the circle
   * (kdbush `range`), which is what geokdbush's `around` spends most of its time beyond: it keeps every point in a
   * priority queue to return them sorted, and sorting thousands of points per search is wasted when only the
   * nearest 50 are shown. Near a pole or the antimeridian the box is not a box, so those searches keep using
   * `around`.
   */
  collectWithin(lat: number, lng: number, radiusKm: number, out: SlotBuffer): void {
    const tree = this.current();
    if (!tree) return;
    const s = this.store;
    const angle = radiusKm / EARTH_RADIUS_KM;
    const dLat = (angle * 180) / Math.PI;
    const sinLng = Math.sin(angle) / Math.cos((lat * Math.PI) / 180);
    // A hair wider than exact, so rounding never drops a point on the edge; the distance check decides.
    const dLng = ((Math.asin(sinLng) * 180) / Math.PI) * 1.001 + 1e-6;
    const padLat = dLat * 1.001 + 1e-6;
    if (lat + dLat >= 89 || lat - dLat <= -89 || !(sinLng < 1) || lng - dLng < -180 || lng + dLng > 180) {
      for (const slot of this.candidates(lat, lng, radiusKm)) {
        if (distanceKm(lat, lng, s.lat[slot]!, s.lng[slot]!) <= radiusKm) out.push(slot);
      }
      return;
    }
    const ids = tree.range(lng - dLng, lat - padLat, lng + dLng, lat + padLat);
    const slots = this.slots;
    const lats = s.lat;
    const lngs = s.lng;
    // The haversine below, with the centre's terms hoisted out of the loop.
    const rad = Math.PI / 180;
    const cosLat = Math.cos(lat * rad);
    const limit = Math.sin(Math.min(Math.PI / 2, radiusKm / (2 * EARTH_RADIUS_KM))) ** 2;
    for (let i = 0; i < ids.length; i++) {
      const slot = slots[ids[i]!]!;
      const lat2 = lats[slot]!;
      const sLat = Math.sin((lat2 - lat) * rad * 0.5);
      const sLng = Math.sin((lngs[slot]! - lng) * rad * 0.5);
      const a = sLat * sLat + cosLat * Math.cos(lat2 * rad) * sLng * sLng;
      // Clearly inside or outside by the haversine term alone; only points within rounding of the edge take the
      // exact distanceKm, so the edge is decided by the same function as everywhere else.
      if (a < limit * 0.999999) out.push(slot);
      else if (a < limit * 1.000001 && distanceKm(lat, lng, lat2, lngs[slot]!) <= radiusKm) out.push(slot);
    }
  }

  private current(): KDBush | null {
    const s = this.store;
    if (this.builtVersion === s.version) return this.tree;
    let n = 0;
    for (let slot = 0; slot < s.length; slot++) if (s.alive[slot] && !Number.isNaN(s.lat[slot]!)) n++;
    this.slots = new Int32Array(n);
    if (n === 0) {
      this.tree = null;
    } else {
      const tree = new KDBush(n);
      let i = 0;
      for (let slot = 0; slot < s.length; slot++) {
        if (!s.alive[slot] || Number.isNaN(s.lat[slot]!)) continue;
        tree.add(s.lng[slot]!, s.lat[slot]!);
        this.slots[i++] = slot;
      }
      tree.finish();
      this.tree = tree;
    }
    this.builtVersion = s.version;
    return this.tree;
  }
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine), the same measure as geokdbush. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
