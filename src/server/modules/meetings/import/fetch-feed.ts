/**
 * Fetches a meeting feed over HTTP(S) with the limits a server needs when it downloads from hosts it does not run:
 * one deadline for the whole download, a size cap counted after decompression (a small gzip body can inflate to
 * gigabytes), conditional requests so an unchanged feed costs one round trip, and error messages an operator can act
 * on that never repeat the credentials or query string of the feed URL.
 */
import { STATUS_CODES } from 'node:http';

export const DEFAULT_FEED_TIMEOUT_MS = 30_000;
export const DEFAULT_FEED_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_FEED_USER_AGENT = 'Kinship meeting-feed importer';

export interface FetchFeedOptions {
  /** Deadline for the whole request, reading the body included. Default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted, counted after decompression. Default 100 MiB. */
  maxBytes?: number;
  /** The `ETag` of the copy already imported; sent as `If-None-Match`. */
  etag?: string | null;
  /** The `Last-Modified` of the copy already imported; sent as `If-Modified-Since`. */
  lastModified?: string | null;
  userAgent?: string;
  /** Cancels the request; the promise or the body then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export type FetchFeedResult =
  | { status: 'not_modified' }
  | {
      status: 'ok';
      /**
       * The decompressed body, read once. It throws `too_large` or `timeout` while being read. Read it to the end or
       * stop with `break`/`return()` (as `for await` does on an error) so the connection is released at once; a body
       * that is never read is released when the deadline passes.
       */
      body: AsyncIterable<Uint8Array>;
      etag: string | null;
      lastModified: string | null;
      contentType: string | null;
    };

export type FeedFetchErrorCode = 'timeout' | 'too_large' | 'http_status' | 'network' | 'bad_url' | 'too_many_redirects';

/** The feed could not be fetched. `message` is meant for an operator and never contains URL credentials. */
export class FeedFetchError extends Error {
  constructor(
    readonly code: FeedFetchErrorCode,
    message: string,
    /** The HTTP status, for `http_status`. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FeedFetchError';
  }
}

interface FeedUrl {
  /** What is requested: the URL without user and password. */
  target: string;
  /** What messages show: no user or password, no fragment, and the values of secret-looking query parameters hidden. */
  display: string;
  /** Basic credentials taken from the URL, since fetch refuses URLs that contain them. */
  authorization: string | null;
}

function parseFeedUrl(url: string): FeedUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: an unparsable string may still hold a password.
    throw new FeedFetchError('bad_url', 'the feed URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedFetchError('bad_url', `the feed URL must start with http:// or https://, not ${parsed.protocol}//`);
  }
  let authorization: string | null = null;
  if (parsed.username !== '' || parsed.password !== '') {
    const credentials = `${decodeUserinfo(parsed.username)}:${decodeUserinfo(parsed.password)}`;
    authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  return { target: parsed.href, display: displayUrl(parsed), authorization };
}

function decodeUserinfo(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a stray '%': the URL parser kept it as typed, so send it as typed
  }
}

// Query parameters whose values are hidden in messages. The rest stay, since they often say which document failed
// (a BMLT root server serves every document from one path, told apart by `?switcher=`).
const SECRET_PARAMETER = /key|token|secret|pass|pwd|auth|sig|session|credential|code/i;

function displayUrl(url: URL): string {
  const query = new URLSearchParams(url.search);
  for (const name of new Set(query.keys())) {
    if (SECRET_PARAMETER.test(name)) query.set(name, '***');
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return `${url.origin}${url.pathname}${search}`;
}

/**
 * Fetches the feed at `url` (http or https only), conditionally when `etag` or `lastModified` is given.
 *
 * Resolves to `not_modified` on 304, or to `ok` with a body stream that enforces `maxBytes` and the deadline as it is
 * read. Rejects with a {@link FeedFetchError} for a bad URL, a network failure, a redirect loop, a non-2xx status, a
 * `content-length` over the cap, or the deadline; with the signal's reason if `signal` aborts. Every failure aborts the
 * underlying connection.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FEED_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_FEED_MAX_BYTES;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError('timeoutMs must be a positive number');
  if (!(maxBytes >= 0)) throw new RangeError('maxBytes must not be negative');
  const feedUrl = parseFeedUrl(url);
  const callerSignal = options.signal;
  callerSignal?.throwIfAborted();

  const request = new FeedRequest(feedUrl, timeoutMs, maxBytes, callerSignal);
  const headers: Record<string, string> = {
    accept: 'application/json, */*;q=0.5',
    'user-agent': options.userAgent ?? DEFAULT_FEED_USER_AGENT,
  };
  if (feedUrl.authorization) headers.authorization = feedUrl.authorization;
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  let response: Response;
  try {
    // fetch follows at most 20 redirects, and drops the authorization header when a redirect leaves the origin.
    response = await fetch(feedUrl.target, { headers, redirect: 'follow', signal: request.signal });
  } catch (err) {
    throw request.fail(err);
  }

  try {
    if (response.status === 304) {
      request.finish();
      await response.body?.cancel();
      return { status: 'not_modified' };
    }
    if (!response.ok) {
      const reason = STATUS_CODES[response.status] ?? response.statusText;
      throw new FeedFetchError(
        'http_status',
        `the server answered ${response.status}${reason ? ` ${reason}` : ''} for the feed at ${feedUrl.display}`,
        response.status,
      );
    }
    // A declared length over the cap fails before any byte is read. With content-encoding it is the compressed size,
    // which is never meaningfully larger than what it decodes to, so it is a fair lower bound either way.
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      throw new FeedFetchError(
        'too_large',
        `the feed at ${feedUrl.display} is ${declared} bytes, more than the limit of ${maxBytes}`,
      );
    }
  } catch (err) {
    throw request.fail(err);
  }

  return {
    status: 'ok',
    body: new MeteredBody(response.body, request),
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    contentType: response.headers.get('content-type'),
  };
}

