import { GROUP_LIMITS } from '../../../shared/schemas/groups.js';

/** Room left at the end of a slug for a clash's suffix ("-12"). */
const BASE_MAX = GROUP_LIMITS.slugMax - 8;

/**
 * The slug part of a group's name: lower case, words joined by "-". Accents come off Latin letters ("Café" →
 * "cafe"); other scripts keep their letters ("Группа" → "группа"), so a name in any language has a readable slug
 * (browsers show it decoded). A name with no letters or digits at all falls back to "group".
 */
export function slugBase(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = Array.from(base).slice(0, BASE_MAX).join('').replace(/-+$/, '');
  return cut === '' ? 'group' : cut;
}

/** Slugs that are pages of their own under /groups/ (the web app's "new group" page): a group never gets one. */
const RESERVED = new Set(['new']);

/** The first of `base`, `base-2`, `base-3`, … not in `taken` and not reserved. */
export function freeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base) && !RESERVED.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
