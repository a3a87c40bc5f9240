import type { DbOrTx } from '../../db/types.js';
import { meetingIndexRowsQuery, type MeetingIndexRow } from '../meetings/repository/meeting-rows.js';
import {
  groupNameRows,
  liveMeetingSearchRows,
  type MeetingSearchTuple,
  type NamedTuple,
  PACKED_SEPARATOR,
  placeSearchRows,
  type PlaceSearchTuple,
  regionPathRows,
} from '../meetings/repository/search-rows.js';
import { emptyColumns, fillColumns, type Kind, parseKind, parseSchedule, type Schedule } from './bulk-columns.js';
import { NOTES_LIMIT } from './bulk-text.js';
import type { IndexedMeeting } from './index/indexed-meeting.js';
import type { MeetingStore, StoreRecord } from './index/meeting-store.js';
import type { TextPart } from './index/text-index.js';
import { fold } from './index/text.js';

/*
 * Meetings one at a time, as bus patches and result pages need them (the boot-time bulk load is loader.ts): a
 * meeting's indexed form from its lean rows, and the summaries a result page shows.
 */

/**
 * The result-list shape of a meeting: what a list row and a map pin need, and no more (the full meeting comes from
 * /api/meetings/:id).
 */
export function summaryOf(
  row: MeetingIndexRow,
  days: number[] = row.days === '' ? [] : row.days.split(',').map(Number),
  types: string[] = JSON.parse(row.types) as string[],
): Record<string, unknown> {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    fellowship: row.fellowship,
    attendance: row.attendance,
    types,
    days,
    time: row.time,
    end_time: row.end_time,
    timezone: row.timezone,
    location: row.attendance === 'online' ? null : row.location_name,
    formatted_address: row.attendance === 'online' ? null : row.formatted_address,
    city: row.city,
    region: row.region_path,
    lat: row.latitude === null ? null : Number(row.latitude),
    lng: row.longitude === null ? null : Number(row.longitude),
    approximate: row.approximate === 1,
    conference_provider: row.conference_provider,
    has_phone: row.conference_phone !== null,
  };
}

/**
 * The summaries of some meetings as JSON text, by id, in one query: a result page's worth (≤ 100), read when the
 * page is answered. Keeping them pre-serialised in the index cost about 450 bytes a meeting and a third of the boot
 * time. Deleted meetings are included (a search may have found one just before its removal reached the index);
 * ids of rows that no longer exist at all are missing from the map.
 */
export async function summariesOf(db: DbOrTx, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = await meetingIndexRowsQuery(db)
    .where('m.id', 'in', [...ids])
    .execute();
  for (const row of rows) out.set(row.id, JSON.stringify(summaryOf(row)));
  return out;
}

interface Place {
  /** Folded name, address and city. */
  part: TextPart;
  lat: number | null;
  lng: number | null;
}

interface Region {
  path: string;
  part: TextPart;
  /** Its id in `internedIn`'s regions (the bulk load's store). */
  internedIn: MeetingStore | null;
  interned: number;
}

/**
 * Turns the lean rows of search-rows.ts into indexed meetings. What many meetings share is worked out once and
 * shared: a place's, group's or region's folded text (per row read), a folded name or notes (per distinct text),
 * the days and times, the attendance, types, zone and fellowship (per distinct packed value). The search text is
 * the folded parts joined by spaces, which equals folding the raw parts joined by spaces (as the index did before):
 * folding turns every run of other characters, the joining space included, into one space and trims the ends, and
 * the parts that fold to nothing are left out.
 */
export class IndexedMeetingBuilder {
  // By id: the ids are dense autoincrement keys, and an array is cheaper to fill and read than a Map.
  private readonly places: (Place | undefined)[] = [];
  private readonly groups: (TextPart | undefined)[] = [];
  private readonly regions: (Region | undefined)[] = [];
  private readonly folds = new Map<string, TextPart>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly kinds = new Map<string, Kind>();
  private readonly texts: string[] = [];
  /** Meetings `toRecord` met whose place, group or region it was not given. */
  readonly unresolved: number[] = [];

  addPlaces(rows: readonly PlaceSearchTuple[]): void {
    for (const [id, text, lat, lng] of rows) this.places[id] = { part: { text: fold(text) }, lat, lng };
  }

  addGroups(rows: readonly NamedTuple[]): void {
    for (const [id, name] of rows) this.groups[id] = { text: fold(name) };
  }

  addRegions(rows: readonly NamedTuple[]): void {
    for (const [id, path] of rows) this.regions[id] = { path, part: { text: fold(path) }, internedIn: null, interned: -1 };
  }

