import type { CursorKey, SortOrder } from './engine/query.js';

const SORTS: SortOrder[] = ['distance', 'soonest', 'name'];

/** Opaque to clients: base64url JSON of where the page ended and when the search was made. */
export function encodeCursor(c: CursorKey): string {
  const key = typeof c.key === 'number' && !Number.isFinite(c.key) ? null : c.key;
  return Buffer.from(JSON.stringify([1, c.sort, key, c.id, c.nowMs])).toString('base64url');
}

/** @returns the cursor, or null when it is not one of ours. */
export function decodeCursor(text: string, sort: SortOrder): CursorKey | null {
  try {
    const raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(raw) || raw.length !== 5 || raw[0] !== 1) return null;
    const [, s, key, id, nowMs] = raw as [number, unknown, unknown, unknown, unknown];
    if (typeof s !== 'string' || !SORTS.includes(s as SortOrder) || s !== sort) return null;
    if (!Number.isInteger(id) || !Number.isInteger(nowMs)) return null;
    const k = key === null ? Number.POSITIVE_INFINITY : key;
    if (typeof k !== 'number' && typeof k !== 'string') return null;
    if (s === 'name' ? typeof k !== 'string' : typeof k !== 'number') return null;
    return { sort: s, key: k, id: id as number, nowMs: nowMs as number };
  } catch {
    return null;
  }
}
