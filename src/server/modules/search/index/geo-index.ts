import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { MeetingStore } from './meeting-store.js';

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