  /** A meeting as `MeetingStore.upsert` takes it (bus patches). */
  toIndexed(row: MeetingSearchTuple): IndexedMeeting {
    const place = row[4] === null ? undefined : this.places[row[4]];
    const region = row[6] === null ? undefined : this.regions[row[6]];
    const schedule = this.schedules.get(row[7]) ?? this.schedule(row[7]);
    const kind = this.kinds.get(row[8]) ?? this.kind(row[8]);
    const parts: TextPart[] = [];
    const sortName = this.textOf(row, place, region, parts);
    return {
      id: row[0],
      sourceId: row[1],
      name: row[2],
      lat: place ? place.lat : null,
      lng: place ? place.lng : null,
      days: schedule.days,
      start: schedule.start,
      durationMin: schedule.durationMin,
      timezone: kind.timezone,
      types: kind.types,
      fellowship: kind.fellowship,
      attendance: kind.attendance,
      region: region ? region.path : null,
      searchText: this.searchText(parts),
      searchParts: parts,
      sortName,
    };
  }

  /**
   * The same meeting straight in `store`'s terms, for its bulk load: what meetings share (type bits, interned
   * zone, fellowship and region) is interned once per distinct value, not once per meeting. The record returned
   * is reused by the next call.
   */
  toRecord(row: MeetingSearchTuple, store: MeetingStore): StoreRecord {
    const place = row[4] === null ? undefined : this.places[row[4]];
    const region = row[6] === null ? undefined : this.regions[row[6]];
    if ((row[4] !== null && !place) || (row[5] !== null && !this.groups[row[5]]) || (row[6] !== null && !region))
      this.unresolved.push(row[0]);
    const schedule = this.schedules.get(row[7]) ?? this.schedule(row[7]);
    const kind = this.kinds.get(row[8]) ?? this.kind(row[8]);
    const r = this.record;
    const parts = r.searchParts as TextPart[];
    parts.length = 0;
    r.sortName = this.textOf(row, place, region, parts);
    r.searchText = this.searchText(parts);
    return fillColumns(r, store, row[0], row[1], place?.lat ?? Number.NaN, place?.lng ?? Number.NaN, schedule, kind, region);
  }

  private readonly record: StoreRecord = {
    ...emptyColumns(),
    sortName: '',
    searchText: '',
    searchParts: [],
  };

  /** Fills `parts` with the meeting's non-empty folded parts, in the old order; returns the folded name. */
  private textOf(row: MeetingSearchTuple, place: Place | undefined, region: Region | undefined, parts: TextPart[]): string {
    const namePart = this.folded(row[2]);
    if (namePart.text !== '') parts.push(namePart);
    const group = row[5] === null ? undefined : this.groups[row[5]];
    if (group && group.text !== '') parts.push(group);
    if (place && place.part.text !== '') parts.push(place.part);
    if (region && region.part.text !== '') parts.push(region.part);
    const notes = row[3];
    if (notes) {
      const notesPart = this.folded(notes.length > NOTES_LIMIT ? notes.slice(0, NOTES_LIMIT) : notes);
      if (notesPart.text !== '') parts.push(notesPart);
    }
    return namePart.text;
  }

  /** The parts joined by spaces, as one flat string (a + b would make a rope that searching flattens later). */
  private searchText(parts: readonly TextPart[]): string {
    const texts = this.texts;
    texts.length = 0;
    for (const part of parts) texts.push(part.text);
    return texts.join(' ');
  }

  private folded(text: string): TextPart {
    let f = this.folds.get(text);
    if (f === undefined) this.folds.set(text, (f = { text: fold(text) }));
    return f;
  }

  private schedule(packed: string): Schedule {
    const s = parseSchedule(packed, PACKED_SEPARATOR);
    this.schedules.set(packed, s);
    return s;
  }

  private kind(packed: string): Kind {
    const k = parseKind(packed, PACKED_SEPARATOR);
    this.kinds.set(packed, k);
    return k;
  }
}

/** The current state of some meetings: indexed form for live ones, null for removed or unknown ids. */
export async function meetingsByIds(db: DbOrTx, ids: number[]): Promise<Map<number, IndexedMeeting | null>> {
  const out = new Map<number, IndexedMeeting | null>(ids.map((id) => [id, null]));
  const distinct = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await liveMeetingSearchRows(db, ids.slice(i, i + 1000));
    if (rows.length === 0) continue;
    const builder = new IndexedMeetingBuilder();
    builder.addPlaces(await placeSearchRows(db, distinct(rows.map((r) => r[4]))));
    builder.addGroups(await groupNameRows(db, distinct(rows.map((r) => r[5]))));
    builder.addRegions(await regionPathRows(db, distinct(rows.map((r) => r[6]))));
    for (const row of rows) out.set(row[0], builder.toIndexed(row));
  }
  return out;
}

/** Live meeting ids of a source, for a change event too large to list its ids. */
export async function liveIdsOfSource(db: DbOrTx, sourceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('id')
    .where('source_id', '=', sourceId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}
