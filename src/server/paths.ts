import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * The package root. This file sits two levels below it both as source
 * (`src/server/paths.ts`) and compiled (`dist/server/paths.js`).
 */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where `vite build` writes the web app. */
export const defaultWebRoot = join(projectRoot, 'dist', 'web');

export const packageVersion: string = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string })
  .version;
