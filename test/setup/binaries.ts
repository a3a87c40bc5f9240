import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Finds an executable on PATH or in the extra directories given. */
export function findBinary(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Debian installs PostgreSQL's server binaries outside PATH, per major version. */
export function postgresBinDirs(): string[] {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(base, v, 'bin'));
}

export const inCi = process.env.CI === 'true';

/**
 * What to do when a service or browser is missing: under CI=true the run
 * fails (a silent skip would turn CI green while testing nothing); locally it
 * prints one line saying what to install, and the tests that need it skip.
 */
export function missing(what: string, install: string): void {
  const line = `${what} not found: ${install}`;
  if (inCi) throw new Error(`CI=true and ${line}`);
  process.stderr.write(`[kinship tests] ${line}; its tests are skipped.\n`);
}
