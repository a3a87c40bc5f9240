import type { Attendance } from '../../db/types.js';
import { durationMinutes, toMinutes } from '../meetings/normalize/time.js';
import { ATTENDANCE } from './index/indexed-meeting.js';
import { dayBits, type MeetingStore, type StoreColumns } from './index/meeting-store.js';
import { type PackedRow, SpanTable } from './packed-rows.js';

/**
 * The column half of the boot-time index build (the text half is bulk-text.ts): meetings' columns in a store's
 * terms from their lean rows (search-rows.ts). Loaded by the build worker (build-worker.ts) as well as the main
 * thread, so it imports nothing heavy.
 */

const EMPTY_BITS = new Uint32Array(0);

export interface Schedule {
  days: number[];
  dayBits: number;
  start: number | null;
  durationMin: number;
}

export interface Kind {
  attendance: Attendance;
  types: string[];
  timezone: string | null;
  fellowship: string | null;
  /** The values above in `internedIn`'s terms (the bulk load's store). */
  internedIn: MeetingStore | null;
  zone: number;
  fellowshipId: number;
  attendanceIndex: number;
  typeBits: Uint32Array;
}

/** A region as the bulk loaders keep it: its path, and its id in `internedIn`'s regions. */
export interface InternableRegion {
  path: string | null;
  internedIn: MeetingStore | null;
  interned: number;
}

/**
 * Fills the column record `r` of one meeting, interning its kind's and region's values in `store` the first time
 * each is seen there (the store of the bulk load): shared by both bulk loaders so they fill the store alike.
 */
export function fillColumns<R extends StoreColumns>(
  r: R,
  store: MeetingStore,
  id: number,
  sourceId: number,
  lat: number,
  lng: number,
  schedule: Schedule,
  kind: Kind,
  region: InternableRegion | undefined,
): R {
  if (kind.internedIn !== store) {
    kind.internedIn = store;
    kind.zone = kind.timezone ? store.zones.id(kind.timezone) : 0;
    kind.fellowshipId = store.fellowships.id(kind.fellowship ?? '');
    kind.attendanceIndex = ATTENDANCE.indexOf(kind.attendance);
    kind.typeBits = store.typeBitsOf(kind.types);
  }
  if (region && region.path && region.internedIn !== store) {
    region.internedIn = store;
    region.interned = store.regions.id(region.path);
  }
  r.id = id;
  r.sourceId = sourceId;
  r.lat = lat;
  r.lng = lng;
  r.dayBits = schedule.dayBits;
  // As MeetingStore.record(): without a zone a time cannot be placed.
  r.start = kind.timezone ? (schedule.start ?? -1) : -1;
  r.duration = schedule.durationMin;
  r.zone = kind.zone;
  r.fellowship = kind.fellowshipId;
  r.attendance = kind.attendanceIndex;
  r.region = region && region.path ? region.interned : -1;
  r.typeBits = kind.typeBits;
  return r;
}

/** A column record to be refilled by fillColumns() for each meeting. */
export function emptyColumns(): StoreColumns {
  return {
    id: 0,
    sourceId: 0,
    lat: 0,
    lng: 0,
    dayBits: 0,
    start: 0,
    duration: 0,
    zone: 0,
    fellowship: 0,
    attendance: 0,
    region: 0,
    typeBits: new Uint32Array(0),
  };
}

/** A packed schedule: days, time and end time separated by `separator` (search-rows.ts). */
export function parseSchedule(packed: string, separator: string): Schedule {
  const [days = '', time = '', end = ''] = packed.split(separator);
  const list = days === '' ? [] : days.split(',').map(Number);
  return {
    days: list,
    dayBits: dayBits(list),
    start: time ? toMinutes(time) : null,
    durationMin: time && end ? durationMinutes(time, end) : 60,
  };
}

/** A packed kind: attendance, types (JSON), zone and fellowship separated by `separator` (search-rows.ts). */
export function parseKind(packed: string, separator: string): Kind {
  const a = packed.indexOf(separator);
  const b = packed.indexOf(separator, a + 1);
  const c = packed.indexOf(separator, b + 1);
  return {
    attendance: packed.slice(0, a) as Attendance,
    types: JSON.parse(packed.slice(a + 1, b)) as string[],
    timezone: packed.slice(b + 1, c) || null,
    fellowship: packed.slice(c + 1) || null,
    internedIn: null,
    zone: 0,
    fellowshipId: 0,
    attendanceIndex: 0,
    typeBits: EMPTY_BITS,
  };
}

