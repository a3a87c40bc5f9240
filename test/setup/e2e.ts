import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureBuilt } from '../../scripts/ensure-built.js';
import { missing } from './binaries.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of Debian's Chromium, or null when it is not installed (never under CI). */
    chromiumPath: string | null;
  }
}

/** Builds the web app if its sources changed, and finds the browser. */
export default async function setup(project: TestProject): Promise<void> {
  await ensureBuilt({ web: true });
  const present = existsSync(CHROMIUM_PATH);
  if (!present) missing(`Chromium (${CHROMIUM_PATH})`, 'install it with `apt-get install chromium`');
  project.provide('chromiumPath', present ? CHROMIUM_PATH : null);
}
