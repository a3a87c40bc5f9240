/**
 * The seeded query mix of `npm run bench:search`: what people ask a meeting finder, in proportions like a
 * directory's traffic. Each query is kept in one neutral shape and turned into an engine query, an HTTP query
 * string or the baseline's SQL, so the three measure the same questions.
 */
import type { SearchQuery, TimeOfDay } from '../../src/server/modules/search/engine/query.js';
import { CITIES, pickCity, type City } from './cities.js';
import { intBetween, mulberry32, pick, sample, type Random } from './prng.js';

export type QueryKind = 'near' | 'text' | 'online_soon' | 'now_near';

/** Share of each kind in the mix, in this order. */
export const MIX: readonly [QueryKind, number][] = [
  ['near', 0.5],
  ['text', 0.2],
  ['online_soon', 0.2],
  ['now_near', 0.1],
];

export interface BenchQuery {
  kind: QueryKind;
  nowMs: number;
  /** The searcher's zone: their city's, or a random city's for text and online searches. */
  zone: string;
  near?: { lat: number; lng: number; radiusKm: number };
  online: SearchQuery['online'];
  days?: number[];
  timeOfDay?: TimeOfDay[];
  when?: 'now' | 'soon';
  soonMinutes: number;
  types?: string[];
  text?: string;
  sort: 'distance' | 'soonest';
  limit: number;
}

/**
 * Finer groups than the kinds, for the report: a near search that includes online meetings must also visit every
 * online meeting that matches its time filters, so it costs far more than one that excludes them.
 */
export const LABELS = ['near_include', 'near_exclude', 'now_near', 'online_soon', 'text'] as const;
export type Label = (typeof LABELS)[number];

export function labelOf(b: BenchQuery): Label {
  return b.kind === 'near' ? (b.online === 'include' ? 'near_include' : 'near_exclude') : b.kind;
}

export const RADIUS_KM = 40;
export const LIMIT = 50;
export const SOON_MINUTES = 60;

/** A Monday (2026-06-01, no clock changes in any US zone that week): searches fall in the week after it. */
export const BASE_MS = Date.UTC(2026, 5, 1);
const WEEK_MS = 7 * 86_400_000;

/** Type codes people filter by, the common first (open, closed, discussion, big book, speaker, step study…). */
const FILTER_TYPES = ['O', 'O', 'C', 'D', 'D', 'B', 'SP', 'ST', 'W', 'M', 'BE', 'LGBTQ', 'S', 'MED'];
const TIMES_OF_DAY: TimeOfDay[] = ['morning', 'midday', 'evening', 'evening', 'night'];
/** Words people type; city names are added per query. A quoted phrase must match word for word. */
const WORDS = ['serenity', 'big book', '"step study"', '"keep it simple"', 'women', 'speaker', '"came to believe"', 'hope'];

/** Zones of the cities, once each: the zones online searchers are in. */
export const ZONES: readonly string[] = [...new Set(CITIES.map((c) => c.zone))];

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
/** Local weekday (0 = Sunday) and minute of the day of an instant in a zone. */
export function localDayMinute(zone: string, ms: number): { day: number; minute: number } {
  let f = weekdayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    weekdayFormats.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function kindOf(rng: Random): QueryKind {
  let r = rng();
  for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
  return MIX[MIX.length - 1]![0];
}

/** A point a few kilometres from the centre, as "my location" would be. */
function nearCity(rng: Random, city: City): { lat: number; lng: number; radiusKm: number } {
  return { lat: city.lat + (rng() - 0.5) * 0.1, lng: city.lng + (rng() - 0.5) * 0.12, radiusKm: RADIUS_KM };
}

/** `count` queries, the same on every run for the same seed. */
export function generateQueries(count: number, seed: number): BenchQuery[] {
  const rng = mulberry32(seed);
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kindOf(rng);
    const nowMs = BASE_MS + Math.floor(rng() * WEEK_MS);
    const city = pickCity(rng);
    const base = { kind, nowMs, soonMinutes: SOON_MINUTES, limit: LIMIT };
    if (kind === 'near') {
      const today = localDayMinute(city.zone, nowMs).day;
      const d = rng();
      // Most people look at today; some plan another day; some want the whole week.
      const days = d < 0.6 ? [today] : d < 0.85 ? [intBetween(rng, 0, 6)] : undefined;
      const t = rng();
      const timeOfDay = t < 0.45 ? [pick(rng, TIMES_OF_DAY)] : t < 0.55 ? sample(rng, TIMES_OF_DAY.slice(0, 4), 2) : undefined;
      const n = rng() < 0.5 ? 0 : rng() < 0.7 ? 1 : 2;
      const types = n === 0 ? undefined : [...new Set(Array.from({ length: n }, () => pick(rng, FILTER_TYPES)))];
      out.push({
        ...base,
        zone: city.zone,
        near: nearCity(rng, city),
        // The API's default includes online meetings (matched by time, not distance); some searchers switch them off.
        online: rng() < 0.6 ? 'include' : 'exclude',
        days,
        timeOfDay,
        types,
        sort: 'distance',
      });
    } else if (kind === 'text') {
      const text = rng() < 0.3 ? pickCity(rng).name : pick(rng, WORDS);
      out.push({ ...base, zone: city.zone, online: 'include', text, sort: 'soonest' });
    } else if (kind === 'online_soon') {
      out.push({ ...base, zone: pick(rng, ZONES), online: 'only', when: 'soon', sort: 'soonest' });
    } else {
      out.push({ ...base, zone: city.zone, near: nearCity(rng, city), online: 'include', when: 'now', sort: 'distance' });
    }
  }
  return out;
}

/** The engine's form of a query. */
export function toEngineQuery(b: BenchQuery): SearchQuery {
  return {
    nowMs: b.nowMs,
    zone: b.zone,
    near: b.near,
    online: b.online,
    days: b.days,
    timeOfDay: b.timeOfDay,
    when: b.when,
    soonMinutes: b.soonMinutes,
    types: b.types,
    typesMode: 'and',
    text: b.text,
    sort: b.sort,
    limit: b.limit,
  };
}

/** The HTTP form (`GET /api/meetings?…`); the server takes "now" from its own clock. */
export function toQueryString(b: BenchQuery): string {
  const p = new URLSearchParams();
  if (b.near) {
    p.set('lat', b.near.lat.toFixed(5));
    p.set('lng', b.near.lng.toFixed(5));
    p.set('radius', String(b.near.radiusKm));
  }
  p.set('tz', b.zone);
  if (b.online !== 'include') p.set('online', b.online);
  if (b.days) p.set('day', b.days.join(','));
  if (b.timeOfDay) p.set('time_of_day', b.timeOfDay.join(','));
  if (b.when) p.set('when', b.when);
  if (b.types) p.set('types', b.types.join(','));
  if (b.text) p.set('q', b.text);
  p.set('sort', b.sort);
  p.set('limit', String(b.limit));
  return `/api/meetings?${p.toString()}`;
}
