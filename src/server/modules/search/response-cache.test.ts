import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { negotiateEncoding, ResponseCache } from './response-cache.js';

describe('search response cache', () => {
  it('computes an answer once per key and serves repeats from memory', async () => {
    const cache = new ResponseCache();
    let computed = 0;
    const answer = () => {
      computed++;
      return Promise.resolve('{"results":[]}');
    };
    expect((await cache.get('v1|m1|q', answer)).json).toBe('{"results":[]}');
    expect((await cache.get('v1|m1|q', answer)).json).toBe('{"results":[]}');
    expect(computed).toBe(1);
    await cache.get('v2|m1|q', answer);
    expect(computed).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
    // Requests arriving together for one answer share its computation.
    const both = await Promise.all([cache.get('v3', answer), cache.get('v3', answer)]);
    expect(both[0]).toBe(both[1]);
    expect(computed).toBe(3);
    // A client asking for a fresh answer gets one, and it replaces the cached one.
    await cache.get('v3', answer, true);
    expect(computed).toBe(4);
    expect(cache.size).toBe(3);
  });

  it('evicts the least recently used entry beyond its bound', async () => {
    const cache = new ResponseCache(2);
    let computed = 0;
    const answer = () => Promise.resolve(String(++computed));
    await cache.get('a', answer);
    await cache.get('b', answer);
    await cache.get('a', answer); // a is now the most recent
    await cache.get('c', answer); // evicts b
    expect(cache.size).toBe(2);
    expect((await cache.get('a', answer)).json).toBe('1');
    expect((await cache.get('b', answer)).json).toBe('4');
  });

  it('keeps within its byte bound, compressed copies included', async () => {
    const cache = new ResponseCache(100, 10_000);
    const big = 'x'.repeat(3000);
    for (const key of ['a', 'b', 'c', 'd']) cache.body(await cache.get(key, () => Promise.resolve(big)), 'gzip');
    expect(cache.size).toBeLessThanOrEqual(3);
    // An answer larger than half the bound is served but not kept.
    let computed = 0;
    const huge = () => {
      computed++;
      return Promise.resolve('y'.repeat(6000));
    };
    await cache.get('huge', huge);
    await cache.get('huge', huge);
    expect(computed).toBe(2);
  });

  it('compresses once per encoding, into bodies that decompress to the answer', async () => {
    const cache = new ResponseCache();
    const json = JSON.stringify({ results: Array.from({ length: 200 }, (_, i) => ({ id: i, name: 'Serenity' })) });
    const entry = await cache.get('k', () => Promise.resolve(json));
    const br = cache.body(entry, 'br') as Buffer;
    expect(cache.body(entry, 'br')).toBe(br);
    expect(brotliDecompressSync(br).toString()).toBe(json);
    expect(gunzipSync(cache.body(entry, 'gzip') as Buffer).toString()).toBe(json);
    expect(cache.body(entry, 'identity')).toBe(json);
    // Small answers are not worth compressing.
    expect(cache.body(await cache.get('small', () => Promise.resolve('{}')), 'br')).toBe('{}');
  });

  it('negotiates brotli, then gzip, honouring q=0', () => {
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*, br;q=0')).toBe('gzip');
  });
});
