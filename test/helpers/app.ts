import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/server/app.js';
import { testConfig, type Config } from '../../src/server/config.js';

/** Collects log lines so tests can assert what is (and is not) logged. */
export function logCollector(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

/** Builds the real app on the given database URL; close it with `app.close()`. */
export function buildTestApp(overrides: Partial<Config>, options: BuildOptions = {}): Promise<FastifyInstance> {
  return buildApp(testConfig(overrides), options);
}
