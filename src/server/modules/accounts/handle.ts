/**
 * The handle as stored for uniqueness: case-folded, so "Sam" and "sam" are one handle and sign-in ignores case.
 * Handles are ASCII only (the schema's pattern), so lower-casing is the whole fold.
 */
export function handleKey(handle: string): string {
  return handle.trim().toLowerCase();
}

/** Handles that would let someone pass for the site or its staff. */
const RESERVED = new Set([
  'admin',
  'administrator',
  'root',
  'kinship',
  'moderator',
  'mod',
  'support',
  'staff',
  'system',
  'former-member',
  'formermember',
  'anonymous',
  'help',
  'security',
]);

export function isReservedHandle(handle: string): boolean {
  return RESERVED.has(handleKey(handle).replace(/[._]/g, '-'));
}
