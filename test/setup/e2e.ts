import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import type {} from './provided-context.js';
import { ensureBuilt } from '../../scripts/ensure-built.js';
import { missing } from './binaries.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the web app if its sources changed, and finds the browser. */
export default async function setup(project: TestProject): Promise<void> {
  await ensureBuilt({ web: true });
  const present = existsSync(CHROMIUM_PATH);
  if (!present) missing(`Chromium (${CHROMIUM_PATH})`, 'install it with `apt-get install chromium`');
  project.provide('chromiumPath', present ? CHROMIUM_PATH : null);
}
