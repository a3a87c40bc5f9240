/**
 * The baseline of `npm run bench:search`: the same questions answered the way BMLT answers them, in SQL on the
 * same SQLite file. A bounding box on the latitude and longitude B-tree indexes (`locations_lat_idx`,
 * `locations_lng_idx`) narrows the rows, the great-circle distance is computed per row by a haversine user
 * function (BMLT computes it in MySQL), the day, time and type filters are column comparisons (types as LIKE on
 * the JSON text), words are LIKE '%word%', and ORDER BY … LIMIT 50 picks the page.
 *
 * Where SQL columns cannot express the engine's time semantics exactly, the baseline uses the usual column
 * approximation, which only makes it cheaper: weekday and time are compared in each meeting's own zone (one OR
 * branch per zone, with "now" in that zone computed in JavaScript before the clock starts), "soonest" orders by the
 * first listed weekday, and no total or facet counts are computed (the engine computes both on every search).
 */
import SQLite from 'better-sqlite3';
import { TIME_OF_DAY } from '../../src/server/modules/search/engine/query.js';
import { parseTextQuery } from '../../src/server/modules/search/index/text.js';
import { type BenchQuery, localDayMinute, ZONES } from './search-queries.js';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

function haversine(lat1: number, lng1: number, lat2: number | null, lng2: number | null): number | null {
  if (lat2 === null || lng2 === null) return null;
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const hhmm = (minute: number) => {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** A statement and its parameters, built before the clock starts. */
export interface PreparedQuery {
  sql: string;
  params: (string | number)[];
}

/** The meeting's start as minutes of its local week, from the first listed weekday and the "HH:MM" time. */
const WEEK_START_SQL =
  '(CAST(substr(m.days, 1, 1) AS INTEGER) * 1440 + CAST(substr(m.time, 1, 2) AS INTEGER) * 60 + CAST(substr(m.time, 4, 2) AS INTEGER))';

/** Builds the SQL of one benchmark query (and the per-zone "now" it needs). */
export function baselineSql(b: BenchQuery): PreparedQuery {
  const where: string[] = ['m.deleted_at IS NULL'];
  const params: (string | number)[] = [];
  const select: string[] = ['m.id AS id'];
  const joins = ['JOIN locations l ON l.id = m.location_id'];

  if (b.near) {
    const { lat, lng, radiusKm } = b.near;
    select.push('haversine(?, ?, l.latitude, l.longitude) AS distance');
    params.push(lat, lng);
    // BMLT's square: degrees of latitude are ~111.2 km; degrees of longitude shrink with the cosine.
    const dLat = radiusKm / 111.2;
    const dLng = radiusKm / (111.2 * Math.cos(lat * RAD));
    const inBox = 'l.latitude BETWEEN ? AND ? AND l.longitude BETWEEN ? AND ? AND distance <= ?';
    const boxParams = [lat - dLat, lat + dLat, lng - dLng, lng + dLng, radiusKm];
    if (b.online === 'include') {
      where.push(`((${inBox}) OR m.attendance IN ('online', 'hybrid'))`);
    } else {
      where.push(inBox);
      if (b.online === 'exclude') where.push("m.attendance <> 'online'");
    }
    params.push(...boxParams);
  } else if (b.online === 'only') {
    where.push("m.attendance IN ('online', 'hybrid')");
  }

  if (b.days?.length) {
    where.push(`(${b.days.map(() => 'instr(m.days, ?) > 0').join(' OR ')})`);
    params.push(...b.days.map(String));
  }
  if (b.timeOfDay?.length) {
    const parts = b.timeOfDay.map((t) => {
      const [from, to] = TIME_OF_DAY[t];
      params.push(hhmm(from), hhmm(to));
      return from < to ? '(m.time >= ? AND m.time < ?)' : '(m.time >= ? OR m.time < ?)';
    });
    where.push(`(${parts.join(' OR ')})`);
  }
  for (const code of b.types ?? []) {
    where.push('m.types LIKE ?');
    params.push(`%"${code}"%`);
  }
  if (b.text) {
    joins.push('LEFT JOIN groups g ON g.id = m.group_id', 'LEFT JOIN regions r ON r.id = m.region_id');
    const { prefixes, phrases } = parseTextQuery(b.text);
    for (const term of [...prefixes, ...phrases]) {
      where.push(
        '(m.name LIKE ? OR g.name LIKE ? OR l.name LIKE ? OR l.formatted_address LIKE ? OR r.path LIKE ? OR m.notes LIKE ?)',
      );
      params.push(...Array<string>(6).fill(`%${term}%`));
    }
  }

  // "Now" in each meeting zone, as a BMLT-style server would work it out before querying.
  const nowIn = ZONES.map((zone) => ({ zone, ...localDayMinute(zone, b.nowMs) }));
  if (b.when === 'soon') {
    const branches: string[] = [];
    for (const { zone, day, minute } of nowIn) {
      const end = minute + b.soonMinutes;
      branches.push('(m.timezone = ? AND instr(m.days, ?) > 0 AND m.time > ? AND m.time <= ?)');
      params.push(zone, String(day), hhmm(minute), end < 1440 ? hhmm(end) : '23:59');
      if (end >= 1440) {
        branches.push('(m.timezone = ? AND instr(m.days, ?) > 0 AND m.time <= ?)');
        params.push(zone, String((day + 1) % 7), hhmm(end));
      }
    }
    where.push(`(${branches.join(' OR ')})`);
  } else if (b.when === 'now') {
    const branches: string[] = [];
    for (const { zone, day, minute } of nowIn) {
      // Started today and not yet over, or started yesterday evening and running past midnight.
      branches.push(
        '(m.timezone = ? AND instr(m.days, ?) > 0 AND m.time <= ? AND (m.end_time > ? OR m.end_time < m.time))',
        '(m.timezone = ? AND instr(m.days, ?) > 0 AND m.end_time < m.time AND m.end_time > ?)',
      );
      params.push(zone, String(day), hhmm(minute), hhmm(minute), zone, String((day + 6) % 7), hhmm(minute));
    }
    where.push(`(${branches.join(' OR ')})`);
  }

  let order: string;
  if (b.sort === 'distance') {
    order = 'distance, m.id';
  } else {
    // Minutes until the next start in the meeting's zone; the +60 puts the hour just begun (in progress) first,
    // as the engine does with meetings under way.
    const nowWeek = nowIn.map(() => 'WHEN ? THEN ?').join(' ');
    params.push(...nowIn.flatMap(({ zone, day, minute }) => [zone, day * 1440 + minute]));
    order = `((${WEEK_START_SQL} - (CASE m.timezone ${nowWeek} END) + 10080 + 60) % 10080), m.id`;
  }
  const sql = `SELECT ${select.join(', ')} FROM meetings m ${joins.join(' ')} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`;
  params.push(b.limit);
  return { sql, params };
}

/** A read-only connection to the benchmark database with the haversine function registered. */
export class SqlBaseline {
  private readonly db: SQLite.Database;
  private readonly statements = new Map<string, SQLite.Statement<unknown[], { id: number }>>();

  constructor(path: string) {
    this.db = new SQLite(path, { readonly: true });
    // A page cache large enough for the whole file, so the baseline reads memory as the in-memory index does.
    this.db.pragma('cache_size = -524288');
    this.db.function('haversine', { deterministic: true }, haversine);
  }

  /** Ids of the first page. Statements are prepared once per distinct SQL text, which favours the baseline. */
  run(q: PreparedQuery): number[] {
    let stmt = this.statements.get(q.sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], { id: number }>(q.sql);
      this.statements.set(q.sql, stmt);
    }
    return stmt.all(...q.params).map((r) => r.id);
  }

  /** The query plan, for the report: shows whether the lat/lng indexes are used. */
  plan(q: PreparedQuery): string {
    return this.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${q.sql}`)
      .all(...q.params)
      .map((r) => r.detail)
      .join('; ');
  }

  close(): void {
    this.db.close();
  }
}
