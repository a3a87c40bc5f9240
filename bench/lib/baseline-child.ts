/**
 * The raw baseline: the same meetings, already parsed and flattened to the 36 columns of the `meetings` table,
 * inserted with one better-sqlite3 prepared statement inside one transaction. It is the floor no importer can beat
 * on this machine at this moment, so the import's throughput is reported relative to it. Run in its own process
 * (like the imports) so neither colours the other's memory.
 *
 *   node --import tsx bench/lib/baseline-child.ts '{"database":"/tmp/b.db","feed":"/tmp/feed.json"}'
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import type { FeedMeeting } from './feed-generator.js';

export interface BaselineChildRequest {
  database: string;
  feed: string;
}

export interface BaselineChildResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

/**
 * The columns and keys of `meetings` (migration 0002) in one table: the same unique key and indexes, since keeping
 * them up to date is part of the cost of every row; no foreign keys, since the baseline has no other tables.
 */
const DDL = `
create table meetings (
  id integer primary key autoincrement,
  source_id integer not null,
  slug varchar(255) not null,
  name text not null,
  fellowship varchar(40),
  days varchar(20) not null,
  time varchar(5),
  end_time varchar(5),
  timezone varchar(64),
  types text not null,
  custom_types text not null,
  notes text,
  location_id integer,
  group_id integer,
  region_id integer,
  entity_id integer,
  conference_url text,
  conference_url_notes text,
  conference_provider varchar(40),
  conference_phone varchar(128),
  conference_phone_notes text,
  url text,
  edit_url text,
  feedback_url text,
  feedback_emails text,
  venmo varchar(64),
  square varchar(64),
  paypal varchar(64),
  homegroup_online varchar(64),
  contacts text,
  attendance varchar(10) not null,
  source_updated varchar(32),
  content_hash varchar(64) not null,
  created_at varchar(32) not null,
  updated_at varchar(32) not null,
  deleted_at varchar(32),
  constraint meetings_source_slug_uq unique (source_id, slug)
);
create index meetings_location_idx on meetings (location_id);
create index meetings_updated_idx on meetings (updated_at);
`;

const COLUMNS = 35; // every column but id

/** Small integer ids for repeated values, as the importer's locations, groups and regions tables give. */
function idsOf(): (key: string) => number {
  const map = new Map<string, number>();
  return (key) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size + 1));
    return id;
  };
}

function flatten(meetings: FeedMeeting[]): unknown[][] {
  const location = idsOf();
  const group = idsOf();
  const region = idsOf();
  const at = new Date().toISOString();
  return meetings.map((m) => {
    const online = m.conference_url !== '' || m.conference_phone !== '';
    const row = [
      1,
      m.slug,
      m.name,
      'AA',
      Array.isArray(m.day) ? m.day.join(',') : String(m.day),
      m.time,
      m.end_time,
      m.timezone ?? 'America/New_York',
      JSON.stringify(m.types),
      '[]',
      m.notes || null,
      location(`${m.location}|${m.formatted_address}|${m.latitude}|${m.longitude}`),
      m.group ? group(m.group) : null,
      region(m.regions.join(' > ')),
      null,
      m.conference_url || null,
      null,
      m.conference_url ? 'zoom' : null,
      m.conference_phone || null,
      null,
      m.url,
      null,
      m.feedback_url ?? null,
      null,
      m.venmo ?? null,
      null,
      null,
      null,
      null,
      online ? (m.location === 'Online' ? 'online' : 'hybrid') : 'in_person',
      m.updated,
      createHash('sha1').update(JSON.stringify(m)).digest('hex'),
      at,
      at,
      null,
    ];
    if (row.length !== COLUMNS) throw new Error(`baseline row has ${row.length} values, expected ${COLUMNS}`);
    return row;
  });
}

function main(): void {
  const req = JSON.parse(process.argv[2] ?? '{}') as BaselineChildRequest;
  // Everything before the clock starts is preparation: parsing, flattening, hashing, the schema.
  const rows = flatten(JSON.parse(readFileSync(req.feed, 'utf8')) as FeedMeeting[]);
  const db = new SQLite(req.database);
  try {
    // The pragmas openSqlite sets for the application's connections.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(DDL);
    const insert = db.prepare(`insert into meetings values (null${', ?'.repeat(COLUMNS)})`);
    const insertAll = db.transaction((all: unknown[][]) => {
      for (const row of all) insert.run(row);
    });
    const started = performance.now();
    insertAll(rows);
    const seconds = (performance.now() - started) / 1000;
    const result: BaselineChildResult = { rows: rows.length, seconds, rowsPerSecond: rows.length / seconds };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    db.close();
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}
