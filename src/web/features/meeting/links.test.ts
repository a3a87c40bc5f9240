import { describe, expect, it } from 'vitest';
// The server's provider table, read as text: importing the module would bring server code into the web project.
import source from '../../../server/modules/meetings/normalize/conference.ts?raw';
import { dialHref, directionsHref, providerName, safeWebUrl, traditionLinks } from './links.js';

describe('meeting page links', () => {
  it('asks the maps app to search the address, centred on the coordinates when known', () => {
    expect(directionsHref('225 Lancaster Ave, Malvern, PA', { lat: 40.03, lng: -75.51 })).toBe(
      'geo:40.03,-75.51?q=225%20Lancaster%20Ave%2C%20Malvern%2C%20PA',
    );
    expect(directionsHref('Main St & 2nd', null)).toBe('geo:0,0?q=Main%20St%20%26%202nd');
    expect(directionsHref(null, { lat: 1, lng: 2 })).toBe('geo:1,2?q=1%2C2');
    expect(directionsHref(null, null)).toBeNull();
  });

  it('dials conference numbers with their pauses and codes', () => {
    expect(dialHref('+1 (301) 715-8592,,503536771#')).toBe('tel:+13017158592,,503536771%23');
    expect(dialHref('call the office')).toBeNull();
  });

  it('follows only web links', () => {
    expect(safeWebUrl('https://zoom.us/j/1')).toBe('https://zoom.us/j/1');
    expect(safeWebUrl('javascript:alert(1)')).toBeNull();
    expect(safeWebUrl('not a url')).toBeNull();
  });

  it('turns plain Seventh-Tradition handles into links, and leaves anything else as text', () => {
    expect(traditionLinks({ venmo: '@group-1', square: '$Group', paypal: 'odd handle' })).toEqual([
      { service: 'venmo', handle: '@group-1', url: 'https://venmo.com/group-1' },
      { service: 'square', handle: '$Group', url: 'https://cash.app/$Group' },
      { service: 'paypal', handle: 'odd handle', url: null },
    ]);
  });

  it('names every conference provider the server recognises', () => {
    const ids = new Set([...source.matchAll(/\['[^']+', '([a-z_]+)'\]/g)].map((m) => m[1]!));
    expect(ids.size).toBeGreaterThan(10);
    for (const id of ids) expect(providerName(id), id).not.toBeNull();
    expect(providerName('something-new')).toBeNull();
  });
});
