/**
 * Streams the elements of a top-level JSON array out of a byte stream, so a feed of hundreds of thousands of meetings
 * is imported with memory proportional to its largest meeting, never to the whole document.
 *
 * A small byte-level state machine (string, escape and bracket nesting) finds where each top-level element starts and
 * ends; only then are that element's bytes decoded and given to `JSON.parse`. Working on bytes rather than text means
 * a chunk boundary may fall anywhere (inside a multi-byte character, an escape or a number) without special cases, and
 * one element with bad bytes can be reported on its own instead of aborting the whole feed.
 */
import { hash } from 'node:crypto';
import { TextDecoder } from 'node:util';

/** Problems with the document as a whole. The import cannot go on after one of these. */
export type FeedFormatErrorCode = 'not_an_array' | 'malformed_json' | 'element_too_large' | 'empty' | 'trailing_data';

/** The feed is not a readable JSON array; thrown by {@link readJsonArray}, possibly after some elements were yielded. */
export class FeedFormatError extends Error {
  constructor(
    readonly code: FeedFormatErrorCode,
    message: string,
    /** Offset in the input, counted in bytes from the very first one (a BOM included), where the problem was seen. */
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

/** Problems confined to one element: its boundaries are known, so the elements around it are still read. */
export type ElementErrorCode = 'not_utf8' | 'malformed_element';

export interface ElementError {
  code: ElementErrorCode;
  /** English, for an operator: which element, where, and what is wrong with it. */
  message: string;
  /** The element's first ~200 characters, decoded leniently (bad bytes become U+FFFD), so a slug or name can be shown. */
  rawPreview: string;
}

interface ElementBase {
  /** Position in the array, counting from 0; elements with errors count too. */
  index: number;
  /** Offset of the element's first byte in the input. */
  byteOffset: number;
  /** Length of the element's bytes, from its first byte up to the `,` or `]` that ends it. */
  byteLength: number;
}

/** An element that decoded and parsed. */
export interface ArrayValue extends ElementBase {
  kind: 'value';
  value: unknown;
  /** SHA-1 of `fingerprintSalt` and the element's text, when asked for. */
  fingerprint?: string;
}

/** An element whose bytes are not UTF-8 or not JSON. It has no `value`; `'error' in element` narrows to this too. */
export interface ArrayElementError extends ElementBase {
  kind: 'error';
  error: ElementError;
}

/** What {@link readJsonArray} yields for each element of the array: a parsed value or an element-level error. */
export type ArrayElement = ArrayValue | ArrayElementError;

export interface JsonArrayStreamOptions {
  /** Largest element accepted, in bytes; a larger one throws `element_too_large`. Default 4 MiB. */
  maxElementBytes?: number;
  /** Called with the total number of bytes read so far, once for each chunk received. */
  onProgress?: (bytesRead: number) => void;
  /** When set, each value carries a fingerprint of this salt and its text. */
  fingerprintSalt?: string;
}

export const DEFAULT_MAX_ELEMENT_BYTES = 4 * 1024 * 1024;

const PREVIEW_CHARS = 200;

// Scanner states.
const ST_START = 0; // before anything; a BOM may come
const ST_BEFORE = 1; // before the opening '['
const ST_FIRST = 2; // after '[': an element or ']'
const ST_NEXT = 3; // after ',': an element must follow
const ST_IN = 4; // inside an element, outside any string
const ST_STR = 5; // inside a string of an element
const ST_ESC = 6; // just after a backslash inside a string
const ST_DONE = 7; // after the closing ']': only whitespace may follow

// Bytes.
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BOM = [0xef, 0xbb, 0xbf] as const;

const isWhitespace = (b: number) => b === SPACE || b === LF || b === CR || b === TAB;

/** What {@link Scanner.scan} stopped for. */
const NEED_MORE = 0;
const ELEMENT = 1;

/**
 * The resumable byte scanner. Kept out of the generator and with its hot loop on local variables, because V8
 * optimises a plain method's loop far better than one inside a generator body.
 */
class Scanner {
  state = ST_START;
  /** Global offset of `chunk[0]`. */
  chunkOffset = 0;
  chunk: Uint8Array = new Uint8Array(0);
  pos = 0;
  /** Copies of the earlier parts of an element that spans chunks. */
  parts: Uint8Array[] = [];
  partsLength = 0;
  /** Start of the current element: global offset, and index into the current chunk (or 0 if it began earlier). */
  elementOffset = 0;
  elementStart = 0;
  /** Whether the current element has a byte >= 0x80, so needs the (slower) validating UTF-8 decoder. */
  nonAscii = false;
  /** Open brackets of the current element, as the closing byte each one expects. */
  stack = new Uint8Array(64);
  depth = 0;
  /** Set when an element is complete: its bytes and where it ends. */
  elementBytes: Uint8Array = new Uint8Array(0);

  constructor(readonly maxElementBytes: number) {}

  feed(chunk: Uint8Array): void {
    this.chunkOffset += this.chunk.length;
    this.chunk = chunk;
    this.pos = 0;
    this.elementStart = 0;
  }

  /**
   * Scans from the current position until an element is complete (ELEMENT: read `elementBytes`) or the chunk is used
   * up (NEED_MORE). Throws {@link FeedFormatError} for structural problems.
   */
  scan(): typeof NEED_MORE | typeof ELEMENT {
    const chunk = this.chunk;
    const end = chunk.length;
    let i = this.pos;
    let state = this.state;
    let depth = this.depth;
    let nonAscii = this.nonAscii;

    while (i < end) {
      if (state === ST_STR) {
        // Most bytes of a feed are inside strings, so this inner loop is the hot path.
        let b = chunk[i]!;
        while (b !== QUOTE && b !== BACKSLASH) {
          if (b >= 0x80) nonAscii = true;
          if (++i === end) break;
          b = chunk[i]!;
        }
        if (i === end) break;
        state = b === QUOTE ? ST_IN : ST_ESC;
        i++;
      } else if (state === ST_IN) {
        const b = chunk[i]!;
        if (b === QUOTE) {
          state = ST_STR;
        } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
          if (depth === this.stack.length) {
            const grown = new Uint8Array(depth * 2);
            grown.set(this.stack);
            this.stack = grown;
          }
          this.stack[depth++] = b === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
        } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
          if (depth > 0) {
            const expected = this.stack[--depth]!;
            if (b !== expected) {
              throw this.formatError(
                'malformed_json',
                `found '${String.fromCharCode(b)}' where '${String.fromCharCode(expected)}' was expected`,
                i,
              );
            }
          } else if (b === CLOSE_BRACKET) {
            // The end of the last element and of the array.
            this.endElement(i);
            this.state = ST_DONE;
            this.pos = i + 1;
            this.depth = 0;
            this.nonAscii = nonAscii;
            return ELEMENT;
          } else {
            throw this.formatError('malformed_json', `found '}' with no '{' to close`, i);
          }
        } else if (b === COMMA && depth === 0) {
          this.endElement(i);
          this.state = ST_NEXT;
          this.pos = i + 1;
          this.depth = 0;
          this.nonAscii = nonAscii;
          return ELEMENT;
        } else if (b >= 0x80) {
          nonAscii = true;
        }
        i++;
      } else if (state === ST_ESC) {
        // Whatever follows a backslash cannot end the string; a non-ASCII byte here still needs validating.
        if (chunk[i]! >= 0x80) nonAscii = true;
        state = ST_STR;
        i++;
      } else {
        const b = chunk[i]!;
        if (state === ST_START) {
          const at = this.chunkOffset + i;
          if (at < BOM.length && b === BOM[at]) {
            i++;
            continue;
          }
          if (at > 0 && at < BOM.length) {
            throw this.formatError('not_an_array', 'the feed starts with an incomplete byte order mark', i);
          }
          state = ST_BEFORE;
          continue;
        }
        if (isWhitespace(b)) {
          i++;
          continue;
        }
        if (state === ST_BEFORE) {
          if (b !== OPEN_BRACKET) throw this.formatError('not_an_array', describeNonArray(b), i);
          state = ST_FIRST;
          i++;
        } else if (state === ST_FIRST || state === ST_NEXT) {
          if (b === CLOSE_BRACKET && state === ST_FIRST) {
            state = ST_DONE;
            i++;
          } else if (b === COMMA || b === CLOSE_BRACKET || b === CLOSE_BRACE) {
            const what = b === CLOSE_BRACE ? `found '}' where an element should start` : `found an empty element (stray ',')`;
            throw this.formatError('malformed_json', what, i);
          } else {
            // An element starts here; the byte is scanned again in ST_IN.
            state = ST_IN;
            depth = 0;
            nonAscii = false;
            this.elementStart = i;
            this.elementOffset = this.chunkOffset + i;
            this.parts = [];
            this.partsLength = 0;
          }
        } else {
          throw this.formatError('trailing_data', `found more data after the array's closing ']'`, i);
        }
      }
    }

    this.state = state;
    this.depth = depth;
    this.nonAscii = nonAscii;
    this.pos = i;
    if (state === ST_IN || state === ST_STR || state === ST_ESC) {
      // The element goes on in the next chunk. Keep a copy of this chunk's part of it: the source may reuse its buffer.
      this.checkElementSize(end);
      const part = chunk.slice(this.elementStart);
      this.parts.push(part);
      this.partsLength += part.length;
    }
    return NEED_MORE;
  }

