/**
 * `npm run bench:bundle`: how much JavaScript the finder's first load ships (bench/README.md). One run:
 *
 * 1. builds the web app with the project's own Vite config into a temporary directory (not dist/, so it never
 *    races a build the tests or the server use), with Vite's manifest;
 * 2. follows the manifest from the entry through its static imports: that closure is what the browser must fetch
 *    before the first page can render; dynamic imports (lazily loaded routes) are counted apart;
 * 3. builds, in the same run and with the same settings, the smallest React page there is (react-dom/client
 *    rendering one paragraph): the floor any React page pays, the baseline the figure is compared with.
 *
 * Sizes are gzip at level 9 (what a CDN or `@fastify/static`'s precompressed files would serve) and brotli; the
 * target is on gzip. Prints each figure, then a JSON summary as the last line. Exits 0 when it measured, whether or
 * not the target was met (the summary says); non-zero when the build failed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import react from '@vitejs/plugin-react';
import { BenchFailure, fixed, runBench, say } from './lib/bench-run.js';

const TARGET_INITIAL_JS_GZIP_KB = 150;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Sizes {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

const kb = (bytes: number) => fixed(bytes / 1024, 1);

async function sizesOf(dir: string, files: Iterable<string>): Promise<Sizes> {
  const out: Sizes = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    out.files++;
    out.raw += bytes.length;
    out.gzip += gzipSync(bytes, { level: 9 }).length;
    out.brotli += brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return out;
}

/** The entry's chunk and every chunk it imports statically, transitively; and the CSS they bring. */
function initialFiles(manifest: Manifest): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    chunk.css?.forEach((f) => css.add(f));
    chunk.imports?.forEach(visit);
  };
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  if (entries.length !== 1) throw new BenchFailure(`expected one entry in the Vite manifest, found ${entries.length}`);
  visit(entries[0]![0]);
  return { js, css };
}

const everyJs = (manifest: Manifest) =>
  new Set(
    Object.values(manifest)
      .map((c) => c.file)
      .filter((f) => f.endsWith('.js')),
  );

async function readManifest(outDir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The smallest React page, built with the same plugin and target as the app. */
async function buildBaseline(dir: string): Promise<Sizes> {
  const root = join(dir, 'baseline-src');
  const outDir = join(dir, 'baseline');
  await mkdir(root, { recursive: true });
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="./main.tsx"></script>',
  );
  await writeFile(
    join(root, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<p>Hello</p>);\n",
  );
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: { react: join(ROOT, 'node_modules/react'), 'react-dom': join(ROOT, 'node_modules/react-dom') } },
    build: { outDir, emptyOutDir: true, manifest: true, target: 'es2022' },
  });
  return sizesOf(outDir, initialFiles(await readManifest(outDir)).js);
}

runBench('bundle', async ({ dir }) => {
  const outDir = join(dir, 'web');
  say('bench:bundle — building the web app (production) into a temporary directory');
  process.env.NODE_ENV = 'production';
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: join(ROOT, 'src/web'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
  });
  const manifest = await readManifest(outDir);
  const initial = initialFiles(manifest);
  const js = await sizesOf(outDir, initial.js);
  const css = await sizesOf(outDir, initial.css);
  const lazy = [...everyJs(manifest)].filter((f) => !initial.js.has(f));
  const lazyJs = await sizesOf(outDir, lazy);
  const baseline = await buildBaseline(dir);

  say(`first load: ${js.files} JS files, ${kb(js.raw)} KB raw, ${kb(js.gzip)} KB gzip, ${kb(js.brotli)} KB brotli`);
  say(`            ${css.files} CSS files, ${kb(css.gzip)} KB gzip`);
  say(`lazy (routes loaded when visited): ${lazyJs.files} JS files, ${kb(lazyJs.gzip)} KB gzip in all`);
  say(`baseline, the smallest React page built the same way: ${kb(baseline.gzip)} KB gzip`);
  const summary = {
    bench: 'bundle',
    initial_js_gzip_kb: kb(js.gzip),
    initial_js_brotli_kb: kb(js.brotli),
    initial_js_raw_kb: kb(js.raw),
    initial_css_gzip_kb: kb(css.gzip),
    lazy_js_gzip_kb: kb(lazyJs.gzip),
    lazy_chunks: lazyJs.files,
    baseline_react_gzip_kb: kb(baseline.gzip),
    initial_over_baseline: fixed(js.gzip / baseline.gzip, 2),
    target_initial_js_gzip_kb: TARGET_INITIAL_JS_GZIP_KB,
    targets_met: js.gzip / 1024 <= TARGET_INITIAL_JS_GZIP_KB,
  };
  say(
    `initial_js_gzip_kb ${summary.initial_js_gzip_kb} KB   target ≤ ${TARGET_INITIAL_JS_GZIP_KB} KB   ` +
      `${summary.targets_met ? 'PASS' : 'FAIL'} (${summary.initial_over_baseline} × the React floor)`,
  );
  say(JSON.stringify(summary));
});
