import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type ArrayElement,
  type JsonArrayStreamOptions,
  FeedFormatError,
  firstInvalidUtf8,
  readJsonArray,
} from './json-array-stream.js';

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

/** Replays `bytes` in chunks of the given sizes, cycling through them. */
async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [bytes.length || 1]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.slice(at, at + size);
    at += size;
  }
}

async function collect(source: AsyncIterable<Uint8Array>, options?: JsonArrayStreamOptions): Promise<ArrayElement[]> {
  const out: ArrayElement[] = [];
  for await (const element of readJsonArray(source, options)) out.push(element);
  return out;
}

async function values(source: AsyncIterable<Uint8Array>, options?: JsonArrayStreamOptions): Promise<unknown[]> {
  return (await collect(source, options)).map((element) => {
    if (element.kind !== 'value') throw new Error(`unexpected element error: ${element.error.message}`);
    return element.value;
  });
}

/** Reads `text` and returns the FeedFormatError it must throw. */
async function formatErrorOf(source: AsyncIterable<Uint8Array>, options?: JsonArrayStreamOptions): Promise<FeedFormatError> {
  try {
    await collect(source, options);
  } catch (err) {
    if (err instanceof FeedFormatError) return err;
    throw err;
  }
  throw new Error('expected a FeedFormatError, but the feed was read without one');
}

const concat = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? bytesOf(part) : Uint8Array.from(part))));

// Characters that would trip a naive scanner, plus multi-byte ones of every length.
const trickyString = fc.string({
  unit: fc.constantFrom('"', '\\', ']', '[', '{', '}', ',', ':', ' ', '\n', 'a', 'é', '€', '😀', '\u2028', '\u0000'),
});
const jsonValues = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
  fc.dictionary(trickyString, fc.oneof(trickyString, fc.array(trickyString, { maxLength: 3 }))),
  trickyString,
);
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\n', '\r', '\t'), maxLength: 3 });

