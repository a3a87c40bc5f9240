/**
 * The load generator of `npm run bench:search`, in a process of its own so it does not share the server's event
 * loop (on a 2-core machine the two still share the CPUs, which the report says). Drives one autocannon run, with
 * a warm-up, against loopback, rotating through the given paths; answers with one JSON line on stdout.
 *
 *   node --import tsx bench/lib/search-load-child.ts '{"origin":"http://127.0.0.1:3000","paths":["/healthz"],...}'
 */
import autocannon from 'autocannon';

export interface LoadChildRequest {
  /** http://127.0.0.1:<port>: loopback only. */
  origin: string;
  /** Requests cycle through these paths, one after another across all connections. */
  paths: string[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  headers?: Record<string, string>;
}

export interface LoadChildResult {
  rps: number;
  requests: number;
  seconds: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as LoadChildRequest;
  const origin = new URL(req.origin);
  if (origin.hostname !== '127.0.0.1') throw new Error(`refusing to load anything but loopback: ${req.origin}`);
  let next = 0;
  const instance = autocannon({
    url: req.origin,
    connections: req.connections,
    duration: req.seconds,
    timeout: 10,
    headers: req.headers,
    warmup: { connections: req.connections, duration: req.warmupSeconds },
    requests: [{ setupRequest: (request) => ({ ...request, path: req.paths[next++ % req.paths.length] }) }],
  });
  process.once('SIGTERM', () => instance.stop());
  const r = await instance;
  const result: LoadChildResult = {
    rps: r.requests.total / r.duration,
    requests: r.requests.total,
    seconds: r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    bytesPerResponse: r.requests.total > 0 ? r.throughput.total / r.requests.total : 0,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
