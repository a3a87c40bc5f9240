import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FeedFetchError, type FetchFeedOptions, type FetchFeedResult, fetchFeed } from './fetch-feed.js';
import { readJsonArray } from './json-array-stream.js';

const FEED = JSON.stringify([{ slug: 'monday-serenity' }, { slug: 'tuesday-hope' }]);
const ETAG = '"feed-v1"';
const LAST_MODIFIED = 'Tue, 03 Mar 2026 10:00:00 GMT';
// 10 MiB of zeros gzips to about 10 KB; several members back to back are one valid gzip stream.
const BOMB_MEMBER = gzipSync(Buffer.alloc(10 * 1024 * 1024));

/** What the server saw of one request, looked up by the `id` query parameter. */
interface Seen {
  headers: IncomingHttpHeaders;
  bytesWritten: number;
  finished: boolean;
  closed: Promise<void>;
}

let server: Server;
let base: string;
const seen = new Map<string, Seen>();
let nextId = 0;

/** A fresh URL for `path` on the test server, with an id to find what the server saw. */
function url(path: string, query = ''): { href: string; id: string } {
  const id = String(nextId++);
  return { href: `${base}${path}?id=${id}${query}`, id };
}

/** Writes `chunk` again and again, waiting for the socket to drain as a real server does, until `count` or close. */
function pump(res: ServerResponse, record: Seen, chunk: Uint8Array, count: number): void {
  let sent = 0;
  const more = () => {
    while (sent < count && !res.destroyed) {
      sent++;
      record.bytesWritten += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    if (sent === count) {
      record.finished = true;
      res.end();
    }
  };
  more();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://test');
    let resolveClosed!: () => void;
    const record: Seen = {
      headers: req.headers,
      bytesWritten: 0,
      finished: false,
      closed: new Promise((resolve) => (resolveClosed = resolve)),
    };
    seen.set(target.searchParams.get('id') ?? '', record);
    res.on('close', () => resolveClosed());

    switch (target.pathname) {
      case '/feed':
        if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
          res.writeHead(304, { etag: ETAG }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', etag: ETAG, 'last-modified': LAST_MODIFIED }).end(FEED);
        return;
      case '/echo-headers':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers));
        return;
      case '/status':
        res.writeHead(Number(target.searchParams.get('answer')), { 'content-type': 'text/plain' }).end('sorry');
        return;
      case '/no-answer':
        return; // never answers; the client must give up
      case '/stall-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"slug":"first"},');
        return; // the rest never comes
      case '/endless':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        pump(res, record, Buffer.from('{"slug":"again"},'.repeat(1000)), Number.POSITIVE_INFINITY);
        return;
      case '/bomb':
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        pump(res, record, BOMB_MEMBER, Number(target.searchParams.get('members')));
        return;
      case '/declared-large':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
        res.write('[');
        return; // the rest would come slowly: the client must not wait for it
      case '/cut':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"slug":"first"},', () => setTimeout(() => res.destroy(), 20));
        return;
      case '/redirect':
        res.writeHead(302, { location: target.searchParams.get('to') ?? '/feed' }).end();
        return;
      case '/redirect-loop':
        res.writeHead(302, { location: `/redirect-loop${target.search}` }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function text(result: FetchFeedResult): Promise<string> {
  if (result.status !== 'ok') throw new Error(`expected a body, got ${result.status}`);
  const parts: Uint8Array[] = [];
  for await (const chunk of result.body) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** Runs `action` and returns the FeedFetchError it must throw. */
async function fetchErrorOf(action: () => Promise<unknown>): Promise<FeedFetchError> {
  try {
    await action();
  } catch (err) {
    if (err instanceof FeedFetchError) return err;
    throw err;
  }
  throw new Error('expected a FeedFetchError');
}

/** A port on 127.0.0.1 that nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const readAll = (href: string, options?: FetchFeedOptions) => async () => text(await fetchFeed(href, options));

describe('fetchFeed', () => {
  it('returns the body, validators and content type of a 200', async () => {
    const { href, id } = url('/feed');
    const result = await fetchFeed(href, { userAgent: 'kinship-test' });
    expect(result).toMatchObject({ status: 'ok', etag: ETAG, lastModified: LAST_MODIFIED, contentType: 'application/json' });
    expect(await text(result)).toBe(FEED);
    expect(seen.get(id)!.headers).toMatchObject({ 'user-agent': 'kinship-test' });
    expect(seen.get(id)!.headers['if-none-match']).toBeUndefined();
  });

  it('streams straight into readJsonArray', async () => {
    const result = await fetchFeed(url('/feed').href);
    if (result.status !== 'ok') throw new Error('expected ok');
    const slugs: unknown[] = [];
    for await (const element of readJsonArray(result.body)) {
      if (element.kind === 'value') slugs.push((element.value as { slug: string }).slug);
    }
    expect(slugs).toEqual(['monday-serenity', 'tuesday-hope']);
  });

  it('sends If-None-Match and reports not_modified on a 304', async () => {
    const { href, id } = url('/feed');
    expect(await fetchFeed(href, { etag: ETAG })).toEqual({ status: 'not_modified' });
    expect(seen.get(id)!.headers['if-none-match']).toBe(ETAG);
  });

  it('sends If-Modified-Since', async () => {
    const { href, id } = url('/feed');
    expect(await fetchFeed(href, { lastModified: LAST_MODIFIED, etag: null })).toEqual({ status: 'not_modified' });
    expect(seen.get(id)!.headers['if-modified-since']).toBe(LAST_MODIFIED);
    expect(seen.get(id)!.headers['if-none-match']).toBeUndefined();
  });

  it('follows a redirect', async () => {
    const result = await fetchFeed(url('/redirect', '&to=/feed').href);
    expect(await text(result)).toBe(FEED);
  });

  it('fails with http_status and the standard reason for a non-2xx answer', async () => {
    for (const [code, reason] of [
      [500, 'Internal Server Error'],
      [503, 'Service Unavailable'],
      [404, 'Not Found'],
    ] as const) {
      const { href } = url('/status', `&answer=${code}`);
      const err = await fetchErrorOf(() => fetchFeed(href));
      expect(err).toMatchObject({ code: 'http_status', status: code });
      expect(err.message).toBe(`the server answered ${code} ${reason} for the feed at ${href}`);
    }
  });

  it('times out when the server does not answer', async () => {
    const { href, id } = url('/no-answer');
    const started = performance.now();
    const err = await fetchErrorOf(() => fetchFeed(href, { timeoutMs: 300 }));
    expect(err.code).toBe('timeout');
    expect(err.message).toBe(`the feed at ${href} did not arrive within 300 ms`);
    expect(performance.now() - started).toBeLessThan(2_000);
    await seen.get(id)!.closed; // the connection was dropped
  });

  it('times out while the body is still being read', async () => {
    const { href, id } = url('/stall-body');
    const result = await fetchFeed(href, { timeoutMs: 300 });
    if (result.status !== 'ok') throw new Error('expected ok');
    const slugs: unknown[] = [];
    const err = await fetchErrorOf(async () => {
      for await (const element of readJsonArray(result.body)) slugs.push(element.kind === 'value' && element.value);
    });
    expect(err.code).toBe('timeout');
    expect(slugs).toEqual([{ slug: 'first' }]);
    await seen.get(id)!.closed;
  });

  it('stops an endless response at maxBytes and closes the connection', async () => {
    const { href, id } = url('/endless');
    const result = await fetchFeed(href, { maxBytes: 256 * 1024 });
    if (result.status !== 'ok') throw new Error('expected ok');
    let received = 0;
    const err = await fetchErrorOf(async () => {
      for await (const chunk of result.body) received += chunk.length;
    });
    expect(err.code).toBe('too_large');
    expect(err.message).toBe(
      `the feed at ${href} is larger than the limit of 262144 bytes (after decompression); stopped reading`,
    );
    expect(received).toBeLessThanOrEqual(256 * 1024);
    await seen.get(id)!.closed;
    expect(seen.get(id)!.finished).toBe(false);
  });

  it('stops a gzip bomb at 1 MB of decompressed bytes', async () => {
    // 5 members: 50 MiB once inflated, about 50 KB on the wire.
    const result = await fetchFeed(url('/bomb', '&members=5').href, { maxBytes: 1024 * 1024 });
    if (result.status !== 'ok') throw new Error('expected ok');
    let received = 0;
    const err = await fetchErrorOf(async () => {
      for await (const chunk of result.body) received += chunk.length;
    });
    expect(err.code).toBe('too_large');
    expect(received).toBeLessThanOrEqual(1024 * 1024);
  });

  it('does not inflate the rest of a gzip bomb: the server is never allowed to send it all', async () => {
    // 2,400 members: 24 GiB once inflated, about 24 MB on the wire, far more than the socket buffers hold. The server
    // writes only as fast as the client reads, so it finishing would mean the client kept inflating after the limit.
    const { href, id } = url('/bomb', '&members=2400');
    const started = performance.now();
    const result = await fetchFeed(href, { maxBytes: 1024 * 1024 });
    const err = await fetchErrorOf(() => text(result));
    expect(err.code).toBe('too_large');
    const record = seen.get(id)!;
    await record.closed;
    expect(record.finished).toBe(false);
    expect(record.bytesWritten).toBeLessThan(2400 * BOMB_MEMBER.length);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('fails at once when content-length is over the limit', async () => {
    const { href, id } = url('/declared-large');
    const err = await fetchErrorOf(() => fetchFeed(href, { maxBytes: 1024 * 1024, timeoutMs: 10_000 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe(`the feed at ${href} is 52428800 bytes, more than the limit of 1048576`);
    await seen.get(id)!.closed;
  });

  it('refuses URLs that are not http or https, or not URLs', async () => {
    for (const bad of ['ftp://example.org/feed.json', 'file:///etc/passwd', 'javascript:alert(1)', 'data:,[]']) {
      const err = await fetchErrorOf(() => fetchFeed(bad));
      expect(err.code).toBe('bad_url');
      expect(err.message).toMatch(/^the feed URL must start with http:\/\/ or https:\/\/, not [a-z]+:\/\/$/);
    }
    const err = await fetchErrorOf(() => fetchFeed('not a url with user:hunter2'));
    expect(err).toMatchObject({ code: 'bad_url', message: 'the feed URL is not a valid URL' });
  });

  it('refuses a redirect to another scheme', async () => {
    const err = await fetchErrorOf(() => fetchFeed(url('/redirect', '&to=file:///etc/passwd').href));
    expect(err.code).toBe('bad_url');
    expect(err.message).toMatch(
      /^the feed at http:\/\/127\.0\.0\.1:\d+\/redirect\?id=\d+&to=file%3A%2F%2F%2Fetc%2Fpasswd redirected to a URL that is not http or https$/,
    );
  });

  it('gives up on a redirect loop', async () => {
    const { href } = url('/redirect-loop');
    const err = await fetchErrorOf(() => fetchFeed(href));
    expect(err).toMatchObject({
      code: 'too_many_redirects',
      message: `the feed at ${href} redirected too many times`,
    });
  });

  it('reports a refused connection as a network error', async () => {
    const port = await closedPort();
    const err = await fetchErrorOf(() => fetchFeed(`http://127.0.0.1:${port}/feed.json`));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(
      new RegExp(`^could not fetch the feed at http://127\\.0\\.0\\.1:${port}/feed\\.json: .*ECONNREFUSED`),
    );
  });

  it('reports a connection cut while the body is read as a network error', async () => {
    const { href } = url('/cut');
    const result = await fetchFeed(href);
    const err = await fetchErrorOf(() => text(result));
    expect(err.code).toBe('network');
    expect(err.message).toBe(`could not fetch the feed at ${href}: other side closed`);
  });

  it('refuses a port that fetch considers unsafe', async () => {
    const err = await fetchErrorOf(() => fetchFeed('http://127.0.0.1:25/feed.json'));
    expect(err.code).toBe('bad_url');
    expect(err.message).toBe(
      'the feed at http://127.0.0.1:25/feed.json (or a URL it redirected to) uses a port that fetch refuses as unsafe',
    );
  });

  it('sends URL credentials as Basic authorization and never shows them in a message', async () => {
    const withCredentials = (path: string, query = '') =>
      url(path, `${query}&token=query-secret`).href.replace('http://', 'http://meetings%40example.org:hunter2@');

    const echoed = JSON.parse(await text(await fetchFeed(withCredentials('/echo-headers')))) as IncomingHttpHeaders;
    expect(echoed.authorization).toBe(`Basic ${Buffer.from('meetings@example.org:hunter2').toString('base64')}`);

    const errors = [
      await fetchErrorOf(() => fetchFeed(withCredentials('/status', '&answer=503'))),
      await fetchErrorOf(() => fetchFeed(withCredentials('/no-answer'), { timeoutMs: 200 })),
      await fetchErrorOf(readAll(withCredentials('/endless'), { maxBytes: 1000 })),
      await fetchErrorOf(() => fetchFeed(withCredentials('/declared-large'), { maxBytes: 1000 })),
      await fetchErrorOf(() => fetchFeed(withCredentials('/redirect-loop'))),
      await fetchErrorOf(async () =>
        fetchFeed(`http://meetings:hunter2@127.0.0.1:${await closedPort()}/feed?token=query-secret`),
      ),
      await fetchErrorOf(() => fetchFeed('http://meetings:hunter2@127.0.0.1:25/feed?token=query-secret')),
      await fetchErrorOf(() => fetchFeed('gopher://meetings:hunter2@127.0.0.1/feed')),
    ];
    expect(errors.map((err) => err.code)).toEqual([
      'http_status',
      'timeout',
      'too_large',
      'too_large',
      'too_many_redirects',
      'network',
      'bad_url',
      'bad_url',
    ]);
    for (const err of errors) {
      expect(err.message).not.toMatch(/hunter2|meetings%40|meetings:|query-secret/);
      expect(String(err.stack)).not.toMatch(/hunter2|query-secret/);
    }
    // The rest of the URL stays, so the operator can tell which feed it was.
    expect(errors[0]!.message).toMatch(
      /^the server answered 503 Service Unavailable for the feed at http:\/\/127\.0\.0\.1:\d+\/status\?id=\d+&answer=503&token=\*\*\*$/,
    );
  });

  it("rejects with the caller's reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const { href, id } = url('/no-answer');
    setTimeout(() => controller.abort(reason), 50);
    await expect(fetchFeed(href, { signal: controller.signal })).rejects.toBe(reason);
    await seen.get(id)!.closed;

    const stalled = url('/stall-body');
    const later = new AbortController();
    const result = await fetchFeed(stalled.href, { signal: later.signal });
    setTimeout(() => later.abort(reason), 50);
    await expect(text(result)).rejects.toBe(reason);
    await seen.get(stalled.id)!.closed;

    await expect(fetchFeed(url('/feed').href, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('closes the connection when the reader stops early, or never starts', async () => {
    const first = url('/endless');
    const result = await fetchFeed(first.href);
    if (result.status !== 'ok') throw new Error('expected ok');
    for await (const chunk of result.body) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await seen.get(first.id)!.closed;
    expect(seen.get(first.id)!.finished).toBe(false);

    const second = url('/endless');
    const unread = await fetchFeed(second.href);
    if (unread.status !== 'ok') throw new Error('expected ok');
    await unread.body[Symbol.asyncIterator]().return?.();
    await seen.get(second.id)!.closed;
  });

  it('releases a body that is never read when the deadline passes', async () => {
    const { href, id } = url('/endless');
    const result = await fetchFeed(href, { timeoutMs: 300 });
    expect(result.status).toBe('ok');
    await seen.get(id)!.closed;
  });
});