/**
 * The column half of the boot-time build: a meeting's columns in `store`'s terms from its source, place, region and
 * packed schedule and kind (search-rows.ts), what meetings share worked out once (a distinct packed value parsed
 * and interned once; places' coordinates in typed arrays by id). Interning happens at first use, in meeting order,
 * as `IndexedMeetingBuilder.toRecord` does, so the store's interned ids come out the same. The text half is
 * MeetingTextBuilder (bulk-text.ts).
 */
export class MeetingColumnsBuilder {
  private lat = new Float64Array(0);
  private lng = new Float64Array(0);
  /** 1 for a place id read. */
  private known = new Uint8Array(0);
  private readonly regions: ({ path: string; internedIn: MeetingStore | null; interned: number } | undefined)[] = [];
  private readonly schedules = new SpanTable<Schedule>();
  private readonly kinds = new SpanTable<Kind>();
  private readonly parseSchedule = (packed: string) => parseSchedule(packed, this.separator);
  private readonly parseKind = (packed: string) => parseKind(packed, this.separator);
  /** Meetings whose place or region was not added. */
  readonly unresolved: number[] = [];

  constructor(
    private readonly store: MeetingStore,
    /** PACKED_SEPARATOR of search-rows.ts (not imported: this module is loaded by the build worker, kept light). */
    private readonly separator: string,
  ) {}

  addPlace(id: number, lat: number | null, lng: number | null): void {
    if (id >= this.known.length) {
      const size = Math.max(id + 1, this.known.length * 2, 1024);
      const grown = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T) => {
        const next = make(size);
        next.set(a);
        return next;
      };
      this.lat = grown(this.lat, (n) => new Float64Array(n));
      this.lng = grown(this.lng, (n) => new Float64Array(n));
      this.known = grown(this.known, (n) => new Uint8Array(n));
    }
    this.known[id] = 1;
    this.lat[id] = lat ?? Number.NaN;
    this.lng[id] = lng ?? Number.NaN;
  }

  addRegion(id: number, path: string): void {
    this.regions[id] = { path, internedIn: null, interned: -1 };
  }

  /** The record returned is reused by the next call. */
  of(
    id: number,
    sourceId: number,
    placeId: number | null,
    regionId: number | null,
    schedulePacked: string,
    kindPacked: string,
  ): StoreColumns {
    const schedule = this.schedules.ofText(schedulePacked, this.parseSchedule);
    return this.columns(id, sourceId, placeId, regionId, schedule, this.kinds.ofText(kindPacked, this.parseKind));
  }

  /**
   * of() from a packed row (packed-rows.ts): id, source, place and region ids, the schedule's three fields, then the
   * kind's. The record returned is reused by the next call.
   */
  ofPacked(row: PackedRow): StoreColumns {
    const id = row.int()!;
    const sourceId = row.int()!;
    const placeId = row.int();
    const regionId = row.int();
    const schedule = this.schedules.of(row.span(3), this.parseSchedule);
    return this.columns(id, sourceId, placeId, regionId, schedule, this.kinds.of(row.span(0), this.parseKind));
  }

  private columns(
    id: number,
    sourceId: number,
    placeId: number | null,
    regionId: number | null,
    schedule: Schedule,
    kind: Kind,
  ): StoreColumns {
    const place = placeId !== null && placeId < this.known.length && this.known[placeId] === 1 ? placeId : -1;
    const region = regionId === null ? undefined : this.regions[regionId];
    if ((placeId !== null && place < 0) || (regionId !== null && !region)) this.unresolved.push(id);
    return fillColumns(
      this.record,
      this.store,
      id,
      sourceId,
      place < 0 ? Number.NaN : this.lat[place]!,
      place < 0 ? Number.NaN : this.lng[place]!,
      schedule,
      kind,
      region,
    );
  }

  private readonly record = emptyColumns();
}
