import type { Attendance } from '../../../db/types.js';
import { Interner } from './interner.js';
import { ATTENDANCE, type IndexedMeeting } from './indexed-meeting.js';
import { type TextBase, TextIndex, type TextPart } from './text-index.js';
import { fold } from './text.js';

/** Type codes are bits; 8 words give room for 256 distinct codes across all sources. */
export const TYPE_WORDS = 8;

/**
 * A meeting's columns in the store's own terms: strings interned against this store, days and types as bits,
 * coordinates NaN when unknown, start -1 when by appointment. The bulk loaders build these directly (sharing what
 * meetings have in common, such as one type-bits array per distinct list of types).
 */
export interface StoreColumns {
  id: number;
  sourceId: number;
  lat: number;
  lng: number;
  dayBits: number;
  start: number;
  duration: number;
  zone: number;
  fellowship: number;
  attendance: number;
  region: number;
  /** TYPE_WORDS words; only read. */
  typeBits: Uint32Array;
}

/** A meeting's columns and text; `upsert` makes one with `record()`. */
export interface StoreRecord extends StoreColumns {
  sortName: string;
  searchText: string;
  /** `searchText` in pieces, shared between meetings, for the bulk build of the text index (null: one piece). */
  searchParts: readonly TextPart[] | null;
}

export interface StoreLoader {
  add(r: StoreRecord): void;
  finish(): void;
}

/**
 * The boot-time bulk load (`loadIndex`): every meeting's columns first, then at `finish` every slot's sort name (an
 * array by slot, as long as the store) and the text index as prebuilt (`TextIndex.install`), which a worker thread
 * builds meanwhile.
 */
export interface ColumnLoader {
  add(c: StoreColumns): void;
  finish(sortNames: string[], text: TextBase): void;
}

export function dayBits(days: readonly number[]): number {
  let bits = 0;
  for (const d of days) bits |= 1 << d;
  return bits;
}

/**
 * Meetings held column by column in typed arrays ("struct of arrays"): a
 * quarter of a million meetings cost a few dozen bytes each for everything
 * the filters read, instead of an object per meeting. Slots of removed
 * meetings are reused.
 */
export class MeetingStore {
  capacity = 0;
  /** Highest slot in use + 1. */
  length = 0;
  ids = new Int32Array(0);
  alive = new Uint8Array(0);
  source = new Uint16Array(0);
  lat = new Float64Array(0);
  lng = new Float64Array(0);
  /** Bit d set: meets on local weekday d. */
  days = new Uint8Array(0);
  start = new Int16Array(0);
  duration = new Int16Array(0);
  zone = new Uint16Array(0);
  fellowship = new Uint16Array(0);
  attendance = new Uint8Array(0);
  region = new Int32Array(0);
  typeBits = new Uint32Array(0);
  /** Folded names, the key of the name sort. */
  sortNames: string[] = [];

  readonly zones = new Interner();
  readonly fellowships = new Interner();
  readonly regions = new Interner();
  readonly typeCodes = new Interner();
  readonly text = new TextIndex();
  private readonly slotOf = new SlotTable();
  /** Called with the id of every meeting upserted or removed after a bulk load (the summary cache listens). */
  onChange: ((id: number) => void) | null = null;
  private readonly free: number[] = [];
  /** Bumped on every change, so derived structures (the geo index) know when to rebuild. */
  version = 0;
  count = 0;

  constructor() {
    this.fellowships.id(''); // id 0: no fellowship
  }

  slot(id: number): number | undefined {
    return this.slotOf.get(id);
  }

  /**
   * Fills an empty store: `add` appends meetings in order (an id must not repeat), without touching the text
   * index, which `finish` builds in one go from every meeting's words. At 250,000 meetings the per-meeting
   * `upsert` spent most of its time (1.8 s) updating posting lists one word at a time.
   */
  load(): StoreLoader {
    if (this.length > 0) throw new Error('MeetingStore.load() needs an empty store');
    const text = this.text.builder();
    return {
      add: (r) => {
        if (this.slotOf.get(r.id) !== undefined) throw new Error(`meeting ${r.id} loaded twice`);
        const slot = this.grow();
        this.slotOf.set(r.id, slot);
        this.write(slot, r);
        text.add(slot, r.searchParts ?? [{ text: r.searchText }]);
      },
      finish: () => text.build(),
    };
  }

  /** Fills an empty store in two halves (see ColumnLoader); `add` appends meetings in order, ids not repeating. */
  loadColumns(): ColumnLoader {
    if (this.length > 0) throw new Error('MeetingStore.loadColumns() needs an empty store');
    return {
      add: (c) => {
        if (this.slotOf.get(c.id) !== undefined) throw new Error(`meeting ${c.id} loaded twice`);
        const slot = this.grow();
        this.slotOf.set(c.id, slot);
        this.writeColumns(slot, c);
      },
      finish: (sortNames, text) => {
        if (sortNames.length !== this.length) throw new Error('MeetingStore.loadColumns(): a sort name for every slot');
        this.sortNames = sortNames;
        this.text.install(text);
      },
    };
  }

  upsert(m: IndexedMeeting): void {
    const existing = this.slotOf.get(m.id);
    if (existing !== undefined) this.clear(existing);
    const slot = existing ?? this.free.pop() ?? this.grow();
    this.slotOf.set(m.id, slot);
    this.write(slot, this.record(m));
    this.text.add(slot, m.searchText);
    this.onChange?.(m.id);
  }