  /** Called at end of input: throws unless the array was closed. */
  finish(): void {
    const at = this.chunkOffset + this.chunk.length;
    switch (this.state) {
      case ST_DONE:
        return;
      case ST_START:
      case ST_BEFORE:
        throw new FeedFormatError('empty', `the feed is empty: expected a JSON array of meetings (${at} bytes read)`, at);
      default:
        throw new FeedFormatError(
          'malformed_json',
          `the feed ended after ${at} bytes without closing the array (was the download cut short?)`,
          at,
        );
    }
  }

  private endElement(i: number): void {
    this.checkElementSize(i);
    const tail = this.chunk.subarray(this.elementStart, i);
    if (this.parts.length === 0) {
      // No copy: the caller decodes these bytes before asking for the next chunk.
      this.elementBytes = tail;
    } else {
      this.parts.push(tail);
      this.elementBytes = Buffer.concat(this.parts, this.partsLength + tail.length);
      this.parts = [];
      this.partsLength = 0;
    }
  }

  private checkElementSize(i: number): void {
    const length = this.chunkOffset + i - this.elementOffset;
    if (length > this.maxElementBytes) {
      throw new FeedFormatError(
        'element_too_large',
        `the element starting at byte ${this.elementOffset} is larger than the limit of ${this.maxElementBytes} bytes`,
        this.elementOffset + this.maxElementBytes,
      );
    }
  }

