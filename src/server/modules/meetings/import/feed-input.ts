import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchFeed } from './fetch-feed.js';
import { readJsonArray, type ArrayElement } from './json-array-stream.js';

/** Where a feed comes from: a file or directory, a URL, or bytes already in hand (an upload). */
export type FeedLocation =
  { kind: 'path'; path: string } | { kind: 'url'; url: string } | { kind: 'bytes'; body: AsyncIterable<Uint8Array> };

export interface FetchLimits {
  timeoutMs?: number;
  maxBytes?: number;
  etag?: string | null;
  lastModified?: string | null;
}

export type OpenedFeed =
  | { status: 'not_modified' }
  | {
      status: 'ok';
      elements: AsyncIterable<ArrayElement>;
      etag: string | null;
      lastModified: string | null;
      /** BMLT only: GetFormats and GetServiceBodies, parsed. */
      formats?: unknown;
      serviceBodies?: unknown;
    };

/** Whole-body limit for the small BMLT documents (formats, service bodies). */
const SMALL_DOCUMENT_BYTES = 10 * 1024 * 1024;

export function locate(input: string): FeedLocation {
  return /^https?:\/\//i.test(input) ? { kind: 'url', url: input } : { kind: 'path', path: input };
}

/**
 * Opens a Meeting Guide feed as a stream of meetings. URLs are fetched with
 * the conditional headers given; an unchanged feed answers not_modified.
 */
export async function openMeetingGuide(
  location: FeedLocation,
  limits: FetchLimits = {},
  onBytes?: (n: number) => void,
  fingerprintSalt?: string,
): Promise<OpenedFeed> {
  if (location.kind === 'url') {
    const res = await fetchFeed(location.url, limits);
    if (res.status === 'not_modified') return res;
    return {
      status: 'ok',
      elements: readJsonArray(res.body, { onProgress: onBytes, fingerprintSalt }),
      etag: res.etag,
      lastModified: res.lastModified,
    };
  }
  const body = location.kind === 'path' ? createReadStream(location.path, { highWaterMark: 256 * 1024 }) : location.body;
  return {
    status: 'ok',
    elements: readJsonArray(body, { onProgress: onBytes, fingerprintSalt }),
    etag: null,
    lastModified: null,
  };
}

/**
 * Opens a BMLT source. A URL is a root server: GetFormats, GetServiceBodies
 * and GetSearchResults are fetched from its client interface. A path is a
 * directory holding GetFormats.json, GetServiceBodies.json and
 * GetSearchResults.json, named as a root server's switchers are.
 */
export async function openBmlt(
  location: FeedLocation,
  limits: FetchLimits = {},
  onBytes?: (n: number) => void,
): Promise<OpenedFeed> {
  if (location.kind === 'bytes') throw new Error('a BMLT source is a root server URL or a directory, not a single upload');
  if (location.kind === 'url') {
    const base = location.url.replace(/\/+$/, '').replace(/\/client_interface\/json\/?.*$/, '');
    const endpoint = (switcher: string) => `${base}/client_interface/json/?switcher=${switcher}`;
    const [formats, serviceBodies] = await Promise.all([
      fetchSmall(endpoint('GetFormats'), limits),
      fetchSmall(endpoint('GetServiceBodies'), limits),
    ]);
    const res = await fetchFeed(endpoint('GetSearchResults'), { ...limits, etag: null, lastModified: null });
    if (res.status === 'not_modified') return res;
    return {
      status: 'ok',
      elements: readJsonArray(res.body, { onProgress: onBytes }),
      etag: null,
      lastModified: null,
      formats,
      serviceBodies,
    };
  }
  const dir = location.path;
  if (!(await stat(dir)).isDirectory())
    throw new Error(
      `${dir} is not a directory; a BMLT source needs GetSearchResults.json, GetFormats.json and GetServiceBodies.json`,
    );
  const formats = await readSmallJson(join(dir, 'GetFormats.json'));
  const serviceBodies = await readSmallJson(join(dir, 'GetServiceBodies.json'));
  const elements = readJsonArray(createReadStream(join(dir, 'GetSearchResults.json'), { highWaterMark: 256 * 1024 }), {
    onProgress: onBytes,
  });
  return { status: 'ok', elements, etag: null, lastModified: null, formats, serviceBodies };
}

async function fetchSmall(url: string, limits: FetchLimits): Promise<unknown> {
  const res = await fetchFeed(url, { timeoutMs: limits.timeoutMs, maxBytes: SMALL_DOCUMENT_BYTES });
  if (res.status !== 'ok')
    throw new Error(`${new URL(url).searchParams.get('switcher')} answered 304 to a request without a validator`);
  const chunks: Uint8Array[] = [];
  for await (const c of res.body) chunks.push(c);
  return parseSmall(Buffer.concat(chunks).toString('utf8'), url);
}

async function readSmallJson(path: string): Promise<unknown> {
  const size = (await stat(path)).size;
  if (size > SMALL_DOCUMENT_BYTES) throw new Error(`${path} is larger than ${SMALL_DOCUMENT_BYTES / 1024 / 1024} MB`);
  return parseSmall(await readFile(path, 'utf8'), path);
}

function parseSmall(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${where.replace(/\/\/[^@/]*@/, '//')} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}
