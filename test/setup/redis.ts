import { spawn } from 'node:child_process';
import { findBinary } from './binaries.js';
import { freePort } from './free-port.js';
import type { RunningService } from './postgres.js';

/**
 * Starts redis-server on a random loopback port with persistence off.
 * @returns undefined when Redis is not installed.
 */
export async function startRedis(): Promise<RunningService | undefined> {
  const bin = findBinary('redis-server');
  if (!bin) return undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) {
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.stderr.resume();
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }
    child.kill('SIGKILL');
    if (attempt === 3) throw new Error(`redis-server did not start:\n${output}`);
  }
  return undefined;
}
