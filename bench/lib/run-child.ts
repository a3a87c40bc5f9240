import { spawn } from 'node:child_process';

/** The tsx loader, resolved here so children find it whatever their working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

/**
 * Runs a TypeScript script in a fresh Node process (through the tsx loader) with one JSON argument and returns the
 * JSON it prints as its last stdout line. Its stderr goes straight to ours, so a crash is visible as it happens.
 * @throws when the child exits non-zero or prints no JSON.
 */
export async function runChild<T>(script: string, request: object, nodeArgs: string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', TSX_LOADER, script, JSON.stringify(request)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => (stdout += s));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`${script} exited with code ${code}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${script} printed no JSON result; its output was:\n${stdout.slice(-2000)}`);
  }
}
