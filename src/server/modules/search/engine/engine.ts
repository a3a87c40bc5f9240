import { ATTENDANCE } from '../index/indexed-meeting.js';
import { GeoIndex, distanceKm } from '../index/geo-index.js';
import type { MeetingStore } from '../index/meeting-store.js';
import { TYPE_WORDS } from '../index/meeting-store.js';
import { compileFilters } from './filters.js';
import type { CursorKey, Facets, SearchHit, SearchQuery, SearchResult } from './query.js';
import { TimeFilter } from './time-filter.js';
import { ScheduleIndex } from '../index/schedule-index.js';
import type { TimeOps } from './time-ops.js';

interface Match extends SearchHit {
  key: number | string;
}

/**
 * Answers searches from the in-memory index: candidates from the k-d tree
 * (near me), the text index (words) or the whole store, then the compiled
 * filters, then the time judgements in the searcher's zone. Sorting keeps only
 * the page being asked for (a bounded selection, not a full sort); facet
 * counts come from the same pass.
 */
export class SearchEngine {
  readonly geo: GeoIndex;
  readonly schedule: ScheduleIndex;
  private readonly zoneMap: number[] = [];

  constructor(
    readonly store: MeetingStore,
    private readonly time: TimeOps,
  ) {
    this.geo = new GeoIndex(store);
    this.schedule = new ScheduleIndex(store);
  }

  search(q: SearchQuery): SearchResult {
    const nowMs = q.after?.nowMs ?? q.nowMs;
    const facets: Facets = { types: {}, fellowship: {}, attendance: {}, day: {} };
    const filters = compileFilters(this.store, q);
    if (!filters.possible) return { total: 0, hits: [], facets, next: null };
    const timeFilter = new TimeFilter(this.store, this.time, q, nowMs, this.zoneMap);
    const typeCounts = new Int32Array(TYPE_WORDS * 32);
    const fellowshipCounts = new Int32Array(this.store.fellowships.size);
    const attendanceCounts = new Int32Array(ATTENDANCE.length);
    const dayCounts = new Int32Array(7);
    const page = new PageSelector(q.limit, q.after);
    let total = 0;

    const visit = (slot: number, distance: number | null) => {
      if (!filters.test(slot)) return;
      const timing = timeFilter.evaluate(slot);
      if (!timing) return;
      total++;
      this.countFacets(slot, timing.weekDays, typeCounts, fellowshipCounts, attendanceCounts, dayCounts);
      const id = this.store.ids[slot]!;
      const key =
        q.sort === 'distance'
          ? (distance ?? Number.POSITIVE_INFINITY)
          : q.sort === 'soonest'
            ? (timing.startMs ?? Number.POSITIVE_INFINITY)
            : this.store.sortNames[slot]!;
      page.offer({
        id,
        slot,
        distanceKm: distance,
        startMs: timing.startMs,
        endMs: timing.endMs,
        happeningNow: timing.happeningNow,
        key,
      });
    };
    this.candidates(q, filters.text?.prefixes ?? [], timeFilter, nowMs, visit);

    this.fillFacets(facets, typeCounts, fellowshipCounts, attendanceCounts, dayCounts);
    const hits = page.result();
    const last = hits.at(-1);
    const next: CursorKey | null = page.more && last ? { sort: q.sort, key: last.key, id: last.id, nowMs } : null;
    return { total, hits: hits.map(({ key: _key, ...hit }) => hit), facets, next };
  }

  /** Calls `visit` once per candidate slot, with its distance when the search is near a point. */
  private candidates(
    q: SearchQuery,
    prefixes: string[],
    timeFilter: TimeFilter,
    nowMs: number,
    visit: (slot: number, distance: number | null) => void,
  ): void {
    const s = this.store;
    const near = q.near;
    const distanceOf = (slot: number) =>
      near && !Number.isNaN(s.lat[slot]!) ? distanceKm(near.lat, near.lng, s.lat[slot]!, s.lng[slot]!) : null;
    const online = ATTENDANCE.indexOf('online');
    const hybrid = ATTENDANCE.indexOf('hybrid');
    const isOnline = (slot: number) => s.attendance[slot] === online || s.attendance[slot] === hybrid;

    if (near && q.online !== 'only') {
      const seen = new Set<number>();
      for (const slot of this.geo.candidates(near.lat, near.lng, near.radiusKm)) {
        const d = distanceOf(slot)!;
        if (d > near.radiusKm) continue;
        seen.add(slot);
        visit(slot, d);
      }
      if (q.online === 'include') {
        for (let slot = 0; slot < s.length; slot++)
          if (s.alive[slot] && isOnline(slot) && !seen.has(slot)) visit(slot, distanceOf(slot));
      }
      return;
    }
    const onlyOnline = q.online === 'only';
    if (prefixes.length > 0) {
      // The rarest word bounds the candidates; the filters check the others.
      const rarest = prefixes.reduce((a, b) => (s.text.prefixCount(a) <= s.text.prefixCount(b) ? a : b));
      const slots = [...s.text.prefixSlots(rarest)].sort((a, b) => a - b);
      for (const slot of slots) if (!onlyOnline || isOnline(slot)) visit(slot, distanceOf(slot));
      return;
    }
    for (let slot = 0; slot < s.length; slot++)
      if (s.alive[slot] && (!onlyOnline || isOnline(slot))) visit(slot, distanceOf(slot));
  }

  private countFacets(
    slot: number,
    weekDays: number,
    types: Int32Array,
    fellowships: Int32Array,
    attendance: Int32Array,
    days: Int32Array,
  ): void {
    const s = this.store;
    const base = slot * TYPE_WORDS;
    for (let w = 0; w < TYPE_WORDS; w++) {
      let word = s.typeBits[base + w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        types[w * 32 + bit]!++;
        word &= ~(1 << bit);
      }
    }
    fellowships[s.fellowship[slot]!]!++;
    attendance[s.attendance[slot]!]!++;
    for (let d = 0; d < 7; d++) if (weekDays & (1 << d)) days[d]!++;
  }

  private fillFacets(f: Facets, types: Int32Array, fellowships: Int32Array, attendance: Int32Array, days: Int32Array): void {
    const s = this.store;
    types.forEach((n, bit) => {
      if (n > 0) f.types[s.typeCodes.values[bit]!] = n;
    });
    fellowships.forEach((n, id) => {
      if (n > 0 && id > 0) f.fellowship[s.fellowships.values[id]!] = n;
    });
    attendance.forEach((n, i) => {
      if (n > 0) f.attendance[ATTENDANCE[i]!] = n;
    });
    days.forEach((n, d) => {
      if (n > 0) f.day[String(d)] = n;
    });
  }
}

/** Compares results by (key, id): the order of every page, and what a cursor points at. */
export function compareKeys(a: { key: number | string; id: number }, b: { key: number | string; id: number }): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id - b.id;
}

/**
 * Keeps the `limit` smallest results after the cursor, in a sorted buffer:
 * O(n log limit) instead of sorting every match.
 */
class PageSelector {
  private readonly items: Match[] = [];
  more = false;

  constructor(
    private readonly limit: number,
    private readonly after: CursorKey | undefined,
  ) {}

  offer(m: Match): void {
    if (this.after && compareKeys(m, this.after) <= 0) return;
    const items = this.items;
    if (items.length === this.limit) {
      this.more = true;
      if (compareKeys(m, items[items.length - 1]!) >= 0) return;
      items.pop();
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(items[mid]!, m) < 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, m);
  }

  result(): Match[] {
    return this.items;
  }
}
