/** Pages that sign in; sending someone back to one after signing in would loop. */
const AUTH_PAGES = new Set(['/sign-in', '/sign-up', '/recover', '/forgot', '/reset']);

/**
 * Where to go after signing in: the `?next=` path when it stays on this site, else `fallback`. Only a path that
 * starts with one "/" is taken; absolute URLs ("https://evil.example"), protocol-relative ones ("//evil.example",
 * "/\evil.example", which browsers read as "//"), other schemes and control characters are refused, so a link
 * cannot use the sign-in page to send someone to another site (an open redirect).
 */
export function safeNextPath(raw: string | null | undefined, fallback = '/account'): string {
  if (!raw || raw.length > 2048) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, 'https://kinship.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'https://kinship.invalid') return fallback;
  if (AUTH_PAGES.has(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in link for the page at `path` (with its query), coming back to it afterwards. */
export function signInHref(path: string, page = '/sign-in'): string {
  const next = safeNextPath(path, '');
  return next && next !== '/' ? `${page}?${new URLSearchParams({ next }).toString()}` : page;
}
