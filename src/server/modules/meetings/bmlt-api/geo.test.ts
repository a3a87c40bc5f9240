import { describe, expect, it } from 'vitest';
import { boundingBox, distanceKm, type Point } from './geo.js';
import { EXTRA_DAY_FACTOR, meetingDayId, meetingIdOf } from './ids.js';
import { splitAddress } from './address.js';

/** The point `km` away from `from` on a bearing (spherical model), to probe the box's edges. */
function travel(from: Point, km: number, bearingDeg: number): Point {
  const r = 6371.0088;
  const [lat1, lng1, b] = [from.lat, from.lng, bearingDeg].map((d) => (d * Math.PI) / 180) as [number, number, number];
  const d = km / r;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 = lng1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
}

describe('geography helpers', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm({ lat: 40.97, lng: -72.62 }, { lat: 40.97, lng: -72.62 })).toBe(0);
    // New York to London is about 5,570 km.
    expect(distanceKm({ lat: 40.7128, lng: -74.006 }, { lat: 51.5074, lng: -0.1278 })).toBeCloseTo(5570, -1);
  });

  it('draws a box that holds every point within the radius', () => {
    for (const center of [
      { lat: 40.97, lng: -72.62 },
      { lat: -33.9, lng: 151.2 },
      { lat: 70, lng: 25 },
    ]) {
      for (const km of [1, 50, 800]) {
        const box = boundingBox(center, km);
        for (let bearing = 0; bearing < 360; bearing += 15) {
          const p = travel(center, km * 0.999, bearing);
          expect(p.lat >= box.minLat && p.lat <= box.maxLat).toBe(true);
          if (box.lng) expect(p.lng >= box.lng.min && p.lng <= box.lng.max).toBe(true);
        }
      }
    }
    expect(boundingBox({ lat: 0, lng: 179.9 }, 100).lng).toBeUndefined();
    expect(boundingBox({ lat: 89.5, lng: 0 }, 100).lng).toBeUndefined();
  });
});

describe('meeting-day ids and addresses', () => {
  it('keeps the meeting id for the first day and encodes the weekday for the others', () => {
    expect(meetingDayId(42, 3, true)).toBe(42);
    expect(meetingDayId(42, 5, false)).toBe(50_000_000_042);
    expect(meetingIdOf(50_000_000_042)).toBe(42);
    expect(Number.isSafeInteger(meetingDayId(2 ** 31 - 1, 7, false))).toBe(true);
    expect(meetingDayId(2 ** 31 - 1, 7, false) % EXTRA_DAY_FACTOR).toBe(2 ** 31 - 1);
  });

  it('splits a Google-style formatted address, and keeps anything else whole', () => {
    const none = { address: null, city: null, state: null, postal_code: null, country: null };
    expect(splitAddress({ ...none, formatted_address: '1937 West MacDade Boulevard, Woodlyn, PA 19094, USA' })).toEqual({
      street: '1937 West MacDade Boulevard',
      municipality: 'Woodlyn',
      province: 'PA',
      postalCode: '19094',
      nation: 'USA',
    });
    expect(splitAddress({ ...none, formatted_address: '8318 104 St, Edmonton, AB T6E 4E8, Canada' })).toMatchObject({
      municipality: 'Edmonton',
      province: 'AB',
      postalCode: 'T6E 4E8',
    });
    expect(splitAddress({ ...none, formatted_address: 'Media, PA, USA' }).street).toBe('Media, PA, USA');
    const split = { ...none, address: '5 Elm St', city: 'Aquebogue', formatted_address: 'ignored' };
    expect(splitAddress(split)).toMatchObject({ street: '5 Elm St', municipality: 'Aquebogue', province: '' });
  });
});