/**
 * One request's deadline, cancellation and clean-up. The fetch runs on a controller of our own, aborted by the
 * deadline or by the caller's signal, so aborting it on any failure tears the connection down and the reason for the
 * abort tells a timeout from a cancellation.
 */
class FeedRequest {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;
  private done = false;
  private readonly onCallerAbort = () => this.controller.abort(this.callerSignal?.reason);

  constructor(
    readonly url: FeedUrl,
    readonly timeoutMs: number,
    readonly maxBytes: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(this.timeoutError());
    }, timeoutMs);
    // The deadline alone should not keep a process alive; the connection it guards does that while it is open.
    this.timer.unref();
    callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The request ended well: stop the clock and let go of the caller's signal. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  /** The request failed: abort the connection, clean up, and return the error to throw for `err`. */
  fail(err: unknown): unknown {
    const error = this.classify(err);
    this.abort(error);
    return error;
  }

  /** Tears the connection down. Aborting an already-aborted controller does nothing, so this is safe on every path. */
  abort(reason: unknown): void {
    this.finish();
    this.controller.abort(reason);
  }

  tooLarge(): FeedFetchError {
    return new FeedFetchError(
      'too_large',
      `the feed at ${this.url.display} is larger than the limit of ${this.maxBytes} bytes (after decompression); stopped reading`,
    );
  }

  private timeoutError(): FeedFetchError {
    return new FeedFetchError('timeout', `the feed at ${this.url.display} did not arrive within ${this.timeoutMs} ms`);
  }

  private classify(err: unknown): unknown {
    if (this.timedOut) return err instanceof FeedFetchError && err.code === 'timeout' ? err : this.timeoutError();
    if (this.callerSignal?.aborted) return this.callerSignal.reason;
    if (err instanceof FeedFetchError) return err;
    // undici reports failures as TypeError('fetch failed') with the real reason as `cause`. Its messages never hold
    // our credentials, since they were taken out of the URL before the request.
    const cause = err instanceof Error && err.cause !== undefined ? err.cause : err;
    const detail = describe(cause);
    if (detail === 'redirect count exceeded') {
      return new FeedFetchError('too_many_redirects', `the feed at ${this.url.display} redirected too many times`, undefined, {
        cause: err,
      });
    }
    if (detail.includes('URL scheme must be a HTTP(S) scheme')) {
      return new FeedFetchError(
        'bad_url',
        `the feed at ${this.url.display} redirected to a URL that is not http or https`,
        undefined,
        {
          cause: err,
        },
      );
    }
    if (detail === 'bad port') {
      // fetch refuses ports of other protocols (25, 6000, ...) so a URL cannot be used to talk SMTP or X11.
      return new FeedFetchError(
        'bad_url',
        `the feed at ${this.url.display} (or a URL it redirected to) uses a port that fetch refuses as unsafe`,
        undefined,
        { cause: err },
      );
    }
    return new FeedFetchError('network', `could not fetch the feed at ${this.url.display}: ${detail}`, undefined, { cause: err });
  }
}

/** A readable reason from an undici or socket error: its message, else its code. */
function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (err.message) return err.message;
    if (typeof code === 'string') return code;
    // Connecting to every address of a host can fail with an AggregateError without a message of its own.
    if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
    return err.name;
  }
  return String(err);
}

/**
 * The response body as an async iterator that counts decompressed bytes as they are read. Written by hand rather than
 * as an async generator, because a generator's `return()` before its first `next()` skips its `finally`, and the
 * connection would then stay open until the deadline.
 */
class MeteredBody implements AsyncIterableIterator<Uint8Array> {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | null;
  private total = 0;
  private closed = false;

  constructor(
    body: ReadableStream<Uint8Array> | null,
    private readonly request: FeedRequest,
  ) {
    this.reader = body ? body.getReader() : null;
    if (!this.reader) this.end();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array, undefined>> {
    if (this.closed || !this.reader) return { done: true, value: undefined };
    let result: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
    try {
      result = await this.reader.read();
    } catch (err) {
      throw this.abort(err);
    }
    if (result.done) {
      this.end();
      return { done: true, value: undefined };
    }
    this.total += result.value.byteLength;
    if (this.total > this.request.maxBytes) throw this.abort(this.request.tooLarge());
    return { done: false, value: result.value };
  }

  /** Called by `for await` on `break` or an error in the loop: let go of the connection. */
  async return(): Promise<IteratorResult<Uint8Array, undefined>> {
    if (!this.closed) {
      this.closed = true;
      const reason = new Error('the feed body was not read to the end');
      this.request.abort(reason);
      this.cancel(reason);
    }
    return { done: true, value: undefined };
  }

  private end(): void {
    this.closed = true;
    this.request.finish();
  }

  private abort(err: unknown): unknown {
    this.closed = true;
    const error = this.request.fail(err);
    this.cancel(error);
    return error;
  }

  /** Aborting the request errors the stream; cancelling it too makes sure undici drops the socket and the decoder. */
  private cancel(reason: unknown): void {
    this.reader?.cancel(reason).catch(() => undefined);
  }
}
