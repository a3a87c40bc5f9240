import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { MeetingStore } from './meeting-store.js';
import type { SlotBuffer } from './slot-buffer.js';
import { RECORD_WORDS, type HotRecords } from './hot-records.js';
import { WEEK_MIN } from '../time/units.js';

/** Minutes of the meeting's own week per time bucket: 4 hours, so 42 buckets a week. */
export const BUCKET_MIN = 240;
const WEEK_BUCKETS = WEEK_MIN / BUCKET_MIN;
/** The last bucket: meetings without a weekly time (by appointment), which only searches without a time filter see. */
const UNSCHEDULED = WEEK_BUCKETS;

/**
 * One stretch of the week's tree, with its points' slots and packed records (index/hot-records.ts) copied in the
 * tree's own order: the points of a region lie together in it, so the meetings in a circle are read from a few
 * runs of memory instead of from all over the store.
 */
export interface GeoBucket {
  tree: KDBush;
  /** Slot of each point, in the tree's order. */
  slots: Int32Array;
  /** Packed record of each point, in the tree's order. */
  records: Int32Array;
  /** Longitude and latitude of each point, in the tree's order (the tree's own array). */
  coords: Float64Array;
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
  private buckets: (GeoBucket | null)[] = [];
  private builtVersion = -1;
  /** Points of one bucket found by the current search (positions in its tree order). */
  private found = new Int32Array(1024);

  constructor(
    private readonly store: MeetingStore,
    private readonly hot: HotRecords,
  ) {}

  /** Slots of meetings within about `radiusKm` of the point, whatever their time (geokdbush's own search). */
  candidates(lat: number, lng: number, radiusKm: number): number[] {
    const out = new Set<number>();
    for (const b of this.current()) {
      if (!b) continue;
      for (const i of around(b.tree, lng, lat, Infinity, radiusKm * 1.001 + 0.01)) out.add(b.slots[positionOf(b, i)]!);
    }
    return [...out];
  }

  /**
   * Finds each meeting within `radiusKm` of the point (great-circle distance) with a weekly start, on its own
   * clock, in one of `weekRanges` ([from, to) minutes of the week, wrapping past Saturday), or any meeting when
   * `weekRanges` is null; each once: slots already in `seen` (a SlotSet's words) are skipped, those found added.
   * Calls `visit` per bucket with the positions (in the bucket's order) of what it found there, in no particular
   * order of distance: the engine's page selection orders them. The candidates of each tree come from a
   * latitude/longitude box around the circle rather than geokdbush's `around`, which keeps every point in a
   * priority queue to return them sorted: wasted when only the nearest 50 are shown. Near a pole or the
   * antimeridian the box is not a box, so those searches use `around`.
   */
  eachWithin(
    lat: number,
    lng: number,
    radiusKm: number,
    weekRanges: readonly (readonly [number, number])[] | null,
    seen: Int32Array,
    visit: (bucket: GeoBucket, positions: Int32Array, count: number) => void,
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
    // The haversine of distanceKm, with the centre's terms hoisted out of the loop.
    const rad = Math.PI / 180;
    const cosLat = Math.cos(lat * rad);
    const limit = Math.sin(Math.min(Math.PI / 2, radiusKm / (2 * EARTH_RADIUS_KM))) ** 2;
    for (let b = 0; b < buckets.length; b++) {
      const bucket = buckets[b];
      if (!bucket || !wanted[b]) continue;
      const { slots, coords } = bucket;
      let n = 0;
      const keep = (pos: number) => {
        const slot = slots[pos]!;
        const bit = 1 << (slot & 31);
        if ((seen[slot >> 5]! & bit) !== 0) return;
        seen[slot >> 5]! |= bit;
        if (n === this.found.length) {
          const bigger = new Int32Array(n * 2);
          bigger.set(this.found);
          this.found = bigger;
        }
        this.found[n++] = pos;
      };
      if (!boxed) {
        for (const i of around(bucket.tree, lng, lat, Infinity, radiusKm * 1.001 + 0.01)) {
          const pos = positionOf(bucket, i);
          if (distanceKm(lat, lng, coords[2 * pos + 1]!, coords[2 * pos]!) <= radiusKm) keep(pos);
        }
      } else {
        eachInBox(bucket, lng - dLng, lat - padLat, lng + dLng, lat + padLat, (pos) => {
          const lat2 = coords[2 * pos + 1]!;
          const lng2 = coords[2 * pos]!;
          const sLat = Math.sin((lat2 - lat) * rad * 0.5);
          const sLng = Math.sin((lng2 - lng) * rad * 0.5);
          const a = sLat * sLat + cosLat * Math.cos(lat2 * rad) * sLng * sLng;
          // Clearly inside by the haversine term alone; only points within rounding of the edge take the exact
          // distanceKm, so the edge is decided by the same function as everywhere else.
          if (a < limit * 0.999999 || (a < limit * 1.000001 && distanceKm(lat, lng, lat2, lng2) <= radiusKm)) keep(pos);
        });
      }
      if (n > 0) visit(bucket, this.found, n);
    }
  }