  private formatError(code: FeedFormatErrorCode, what: string, i: number): FeedFormatError {
    const at = this.chunkOffset + i;
    return new FeedFormatError(code, `${what} at byte ${at}`, at);
  }
}

function describeNonArray(b: number): string {
  const found =
    b === OPEN_BRACE
      ? 'an object'
      : b === QUOTE
        ? 'a string'
        : b === 0x2d || (b >= 0x30 && b <= 0x39)
          ? 'a number'
          : b === 0x74 || b === 0x66
            ? 'true or false'
            : b === 0x6e
              ? 'null'
              : b === 0x3c
                ? `'<' (is this an HTML page rather than the feed?)`
                : b >= 0x21 && b < 0x7f
                  ? `'${String.fromCharCode(b)}'`
                  : `the byte 0x${b.toString(16).padStart(2, '0')}`;
  return `expected a JSON array of meetings, found ${found}`;
}

/** Decodes leniently for display: bad bytes become U+FFFD, and at most PREVIEW_CHARS characters are kept. */
function preview(bytes: Uint8Array): string {
  // Four bytes at most per character, so this prefix always holds enough.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, PREVIEW_CHARS * 4));
  if (text.length <= PREVIEW_CHARS) return text;
  // Do not cut a surrogate pair in half.
  const cut = text.charCodeAt(PREVIEW_CHARS - 1) >= 0xd800 && text.charCodeAt(PREVIEW_CHARS - 1) <= 0xdbff ? 1 : 0;
  return text.slice(0, PREVIEW_CHARS - cut);
}

