import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Something ran but did not do what the benchmark needs; its timing would mean nothing. */
export class BenchFailure extends Error {}

class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

export const say = (line = '') => process.stdout.write(`${line}\n`);
export const fixed = (n: number, digits: number) => Number(n.toFixed(digits));
export const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

export interface BenchRun {
  /** A temporary directory for the run's feeds and databases, removed afterwards whatever happens. */
  dir: string;
  /** Aborted on Ctrl-C or a kill: pass it to children and the feed writer, so they stop and the directory goes. */
  signal: AbortSignal;
  /** Node options writing CPU profiles of a child under --cpu-prof <dir>/<name> (none without --cpu-prof). */
  profile: (name: string) => string[];
  profileDir: string | null;
}

/**
 * Runs a benchmark's body and sets the exit code: 0 when it measured (whether or not targets were met; the summary
 * says), 130 when interrupted, 1 when something failed to run, because then the figures would measure the wrong
 * thing. Ctrl-C or a kill would skip a `finally` and leave a 150 MB feed and databases behind, so signals abort the
 * run instead and the directory is removed once the running child has exited.
 */
export function runBench(name: string, body: (run: BenchRun) => Promise<void>): void {
  const go = async () => {
    const { values } = parseArgs({ options: { 'cpu-prof': { type: 'string' } } });
    const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : null;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    // One directory per child: the tsx loader's worker thread writes a small profile of its own beside the main one.
    const profile = (child: string) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, child)}`] : []);
    const dir = await mkdtemp(join(tmpdir(), `kinship-bench-${name}-`));
    const interrupt = new AbortController();
    const onSignal = (sig: NodeJS.Signals) => interrupt.abort(new Interrupted(sig));
    // `on`, not `once`: a Ctrl-C reaches both tsx and this process, and a second signal with no handler left would
    // kill the process before the directory is removed.
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      await body({ dir, signal: interrupt.signal, profile, profileDir });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await rm(dir, { recursive: true, force: true });
    }
  };
  go().then(
    () => (process.exitCode = 0),
    (err: unknown) => {
      // The feed writer's pipeline rejects with an AbortError of its own rather than the abort reason.
      if (err instanceof Interrupted || (err instanceof Error && err.name === 'AbortError')) {
        process.stderr.write(`bench:${name} interrupted; temporary files removed\n`);
        process.exitCode = 130;
        return;
      }
      const what = err instanceof BenchFailure ? 'the benchmark could not measure' : 'the benchmark crashed';
      process.stderr.write(
        `bench:${name} FAILED (${what}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