  /** A meeting in this store's terms: its strings interned, its days and types as bits. */
  record(m: IndexedMeeting): StoreRecord {
    return {
      id: m.id,
      sourceId: m.sourceId,
      lat: m.lat ?? Number.NaN,
      lng: m.lng ?? Number.NaN,
      dayBits: dayBits(m.days),
      // Without a zone a time cannot be placed: treat it as by appointment.
      start: m.timezone ? (m.start ?? -1) : -1,
      duration: m.durationMin,
      zone: m.timezone ? this.zones.id(m.timezone) : 0,
      fellowship: this.fellowships.id(m.fellowship ?? ''),
      attendance: ATTENDANCE.indexOf(m.attendance),
      region: m.region ? this.regions.id(m.region) : -1,
      typeBits: this.typeBitsOf(m.types),
      sortName: m.sortName ?? fold(m.name),
      searchText: m.searchText,
      searchParts: m.searchParts ?? null,
    };
  }

  /** The type bits of a list of codes (TYPE_WORDS words), interning new codes. */
  typeBitsOf(codes: readonly string[]): Uint32Array {
    const bits = new Uint32Array(TYPE_WORDS);
    for (const code of codes) {
      const bit = this.typeCodes.id(code);
      if (bit < TYPE_WORDS * 32) bits[bit >> 5]! |= 1 << (bit & 31);
    }
    return bits;
  }

  private write(slot: number, r: StoreRecord): void {
    this.writeColumns(slot, r);
    this.sortNames[slot] = r.sortName;
  }

  private writeColumns(slot: number, r: StoreColumns): void {
    this.ids[slot] = r.id;
    this.alive[slot] = 1;
    this.source[slot] = r.sourceId;
    this.lat[slot] = r.lat;
    this.lng[slot] = r.lng;
    this.days[slot] = r.dayBits;
    this.start[slot] = r.start;
    this.duration[slot] = r.duration;
    this.zone[slot] = r.zone;
    this.fellowship[slot] = r.fellowship;
    this.attendance[slot] = r.attendance;
    this.region[slot] = r.region;
    const bits = r.typeBits;
    const base = slot * TYPE_WORDS;
    for (let w = 0; w < TYPE_WORDS; w++) this.typeBits[base + w] = bits[w]!;
    this.count++;
    this.version++;
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.clear(slot);
    this.slotOf.delete(id);
    this.free.push(slot);
    this.version++;
    this.onChange?.(id);
  }

  attendanceOf(slot: number): Attendance {
    return ATTENDANCE[this.attendance[slot]!]!;
  }

  private clear(slot: number): void {
    if (!this.alive[slot]) return;
    this.text.remove(slot);
    this.alive[slot] = 0;
    this.sortNames[slot] = '';
    this.count--;
  }

  private grow(): number {
    if (this.length === this.capacity) this.resize(Math.max(1024, this.capacity * 2));
    return this.length++;
  }

  private resize(capacity: number): void {
    const copy = <T extends Int32Array | Uint8Array | Uint16Array | Int16Array | Float64Array | Uint32Array>(
      a: T,
      per = 1,
    ): T => {
      const next = new (a.constructor as new (n: number) => T)(capacity * per);
      next.set(a);
      return next;
    };
    this.ids = copy(this.ids);
    this.alive = copy(this.alive);
    this.source = copy(this.source);
    this.lat = copy(this.lat);
    this.lng = copy(this.lng);
    this.days = copy(this.days);
    this.start = copy(this.start);
    this.duration = copy(this.duration);
    this.zone = copy(this.zone);
    this.fellowship = copy(this.fellowship);
    this.attendance = copy(this.attendance);
    this.region = copy(this.region);
    this.typeBits = copy(this.typeBits, TYPE_WORDS);
    this.capacity = capacity;
  }
}

/**
 * Meeting id → slot. Ids are the database's autoincrement keys, dense in practice, so a typed array indexed by id
 * (4 bytes per id up to the largest) replaces a Map<number, number>, which cost about 50 bytes a meeting at 250,000
 * and a tenth of the boot time. Should ids turn sparse (more than four per meeting, say after many re-imports),
 * the table becomes a Map once and stays one.
 */
class SlotTable {
  /** slot + 1 by id; 0 when the id has no slot. */
  private table = new Int32Array(0);
  private map: Map<number, number> | null = null;
  private size = 0;

  get(id: number): number | undefined {
    if (this.map) return this.map.get(id);
    const v = id >= 0 && id < this.table.length ? this.table[id]! : 0;
    return v === 0 ? undefined : v - 1;
  }

  set(id: number, slot: number): void {
    if (!this.map && !(Number.isInteger(id) && id >= 0 && id < 4 * this.size + 65_536)) this.toMap();
    if (this.map) {
      if (!this.map.has(id)) this.size++;
      this.map.set(id, slot);
      return;
    }
    if (id >= this.table.length) {
      const next = new Int32Array(Math.max(id + 1, this.table.length * 2, 1024));
      next.set(this.table);
      this.table = next;
    }
    if (this.table[id] === 0) this.size++;
    this.table[id] = slot + 1;
  }

  delete(id: number): void {
    if (this.map) {
      if (this.map.delete(id)) this.size--;
    } else if (id >= 0 && id < this.table.length && this.table[id] !== 0) {
      this.table[id] = 0;
      this.size--;
    }
  }

  private toMap(): void {
    const map = new Map<number, number>();
    this.table.forEach((v, id) => {
      if (v !== 0) map.set(id, v - 1);
    });
    this.map = map;
    this.table = new Int32Array(0);
  }
}
