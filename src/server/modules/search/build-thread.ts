import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuiltText } from './bulk-text.js';
import type { BuildWorkerData, BuildWorkerMessage } from './build-worker.js';

/** Far above the 250,000-meeting build (about a second); a worker stuck beyond it is given up. */
const TIMEOUT_MS = 120_000;

/**
 * Starts the text half of the index build in a worker thread (build-worker.ts) and resolves with what it built, or
 * rejects (bad start, an error in the worker, its exit without an answer, a timeout): the caller then builds the
 * text half on its own thread. The worker is ended either way.
 *
 * Compiled (dist/, `npm start`) the entry is the sibling .js file. Run from TypeScript (tsx, vitest) the entry is a
 * .ts file that a worker's own module loader cannot load: the worker then starts from a line of JavaScript that
 * loads it through tsx's API (tsx is a development dependency, present wherever .ts files run).
 */
export function buildTextInWorker(data: BuildWorkerData, timeoutMs = TIMEOUT_MS): Promise<BuiltText> {
  return new Promise<BuiltText>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(data);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`index build worker gave no answer in ${timeoutMs} ms`))),
      timeoutMs,
    );
    worker.once('message', (message: BuildWorkerMessage) =>
      settle(() => ('text' in message ? resolve(message.text) : reject(new Error(`index build worker: ${message.error}`)))),
    );
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`index build worker exited (${code}) without an answer`))));
  });
}

function startWorker(data: BuildWorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./build-worker.js', here), { workerData: data });
  // tsx's CommonJS API compiles in the worker's own thread; its ESM API (tsImport) starts a module-hooks thread
  // too, which more than doubled the worker's start (~250 ms against ~110) while the build has both cores busy.
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const entry = fileURLToPath(new URL('./build-worker.ts', here));
  const code = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(entry)}, ${JSON.stringify(fileURLToPath(here))});`;
  // Not the parent's flags: run through tsx, they would load tsx's module hooks in the worker as well.
  return new Worker(code, { eval: true, workerData: data, execArgv: [] });
}