/** Index of the first byte that does not begin a well-formed UTF-8 sequence, or -1. Used only to word an error. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      // Reject overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF).
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      // Reject overlong forms (F0 80..8F) and code points above U+10FFFF (F4 90..).
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Reads a top-level JSON array from a byte stream and yields its elements one at a time, in order.
 *
 * Memory stays proportional to the largest element (bounded by `maxElementBytes`), whatever the size of the feed.
 * An element that is not UTF-8, or not JSON on its own, is yielded as an {@link ArrayElementError} and reading goes on.
 * Problems with the document as a whole throw a {@link FeedFormatError}: not an array, empty, an element over the
 * limit (thrown as soon as the limit is passed, before reading further), a structural error, input that ends before
 * the closing `]`, or data after it. Such an error may come after some elements were yielded, so a caller that must not
 * apply a partial feed should read it inside a transaction.
 *
 * Stopping early (`break`) or an error closes `source`, as `for await` does.
 */
export async function* readJsonArray(
  source: AsyncIterable<Uint8Array>,
  options: JsonArrayStreamOptions = {},
): AsyncGenerator<ArrayElement, void, undefined> {
  const maxElementBytes = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
  if (!(maxElementBytes > 0)) throw new RangeError('maxElementBytes must be a positive number');
  const onProgress = options.onProgress;
  // Fatal, so bad bytes are detected rather than silently replaced; ignoreBOM keeps a stray BOM inside an element,
  // so that element fails to parse as it would in the whole document.
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const scanner = new Scanner(maxElementBytes);
  let index = 0;
  let bytesRead = 0;

  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) {
      throw new TypeError('readJsonArray expects a stream of bytes (Uint8Array chunks), not text');
    }
    if (chunk.length === 0) continue;
    bytesRead += chunk.length;
    onProgress?.(bytesRead);
    scanner.feed(chunk);
    while (scanner.scan() === ELEMENT) {
      yield decodeElement(
        scanner.elementBytes,
        scanner.elementOffset,
        scanner.nonAscii,
        index++,
        strict,
        options.fingerprintSalt,
      );
    }
  }
  scanner.finish();
}

function decodeElement(
  bytes: Uint8Array,
  byteOffset: number,
  nonAscii: boolean,
  index: number,
  strict: TextDecoder,
  salt?: string,
): ArrayElement {
  const byteLength = bytes.length;
  let text: string;
  if (!nonAscii) {
    // ASCII is valid UTF-8 and decodes the same as Latin-1, which Node does much faster than a validating decoder.
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  } else {
    try {
      text = strict.decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(bytes);
      const where = bad >= 0 ? ` (first bad byte 0x${bytes[bad]!.toString(16)} at byte ${byteOffset + bad})` : '';
      return {
        kind: 'error',
        index,
        byteOffset,
        byteLength,
        error: {
          code: 'not_utf8',
          message: `element ${index} at byte ${byteOffset} is not valid UTF-8${where}`,
          rawPreview: preview(bytes),
        },
      };
    }
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (salt === undefined) return { kind: 'value', index, byteOffset, byteLength, value };
    return { kind: 'value', index, byteOffset, byteLength, value, fingerprint: hash('sha1', salt + text) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      kind: 'error',
      index,
      byteOffset,
      byteLength,
      error: {
        code: 'malformed_element',
        message: `element ${index} at byte ${byteOffset} is not valid JSON: ${reason}`,
        rawPreview: preview(bytes),
      },
    };
  }
}