  /** eachWithin() as a list of slots, appended to `out`. */
  collectWithin(
    lat: number,
    lng: number,
    radiusKm: number,
    weekRanges: readonly (readonly [number, number])[] | null,
    out: SlotBuffer,
    seen: Int32Array,
  ): void {
    this.eachWithin(lat, lng, radiusKm, weekRanges, seen, (bucket, positions, count) => {
      for (let i = 0; i < count; i++) out.push(bucket.slots[positions[i]!]!);
    });
  }

  private current(): (GeoBucket | null)[] {
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
    const hot = this.hot.current();
    this.buckets = buckets.map((b) => {
      if (!b) return null;
      b.tree.finish();
      // Re-laid in the tree's order (its ids map a tree position to the order points were added in).
      const ids = b.tree.ids;
      const slots = new Int32Array(ids.length);
      const records = new Int32Array(ids.length * RECORD_WORDS);
      for (let pos = 0; pos < ids.length; pos++) {
        const slot = b.slots[ids[pos]!]!;
        slots[pos] = slot;
        for (let w = 0; w < RECORD_WORDS; w++) records[pos * RECORD_WORDS + w] = hot[slot * RECORD_WORDS + w]!;
      }
      return { tree: b.tree, slots, records, coords: b.tree.coords as Float64Array };
    });
    this.builtVersion = s.version;
    return this.buckets;
  }
}

/** The tree position of a point by the order it was added in (what geokdbush's `around` returns). */
function positionOf(bucket: GeoBucket, added: number): number {
  let map = positionMaps.get(bucket);
  if (!map) {
    const ids = bucket.tree.ids;
    map = new Int32Array(ids.length);
    for (let pos = 0; pos < ids.length; pos++) map[ids[pos]!] = pos;
    positionMaps.set(bucket, map);
  }
  return map[added]!;
}
const positionMaps = new WeakMap<GeoBucket, Int32Array>();

/**
 * Calls `visit` with the tree position of every point in the box: the usual k-d descent over KDBush's sorted
 * arrays (its `range` returns the points' insertion indices, and allocates an array per call).
 */
function eachInBox(
  bucket: GeoBucket,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  visit: (pos: number) => void,
): void {
  const { coords } = bucket;
  const nodeSize = bucket.tree.nodeSize;
  const stack = BOX_STACK;
  stack[0] = 0;
  stack[1] = bucket.slots.length - 1;
  stack[2] = 0;
  let sp = 3;
  while (sp > 0) {
    const axis = stack[--sp]!;
    const right = stack[--sp]!;
    const left = stack[--sp]!;
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const x = coords[2 * i]!;
        const y = coords[2 * i + 1]!;
        if (x >= minX && x <= maxX && y >= minY && y <= maxY) visit(i);
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m]!;
    const y = coords[2 * m + 1]!;
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) visit(m);
    if (axis === 0 ? minX <= x : minY <= y) {
      stack[sp++] = left;
      stack[sp++] = m - 1;
      stack[sp++] = 1 - axis;
    }
    if (axis === 0 ? maxX >= x : maxY >= y) {
      stack[sp++] = m + 1;
      stack[sp++] = right;
      stack[sp++] = 1 - axis;
    }
  }
}
/** Room for the descent: three numbers a level, and a tree of 2^32 points is 32 levels deep. */
const BOX_STACK = new Int32Array(3 * 40);

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
