import type { Attendance } from '../../../db/types.js';
import { Interner } from './interner.js';
import { ATTENDANCE, type IndexedMeeting } from './indexed-meeting.js';
import { TextIndex } from './text-index.js';
import { fold } from './text.js';

/** Type codes are bits; 8 words give room for 256 distinct codes across all sources. */
export const TYPE_WORDS = 8;

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
  search: string[] = [];
  summaries: string[] = [];

  readonly zones = new Interner();
  readonly fellowships = new Interner();
  readonly regions = new Interner();
  readonly typeCodes = new Interner();
  readonly text = new TextIndex();
  private readonly slotOf = new Map<number, number>();
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

  upsert(m: IndexedMeeting): void {
    const existing = this.slotOf.get(m.id);
    if (existing !== undefined) this.clear(existing);
    const slot = existing ?? this.free.pop() ?? this.grow();
    this.slotOf.set(m.id, slot);
    this.ids[slot] = m.id;
    this.alive[slot] = 1;
    this.source[slot] = m.sourceId;
    this.lat[slot] = m.lat ?? Number.NaN;
    this.lng[slot] = m.lng ?? Number.NaN;
    this.days[slot] = m.days.reduce((bits, d) => bits | (1 << d), 0);
    // Without a zone a time cannot be placed: treat it as by appointment.
    this.start[slot] = m.timezone ? (m.start ?? -1) : -1;
    this.duration[slot] = m.durationMin;
    this.zone[slot] = m.timezone ? this.zones.id(m.timezone) : 0;
    this.fellowship[slot] = this.fellowships.id(m.fellowship ?? '');
    this.attendance[slot] = ATTENDANCE.indexOf(m.attendance);
    this.region[slot] = m.region ? this.regions.id(m.region) : -1;
    const base = slot * TYPE_WORDS;
    this.typeBits.fill(0, base, base + TYPE_WORDS);
    for (const code of m.types) {
      const bit = this.typeCodes.id(code);
      if (bit < TYPE_WORDS * 32) this.typeBits[base + (bit >> 5)]! |= 1 << (bit & 31);
    }
    this.sortNames[slot] = fold(m.name);
    this.search[slot] = m.searchText;
    this.summaries[slot] = m.summaryJson;
    this.text.add(slot, m.searchText);
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
  }

  attendanceOf(slot: number): Attendance {
    return ATTENDANCE[this.attendance[slot]!]!;
  }

  private clear(slot: number): void {
    if (!this.alive[slot]) return;
    this.text.remove(slot, this.search[slot]!);
    this.alive[slot] = 0;
    this.sortNames[slot] = '';
    this.search[slot] = '';
    this.summaries[slot] = '';
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