describe('readJsonArray', () => {
  it('yields what JSON.parse of the whole document gives, for any values, whitespace and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(jsonValues, whitespace, whitespace, fc.boolean()), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        whitespace,
        async (items, sizes, bom, outer) => {
          const body = items
            .map(([value, before, after, pretty]) => before + JSON.stringify(value, null, pretty ? 2 : undefined) + after)
            .join(',');
          const text = `${outer}[${body}${items.length === 0 ? outer : ''}]${outer}`;
          const bytes = bom ? concat([0xef, 0xbb, 0xbf], text) : bytesOf(text);
          const elements = await collect(chunked(bytes, sizes));
          expect(elements.map((element) => (element.kind === 'value' ? element.value : element.error))).toEqual(
            JSON.parse(text) as unknown[],
          );
          expect(elements.map((element) => element.index)).toEqual(items.map((_, i) => i));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a feed delivered one byte at a time', async () => {
    const doc = [{ slug: 'a', notes: 'say "hi" \\ [then] {leave}, ok' }, [1, [2, [3]]], 'x', 4.5e-3, true, null, {}];
    const bytes = bytesOf(JSON.stringify(doc, null, 2));
    expect(await values(chunked(bytes, [1]))).toEqual(doc);
  });

  it('keeps strings with ], ",", {, escaped quotes and backslashes inside one element', async () => {
    const text = String.raw`[{"name":"a ] b , c { d } [","q":"\"quoted\" and \\","tail":"\\"},{"n":2}]`;
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(await values(chunked(bytesOf(text), [size]))).toEqual(JSON.parse(text));
    }
  });

  it('reassembles multi-byte characters split across chunks at every position', async () => {
    const doc = [{ name: 'Café Ñandú — 会議 😀' }, { name: 'Zürich' }];
    const bytes = bytesOf(JSON.stringify(doc));
    for (let cut = 1; cut < bytes.length; cut++) {
      const parts = [bytes.slice(0, cut), bytes.slice(cut)];
      expect(await values((async function* () { yield* parts; })())).toEqual(doc); // prettier-ignore
    }
  });

  it('accepts a UTF-8 byte order mark, even split across chunks', async () => {
    const bytes = concat([0xef, 0xbb, 0xbf], ' [1, 2] ');
    expect(await values(chunked(bytes, [1]))).toEqual([1, 2]);
    expect(await values(chunked(bytes, [2]))).toEqual([1, 2]);
  });

  it('yields nothing for an empty array', async () => {
    expect(await collect(chunked(bytesOf(' [ \n ] \n')))).toEqual([]);
    expect(await collect(chunked(bytesOf('[]')))).toEqual([]);
  });

  it('reads nested arrays and objects inside elements', async () => {
    const doc = [[[[]]], { a: [{ b: [[1], { c: [] }] }] }, [{ d: '[' }, ']']];
    expect(await values(chunked(bytesOf(JSON.stringify(doc)), [3]))).toEqual(doc);
  });

  it('reports where each element is in the input', async () => {
    const text = '[ {"a":1} ,\n"xy"]';
    const elements = await collect(chunked(bytesOf(text)));
    expect(elements).toEqual([
      { kind: 'value', index: 0, byteOffset: 2, byteLength: 8, value: { a: 1 } },
      { kind: 'value', index: 1, byteOffset: 12, byteLength: 4, value: 'xy' },
    ]);
  });

  it('decodes an ASCII-only element and a non-ASCII one alike', async () => {
    const doc = [{ slug: 'plain-ascii', n: 1 }, { slug: 'caf\u00e9' }, { s: '\u00ff' }];
    expect(await values(chunked(bytesOf(JSON.stringify(doc)), [5]))).toEqual(doc);
  });

  describe('whole-document problems throw FeedFormatError', () => {
    it('an object instead of an array', async () => {
      const err = await formatErrorOf(chunked(bytesOf('  {"meetings": []}')));
      expect(err).toMatchObject({ code: 'not_an_array', byteOffset: 2 });
      expect(err.message).toBe('expected a JSON array of meetings, found an object at byte 2');
    });

    it('any other value instead of an array', async () => {
      const cases: [string, string][] = [
        ['"text"', 'a string'],
        ['42', 'a number'],
        ['-1', 'a number'],
        ['true', 'true or false'],
        ['null', 'null'],
        ['<!doctype html>', "'<' (is this an HTML page rather than the feed?)"],
      ];
      for (const [text, found] of cases) {
        const err = await formatErrorOf(chunked(bytesOf(text)));
        expect(err.code).toBe('not_an_array');
        expect(err.message).toContain(`found ${found}`);
      }
    });

    it('empty input, or only whitespace and a BOM', async () => {
      for (const bytes of [new Uint8Array(0), bytesOf(' \n\t '), concat([0xef, 0xbb, 0xbf], '\n')]) {
        const err = await formatErrorOf(chunked(bytes));
        expect(err.code).toBe('empty');
        expect(err.byteOffset).toBe(bytes.length);
        expect(err.message).toMatch(/^the feed is empty/);
      }
      expect((await formatErrorOf((async function* () {})())).code).toBe('empty');
    });

    it('truncated input, after yielding the complete elements', async () => {
      for (const text of ['[', '[{"a":1}', '[{"a":1},', '[{"a":1},{"b":', '[{"a":"unterminated', '[{"a":"esc\\']) {
        const seen: ArrayElement[] = [];
        let error: unknown;
        try {
          for await (const element of readJsonArray(chunked(bytesOf(text), [3]))) seen.push(element);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(FeedFormatError);
        expect(error).toMatchObject({ code: 'malformed_json', byteOffset: bytesOf(text).length });
        expect((error as Error).message).toMatch(/without closing the array \(was the download cut short\?\)$/);
        expect(seen.length).toBe(text.startsWith('[{"a":1},') ? 1 : 0);
      }
    });

    it('garbage after the closing bracket', async () => {
      const err = await formatErrorOf(chunked(bytesOf('[1,2]\n  <html>'), [2]));
      expect(err).toMatchObject({ code: 'trailing_data', byteOffset: 8 });
      expect(err.message).toBe("found more data after the array's closing ']' at byte 8");
      expect((await formatErrorOf(chunked(bytesOf('[][]')))).code).toBe('trailing_data');
    });

    it('broken structure: mismatched brackets, stray commas and braces', async () => {
      const cases: [string, number, string][] = [
        ['[{"a":[1}]', 8, `found '}' where ']' was expected`],
        ['[{"a":1]]', 7, `found ']' where '}' was expected`],
        ['[1,]', 3, 'found an empty element'],
        ['[,1]', 1, 'found an empty element'],
        ['[1,,2]', 3, 'found an empty element'],
        ['[}]', 1, `found '}' where an element should start`],
        ['[1}]', 2, `found '}' with no '{' to close`],
      ];
      for (const [text, offset, message] of cases) {
        const err = await formatErrorOf(chunked(bytesOf(text), [1]));
        expect(err.code, text).toBe('malformed_json');
        expect(err.byteOffset, text).toBe(offset);
        expect(err.message, text).toContain(message);
      }
    });

    it('an incomplete byte order mark', async () => {
      const err = await formatErrorOf(chunked(concat([0xef, 0xbb], '[]')));
      expect(err).toMatchObject({ code: 'not_an_array', byteOffset: 2 });
    });

    it('an element over the limit, without reading further (endless input)', async () => {
      let pulled = 0;
      let closed = false;
      async function* endless() {
        try {
          yield bytesOf('[{"slug":"ok"},{"notes":"');
          const filler = new Uint8Array(1024).fill(0x78);
          for (;;) {
            pulled++;
            yield filler;
          }
        } finally {
          closed = true;
        }
      }
      const seen: ArrayElement[] = [];
      let error: unknown;
      try {
        for await (const element of readJsonArray(endless(), { maxElementBytes: 64 * 1024 })) seen.push(element);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(FeedFormatError);
      expect(error).toMatchObject({ code: 'element_too_large', byteOffset: 15 + 64 * 1024 });
      expect((error as Error).message).toBe('the element starting at byte 15 is larger than the limit of 65536 bytes');
      expect(seen).toHaveLength(1);
      // 64 KiB of 1 KiB chunks: it stopped as soon as the limit was passed, and closed the source.
      expect(pulled).toBeLessThanOrEqual(65);
      expect(closed).toBe(true);
    });

    it('an element over the limit inside one large chunk; an element exactly at the limit is fine', async () => {
      expect(await values(chunked(bytesOf('[12345678,1]')), { maxElementBytes: 8 })).toEqual([12345678, 1]);
      const err = await formatErrorOf(chunked(bytesOf('[12345678,1]')), { maxElementBytes: 7 });
      expect(err).toMatchObject({ code: 'element_too_large', byteOffset: 8 });
    });
  });

  describe('element-level problems are yielded, and reading goes on', () => {
    it('an element with bytes that are not UTF-8, between two good ones', async () => {
      const bytes = concat('[{"slug":"first"},\n{"slug":"caf', [0xe9], '-corner","n":1},{"slug":"last"}]');
      for (const sizes of [[bytes.length], [1], [3, 5]]) {
        const elements = await collect(chunked(bytes, sizes));
        expect(elements).toHaveLength(3);
        expect(elements[0]).toMatchObject({ kind: 'value', value: { slug: 'first' } });
        expect(elements[2]).toMatchObject({ kind: 'value', index: 2, value: { slug: 'last' } });
        const bad = elements[1]!;
        expect(bad.kind).toBe('error');
        if (bad.kind !== 'error') return;
        expect(bad).toMatchObject({ index: 1, byteOffset: 19 });
        expect(bad.error.code).toBe('not_utf8');
        expect(bad.error.message).toBe('element 1 at byte 19 is not valid UTF-8 (first bad byte 0xe9 at byte 31)');
        expect(bad.error.rawPreview).toBe('{"slug":"caf\uFFFD-corner","n":1}');
      }
    });

    it('an element that is not valid JSON, between good ones', async () => {
      const text = '[{"slug":"a"},{"slug": tru},{"slug":"b"},1 2,{"slug":"c"}]';
      const elements = await collect(chunked(bytesOf(text), [4]));
      expect(elements.map((element) => element.kind)).toEqual(['value', 'error', 'value', 'error', 'value']);
      const bad = elements[1]!;
      if (bad.kind !== 'error') throw new Error('expected an error');
      expect(bad.error.code).toBe('malformed_element');
      expect(bad.error.message).toMatch(/^element 1 at byte 14 is not valid JSON: /);
      expect(bad.error.rawPreview).toBe('{"slug": tru}');
      const second = elements[3]!;
      expect('error' in second && second.error.code).toBe('malformed_element');
    });

    it('keeps the preview short for a large bad element', async () => {
      const text = `[{"slug":"x","notes":"${'é'.repeat(5000)}",}]`;
      const [bad] = await collect(chunked(bytesOf(text), [100]));
      if (bad?.kind !== 'error') throw new Error('expected an error');
      expect(bad.error.rawPreview).toHaveLength(200);
      expect(bad.error.rawPreview.startsWith('{"slug":"x","notes":"ééé')).toBe(true);
    });
  });

  it('reports progress once per chunk with the running total', async () => {
    const progress: number[] = [];
    await collect(chunked(bytesOf('[1, 2, 3, 4]'), [5]), { onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([5, 10, 12]);
  });

  it('closes the source when the consumer stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        yield bytesOf('[1,2,');
        yield bytesOf('3]');
      } finally {
        closed = true;
      }
    }
    for await (const element of readJsonArray(source())) {
      expect(element).toMatchObject({ value: 1 });
      break;
    }
    expect(closed).toBe(true);
  });

  it('refuses text chunks and a non-positive limit', async () => {
    async function* text() {
      yield '[1]' as unknown as Uint8Array;
    }
    await expect(collect(text())).rejects.toThrow(/expects a stream of bytes/);
    await expect(collect(chunked(bytesOf('[1]')), { maxElementBytes: 0 })).rejects.toThrow(RangeError);
  });

  it('streams a 50 MB feed of 250,000 meetings quickly, holding one element at a time', async ({ annotate }) => {
    const count = 250_000;
    const notes = 'Side door; "quiet" room [2nd floor], {tea} \\ coffee. Café — 会議 ';
    let generated = 0;
    let generatingMs = 0;
    // Generated as it is read, so the whole document never exists anywhere.
    async function* feed() {
      let since = performance.now();
      let text = '[';
      for (let i = 0; i < count; i++) {
        text +=
          (i === 0 ? '' : ',\n') +
          JSON.stringify({
            slug: `meeting-${i}`,
            name: `Tuesday Night Group ${i}`,
            day: i % 7,
            time: '19:30',
            types: ['O', 'D'],
            address: `${i} Main Street`,
            notes,
          });
        if (text.length >= 64 * 1024) {
          const chunk = bytesOf(text);
          generated += chunk.length;
          generatingMs += performance.now() - since;
          yield chunk;
          since = performance.now();
          text = '';
        }
      }
      const last = bytesOf(`${text}]`);
      generated += last.length;
      generatingMs += performance.now() - since;
      yield last;
    }

    const memory = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const baseline = memory();
    let peak = 0;
    let seen = 0;
    const started = performance.now();
    for await (const element of readJsonArray(feed())) {
      if (element.kind !== 'value' || (element.value as { slug: string }).slug !== `meeting-${seen}`) {
        throw new Error(`element ${seen} is wrong`);
      }
      seen++;
      if (seen % 5_000 === 0) peak = Math.max(peak, memory() - baseline);
    }
    const totalMs = performance.now() - started;
    const parseMs = totalMs - generatingMs;
    await annotate(
      `${(generated / 2 ** 20).toFixed(1)} MiB, ${seen} elements: parsed in ${parseMs.toFixed(0)} ms ` +
        `(${totalMs.toFixed(0)} ms with generating the input); peak heap + buffers +${(peak / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(seen).toBe(count);
    expect(generated).toBeGreaterThan(50 * 1024 * 1024);
    // Holding the document (bytes or parsed values) would need more than its size; streaming stays well below.
    expect(peak).toBeLessThan(generated * 0.8);
    expect(parseMs).toBeLessThan(5_000);
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with a validating TextDecoder on arbitrary bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const interesting = fc.constantFrom(
      0x00,
      0x41,
      0x7f,
      0x80,
      0xbf,
      0xc0,
      0xc1,
      0xc2,
      0xdf,
      0xe0,
      0xed,
      0xef,
      0xf0,
      0xf4,
      0xf5,
      0xff,
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), interesting, fc.integer({ min: 0x80, max: 0xbf }))),
        (list) => {
          const bytes = Uint8Array.from(list);
          let valid = true;
          try {
            strict.decode(bytes);
          } catch {
            valid = false;
          }
          expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('points at the start of the bad sequence', () => {
    expect(firstInvalidUtf8(concat('ab', [0xc3, 0xa9], 'c', [0xed, 0xa0, 0x80]))).toBe(5); // a surrogate
    expect(firstInvalidUtf8(concat('a', [0xc0, 0xaf]))).toBe(1); // overlong '/'
    expect(firstInvalidUtf8(concat('a', [0xe2, 0x82]))).toBe(1); // truncated '€'
    expect(firstInvalidUtf8(concat([0xf0, 0x9f, 0x98, 0x80]))).toBe(-1); // '😀'
  });
});
