import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { MeetingStore } from './meeting-store.js';
import type { SlotBuffer } from './slot-buffer.js';
import { WEEK_MIN } from '../time/units.js';

/** Minutes of the meeting's own week per time bucket: 4 hours, so 42 buckets a week. */
export const BUCKET_MIN = 240;
const WEEK_BUCKETS = WEEK_MIN / BUCKET_MIN;
/** The last bucket: meetings without a weekly time (by appointment), which only searches without a time filter see. */
const UNSCHEDULED = WEEK_BUCKETS;

interface Bucket {
  tree: KDBush;
  slots: Int32Array;
}

/**
 * K-d trees over the meetings that have coordinates, with great-circle distances, one tree per 4-hour stretch
 * of the week on the meeting's own clock (a meeting is in the bucket of each of its weekly starts): a search
 * for today, tonight or "now" near a city reads only the trees of the hours it can match, a fifth to a
 * fifteenth of the meetings there, instead of every meeting in the circle. KDBush trees are static, so they are
 * rebuilt when the store has changed since the last build: lazily, at the next geographic query, so a burst of
 * changes costs one rebuild.
 */
export class GeoIndex {
  private buckets: (Bucket | null)[] = [];
  private builtVersion = -1;

  constructor(private readonly store: MeetingStore) {}

  /** Slots of meetings within about `radiusKm` of the point, whatever their time (geokdbush's own search). */
  candidates(lat: number, lng: number, radiusKm: number): number[] {
    const out = new Set<number>();
    for (const b of this.current()) {
      if (!b) continue;
      for (const i of around(b.tree, lng, lat, Infinity, radiusKm * 1.001 + 0.01)) out.add(b.slots[i]!);
    }
    return [...out];
  }

  /**
   * Appends to `out` each meeting within `radiusKm` of the point (great-circle distance) with a weekly start,
   * on its own clock, in one of `weekRanges` ([from, to) minutes of the week, wrapping past Saturday), or any
   * meeting when `weekRanges` is null. Each once: slots already in `seen` (a SlotSet's words) are skipped, appended
   * ones added.
   * The candidates of each tree come from a latitude/longitude box around the circle (kdbush `range`) rather than
   * geokdbush's `around`, which keeps every point in a priority queue to return them sorted: wasted when only the
   * nearest 50 are shown. Near a pole or the antimeridian the box is not a box, so those searches use `around`.
   */
  collectWithin(
    lat: number,
    lng: number,
    radiusKm: number,
    weekRanges: readonly (readonly [number, number])[] | null,
    out: SlotBuffer,
    seen: Int32Array,
  ): void {
    const buckets = this.current();
    const wanted = bucketsOf(weekRanges);
    const angle = radiusKm / EARTH_RADIUS_KM;
    const dLat = (angle * 180) / Math.PI;
    const sinLng = Math.sin(angle) / Math.cos((lat * Math.PI) / 180);
    // A hair wider than exact, so rounding never drops a point on the edge; the distance check decides.
    const dLng = ((Math.asin(sinLng) * 180) / Math.PI) * 1.001 + 1e-6;
    const padLat = dLat * 1.001 + 1e-6;
    const boxed = !(lat + dLat >= 89 || lat - dLat <= -89 || !(sinLng < 1) || lng - dLng < -180 || lng + dLng > 180);
    const s = this.store;
    const lats = s.lat;
    const lngs = s.lng;
    // The haversine of distanceKm, with the centre's terms hoisted out of the loop.
    const rad = Math.PI / 180;
    const cosLat = Math.cos(lat * rad);
    const limit = Math.sin(Math.min(Math.PI / 2, radiusKm / (2 * EARTH_RADIUS_KM))) ** 2;
    for (let b = 0; b < buckets.length; b++) {
      const bucket = buckets[b];
      if (!bucket || !wanted[b]) continue;
      const slots = bucket.slots;
      if (!boxed) {
        for (const i of around(bucket.tree, lng, lat, Infinity, radiusKm * 1.001 + 0.01)) {
          const slot = slots[i]!;
          const bit = 1 << (slot & 31);
          if ((seen[slot >> 5]! & bit) !== 0 || distanceKm(lat, lng, lats[slot]!, lngs[slot]!) > radiusKm) continue;
          seen[slot >> 5]! |= bit;
          out.push(slot);
        }
        continue;
      }
      const ids = bucket.tree.range(lng - dLng, lat - padLat, lng + dLng, lat + padLat);
      for (let k = 0; k < ids.length; k++) {
        const slot = slots[ids[k]!]!;
        const bit = 1 << (slot & 31);
        if ((seen[slot >> 5]! & bit) !== 0) continue;
        const lat2 = lats[slot]!;
        const sLat = Math.sin((lat2 - lat) * rad * 0.5);
        const sLng = Math.sin((lngs[slot]! - lng) * rad * 0.5);
        const a = sLat * sLat + cosLat * Math.cos(lat2 * rad) * sLng * sLng;
        // Clearly inside by the haversine term alone; only points within rounding of the edge take the exact
        // distanceKm, so the edge is decided by the same function as everywhere else.
        if (a >= limit * 0.999999 && !(a < limit * 1.000001 && distanceKm(lat, lng, lat2, lngs[slot]!) <= radiusKm)) continue;
        seen[slot >> 5]! |= bit;
        out.push(slot);
      }
    }
  }

  private current(): (Bucket | null)[] {
    const s = this.store;
    if (this.builtVersion === s.version) return this.buckets;
    const counts = new Int32Array(WEEK_BUCKETS + 1);
    const each = (fn: (slot: number, bucket: number) => void) => {
      for (let slot = 0; slot < s.length; slot++) {
        if (!s.alive[slot] || Number.isNaN(s.lat[slot]!)) continue;
        const days = s.days[slot]!;
        const start = s.start[slot]!;
        if (start < 0 || days === 0) {
          fn(slot, UNSCHEDULED);
          continue;
        }
        for (let d = 0; d < 7; d++) if (days & (1 << d)) fn(slot, Math.floor((d * 1440 + start) / BUCKET_MIN));
      }
    };
    each((_slot, b) => counts[b]!++);
    const buckets = Array.from(counts, (n) => (n === 0 ? null : { tree: new KDBush(n), slots: new Int32Array(n) }));
    const fill = new Int32Array(counts.length);
    each((slot, b) => {
      const bucket = buckets[b]!;
      bucket.tree.add(s.lng[slot]!, s.lat[slot]!);
      bucket.slots[fill[b]!++] = slot;
    });
    for (const b of buckets) b?.tree.finish();
    this.buckets = buckets;
    this.builtVersion = s.version;
    return buckets;
  }
}

/** Which buckets hold starts in the week-minute ranges (all, the unscheduled included, when null). */
function bucketsOf(ranges: readonly (readonly [number, number])[] | null): Uint8Array {
  const wanted = new Uint8Array(WEEK_BUCKETS + 1);
  if (ranges === null) return wanted.fill(1);
  for (const [from, to] of ranges) {
    if (to - from >= WEEK_MIN) {
      wanted.fill(1, 0, WEEK_BUCKETS);
      continue;
    }
    const first = Math.floor((((from % WEEK_MIN) + WEEK_MIN) % WEEK_MIN) / BUCKET_MIN);
    const span = Math.ceil((to - from) / BUCKET_MIN) + 1;
    for (let k = 0; k < span && k < WEEK_BUCKETS; k++) wanted[(first + k) % WEEK_BUCKETS] = 1;
  }
  return wanted;
}

export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine), the same measure as geokdbush. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
