import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { BenchFailure } from './bench-run.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');
const BASELINE = fileURLToPath(new URL('./chat-baseline-server.ts', import.meta.url));

/**
 * The servers `bench:chat` measures, each in a child process of its own started with `--expose-gc` and the V8
 * inspector on a loopback port: the benchmark reads a server's memory by evaluating `gc(); process.memoryUsage()`
 * through the inspector, so the server needs no debugging hook of its own (nothing added to the app, no endpoint).
 */
export interface ServerProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** The inspector's WebSocket URL. */
  inspector: string;
}

/** A free loopback port (the kernel's choice, released for the server to take). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

const NOISE = /^(For help, see: |Debugger attached|Waiting for the debugger|Debugger ending)/;

/** Spawns node with the inspector; resolves once the inspector's URL is printed. Other stderr goes to ours. */
async function launch(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; inspector: string }> {
  const child = spawn(process.execPath, ['--expose-gc', '--inspect=127.0.0.1:0', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const inspector = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      const url = /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve(url);
      else if (!NOISE.test(line)) process.stderr.write(`[${name}] ${line}\n`);
    });
    child.once('exit', (code) => reject(new BenchFailure(`${name} exited (${code}) before it started`)));
  });
  return { child, inspector };
}

/** The raw ws broadcast server (chat-baseline-server.ts); it prints its port when listening. */
export async function startBaseline(): Promise<ServerProcess> {
  const { child, inspector } = await launch('baseline', ['--import', TSX_LOADER, BASELINE], process.env);
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return { name: 'baseline', port, child, inspector };
}

export interface KinshipOptions {
  port: number;
  databaseUrl: string;
  /** Run from the TypeScript sources through tsx instead of the compiled dist/ (as `npm start` does). */
  fromSources: boolean;
  /** Extra environment (knobs the chat hub reads). */
  env?: Record<string, string>;
}

/**
 * The real Kinship server as an operator runs it (`src/server/main.ts`: config from the environment, graceful
 * shutdown), compiled unless `fromSources`, on the seeded SQLite file, loopback only, no Redis (one instance: the
 * in-process bus), the scheduler off; resolves once /readyz answers 200.
 */
export async function startKinship(o: KinshipOptions): Promise<ServerProcess> {
  const origin = `http://127.0.0.1:${o.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(o.port),
    PUBLIC_URL: origin,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: '',
    SMTP_URL: '',
    ADMIN_TOKEN: '',
    LOG_LEVEL: 'warn',
    SCHEDULER: 'off',
    ...o.env,
  };
  const entry = o.fromSources ? ['--import', TSX_LOADER, 'src/server/main.ts'] : ['dist/server/main.js'];
  const { child, inspector } = await launch('kinship', entry, env);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new BenchFailure(`the Kinship server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${origin}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new BenchFailure('the Kinship server did not become ready within 60 s');
    await sleep(100);
  }
  return { name: 'kinship', port: o.port, child, inspector };
}

/** Ends a server: SIGTERM (graceful), or SIGKILL (a crash); resolves once it has exited. */
export async function stopServer(server: ServerProcess, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, 'exit');
  server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A DevTools protocol session with a server's inspector: memory readings and CPU profiles, nothing in the app. */
export class Inspector {
  private nextId = 0;
  private readonly waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (reply.id !== undefined) this.waiting.get(reply.id)?.(reply);
    });
  }

  static async open(server: ServerProcess): Promise<Inspector> {
    const ws = new WebSocket(server.inspector, { perMessageDeflate: false, maxPayload: 2 ** 30 });
    await once(ws, 'open');
    return new Inspector(ws);
  }

  async call<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.nextId;
    const reply = await new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
    this.waiting.delete(id);
    if (reply.error) throw new BenchFailure(`inspector ${method}: ${reply.error.message}`);
    return reply.result as T;
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * The server's own memory after two full collections, read through its inspector: `heapUsed` is the JavaScript
 * heap's live objects, `external` the memory V8 objects hold outside it (Buffers, socket read buffers).
 */
export async function serverMemory(server: ServerProcess): Promise<NodeJS.MemoryUsage> {
  const inspector = await Inspector.open(server);
  try {
    const expression = 'gc(); gc(); JSON.stringify(process.memoryUsage())';
    const r = await inspector.call<{ result: { value?: string } }>('Runtime.evaluate', { expression, returnByValue: true });
    if (typeof r.result.value !== 'string') throw new BenchFailure(`inspector: no memory reading (${JSON.stringify(r)})`);
    return JSON.parse(r.result.value) as NodeJS.MemoryUsage;
  } finally {
    inspector.close();
  }
}

/** Starts V8's CPU profiler in the server; the returned function stops it and gives the profile (.cpuprofile JSON). */
export async function profileServer(server: ServerProcess): Promise<() => Promise<string>> {
  const inspector = await Inspector.open(server);
  await inspector.call('Profiler.enable');
  await inspector.call('Profiler.start');
  return async () => {
    try {
      const { profile } = await inspector.call<{ profile: unknown }>('Profiler.stop');
      return JSON.stringify(profile);
    } finally {
      inspector.close();
    }
  };
}
