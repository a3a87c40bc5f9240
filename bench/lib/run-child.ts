import { spawn } from 'node:child_process';

/** The tsx loader, resolved here so children find it whatever their working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

/**
 * Runs a script in a fresh Node process with one JSON argument and returns the
 * JSON it prints as its last stdout line: a TypeScript script through the tsx loader, a JavaScript one (.js) on plain
 * Node. Its stderr goes straight to ours, so a crash is visible as it happens.
 * Aborting `signal` kills the child; the promise settles only once it has exited, so its files can then be removed.
 * @throws when the child exits non-zero or prints no JSON, or `signal.reason` when aborted.
 */
export async function runChild<T>(script: string, request: object, nodeArgs: string[] = [], signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  const loader = script.endsWith('.js') ? [] : ['--import', TSX_LOADER];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, JSON.stringify(request)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = () => child.kill('SIGTERM');
  signal?.addEventListener('abort', kill, { once: true });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (stdout += s));
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
  } finally {
    signal?.removeEventListener('abort', kill);
  }
  signal?.throwIfAborted();
  if (code !== 0) throw new Error(`${script} exited with code ${code}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${script} printed no JSON result; its output was:\n${stdout.slice(-2000)}`);
  }
}
