import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/** The file the service worker (src/web/public/sw.js) reads on install: every URL it must cache to work offline. */
export const PRECACHE_FILE = 'sw-precache.json';

/**
 * Writes the list of the build's files that make the app work offline: the page, every script and style (all routes,
 * so a lazily loaded page opens offline even if it was never visited), and the static files of `public/` (icon,
 * manifest). Source maps and the service worker itself are left out. Vite names scripts by content hash, so the list
 * changes with every build that changes code, and with it the service worker's cache name.
 */
export function precacheList(): Plugin {
  let publicDir = '';
  return {
    name: 'kinship-precache-list',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const copied = publicDir ? filesUnder(publicDir).filter((f) => f !== 'sw.js') : [];
      const files = [...Object.keys(bundle), ...copied].filter(
        (f) => !f.endsWith('.map') && f !== PRECACHE_FILE && !f.startsWith('.vite/'),
      );
      const urls = ['/', ...files.filter((f) => f !== 'index.html').map((f) => `/${f}`)].sort();
      this.emitFile({ type: 'asset', fileName: PRECACHE_FILE, source: `${JSON.stringify(urls, null, 1)}\n` });
    },
  };
}

/** Paths of the files under `dir`, relative to it, with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'));
}
