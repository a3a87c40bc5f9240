// Kinship's service worker: the app opens offline, with saved meetings (kept on the device, see
// src/web/lib/saved-meetings.ts) and the last results and meetings seen. Plain JavaScript served as is from /sw.js
// (never cached long: src/server/plugins/web.ts), so the browser picks up a new version on the next visit.
//
// - Install: caches every file of the build, listed by the build in /sw-precache.json (scripts/vite-precache.ts),
//   so every page opens offline, even one never visited. The cache is named after that list, which changes with
//   every build that changes code; activation removes the caches of older builds.
// - Pages (navigations): the network first, so a deploy or a server-rendered meeting page is seen at once; offline,
//   the cached app, which then routes on the client.
// - /assets/: the cache first. Their names carry a hash of their content, so a cached one is never stale.
// - Searches, meetings and places from the API: the network first; offline, the last answer to the same URL. Kept
//   in a cache of their own, bounded, on this device only. Nothing else is cached, and only GET requests are seen.

const SHELL_PREFIX = 'kinship-shell-';
const DATA_CACHE = 'kinship-data-v1';
/** Answers kept for offline use; the oldest go first. */
const DATA_LIMIT = 60;
// The app's icon and discreet mode's neutral one (src/web/lib/discreet.ts), so a discreet tab stays neutral offline.
const ICONS = ['/icon.svg', '/neutral-icon.svg'];
const CACHED_API = [/^\/api\/meetings(\/\d+)?$/, /^\/api\/places$/];

async function shellCacheName(list) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(list)));
  const hex = [...new Uint8Array(digest)]
    .slice(0, 8)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  return SHELL_PREFIX + hex;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const list = await (await fetch('/sw-precache.json', { cache: 'no-cache' })).json();
      const cache = await caches.open(await shellCacheName(list));
      await cache.addAll(list.map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const list = await (await fetch('/sw-precache.json', { cache: 'no-cache' })).json().catch(() => null);
      const current = list ? await shellCacheName(list) : null;
      const names = await caches.keys();
      // Only the shell of the build this worker installed stays (if the list cannot be read now, none is removed).
      if (current)
        await Promise.all(names.filter((n) => n.startsWith(SHELL_PREFIX) && n !== current).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function fromShell(request) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(SHELL_PREFIX)) continue;
    const hit = await (await caches.open(name)).match(request, { ignoreSearch: true });
    if (hit) return hit;
  }
  return undefined;
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const shell = await fromShell(new Request('/'));
    if (shell) return shell;
    throw err;
  }
}

async function asset(request) {
  const hit = await fromShell(request);
  if (hit) return hit;
  const cache = await caches.open(DATA_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function apiAnswer(request) {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
      const keys = await cache.keys();
      await Promise.all(keys.slice(0, Math.max(0, keys.length - DATA_LIMIT)).map((k) => cache.delete(k)));
    }
    return response;
  } catch (err) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/') || ICONS.includes(url.pathname)) event.respondWith(asset(request));
  else if (CACHED_API.some((re) => re.test(url.pathname))) event.respondWith(apiAnswer(request));
});
