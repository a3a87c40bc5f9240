// Builds dist/ when it is missing or older than its sources, so that
// `npm ci && npm start` works on a fresh clone with no separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time among the given files and directories (recursively). */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) visit(join(p, name));
    } else if (!p.endsWith('.test.ts') && !p.endsWith('.test.tsx')) {
      max = Math.max(max, st.mtimeMs);
    }
  };
  paths.forEach((p) => visit(join(root, p)));
  return max;
}

function builtAt(file) {
  const p = join(root, file);
  return existsSync(p) ? statSync(p).mtimeMs : -1;
}

function run(script) {
  process.stderr.write(`kinship: building (${script})...\n`);
  // Always a production build: when called from the test runner NODE_ENV is
  // 'test', and Vite would then bundle React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`kinship: npm run ${script} failed\n`);
    process.exit(r.status ?? 1);
  }
}

const common = ['src/shared', 'package.json', 'tsconfig.base.json'];

/** @param {{ web?: boolean }} what */
export async function ensureBuilt({ web = true } = {}) {
  const serverSources = newest([...common, 'src/server', 'src/cli', 'tsconfig.build.json']);
  if (builtAt('dist/cli/index.js') < serverSources) run('build:server');
  if (web) {
    const webSources = newest([...common, 'src/web', 'vite.config.ts']);
    if (builtAt('dist/web/index.html') < webSources) run('build:web');
  }
}
