/**
 * `npm run bench:chat`: the /ws chat hub (issue 7, docs/groups.md) against a raw `ws` broadcast server measured in
 * the same run with the same clients (bench/README.md). One run, for each server in turn (the raw baseline, then
 * Kinship), each in a child process of its own:
 *
 * 1. connects a warm-up room of 50 clients and exchanges messages in it (code compiled, caches made), reads the
 *    server's heap after a forced GC (through the V8 inspector), connects CLIENTS more clients in rooms of 50, all
 *    joined and idle, and reads it again: the difference per socket is `bytes_per_idle_conn`;
 * 2. saturation: every room keeps WINDOW sends awaiting their ack, its members sending in turn (so no one socket's
 *    rate limit is what is measured), for DURATION seconds: deliveries (events received) per second;
 * 3. latency at a fixed 5,000 deliveries/s (100 messages/s over the rooms of 50), open loop: send → receipt by each
 *    other member, with the send time in the body (a room's members all live in one worker process, one clock), for
 *    DURATION or one heartbeat interval and a bit (27 s), whichever is longer, so every run's p99 includes the
 *    heartbeat's work;
 * 4. Kinship only: while messages flow, every client is forced to reconnect (RECONNECT=kill: the server is killed
 *    and started again on the same file and port; restart: SIGTERM, graceful; drop: each client destroys its socket).
 *    Clients resume with `after` and repeat their unacknowledged sends with the same nonces; then every message of
 *    the phase must have reached every member of its room exactly once.
 *
 * The clients live in WORKERS processes (default 2, a few thousand sockets each) on the same two cores as the
 * server, and the output says so. Prints each figure with its target, then a JSON summary as the last line. Exits 0
 * when a target is missed (the summary says which); non-zero when something fails to run.
 *
 * Options (environment): CLIENTS (5000), DURATION (10 s of saturation; latency at least 27 s), WINDOW (2), WORKERS (2),
 * RECONNECT (kill | restart | drop), SERVER (dist | tsx), ONLY (baseline | kinship; for debugging the harness).
 * `--cpu-prof DIR` writes each server's CPU profile of the saturation phase (taken through the inspector).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt } from '../scripts/ensure-built.js';
import { BenchFailure, type BenchRun, fixed, grouped, runBench, say } from './lib/bench-run.js';
import type { ConnectResult, WorkerRoom } from './lib/chat-ipc.js';
import {
  latency,
  reconnect,
  saturation,
  type Harness,
  type LatencyResult,
  type ReconnectResult,
  type SaturationResult,
} from './lib/chat-phases.js';
import { seedChat } from './lib/chat-seed.js';
import {
  freePort,
  profileServer,
  serverMemory,
  startBaseline,
  startKinship,
  stopServer,
  type ServerProcess,
} from './lib/chat-servers.js';
import { WorkerPool } from './lib/chat-workers.js';
import { cpuPressure } from './lib/cpu-pressure.js';
import { CHAT_LIMITS } from '../src/shared/chat-protocol.js';

const ROOM_SIZE = 50;
/** 100 messages/s to rooms of 50 = 5,000 deliveries/s (the issue's fixed load). */
const LATENCY_RATE = 100;
/** The latency window spans a server heartbeat (every socket pinged, rosters renewed): it is part of steady state. */
const LATENCY_SECONDS_MIN = CHAT_LIMITS.heartbeatSeconds + 2;
const TARGETS = { ratio: 0.5, p50_ms: 5, p99_ms: 50, bytes_per_idle_conn: 10_240, lost: 0, duplicated: 0 } as const;

const int = (name: string, fallback: number) => {
  const v = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const choice = <T extends string>(name: string, options: readonly T[], fallback: T): T => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  if (!options.includes(v as T)) throw new BenchFailure(`${name} must be one of ${options.join(', ')}`);
  return v as T;
};

interface TargetResult {
  connect: ConnectResult;
  bytesPerConn: number;
  heapBytesPerConn: number;
  rssBytesPerConn: number;
  saturation: SaturationResult;
  latency: LatencyResult;
  reconnect: ReconnectResult | null;
  /** Share of each phase's wall time some task waited for a CPU (cpu-pressure.ts), in %. */
  pressure: { saturation: number | null; latency: number | null };
}

async function main({ dir, signal, profileDir }: BenchRun): Promise<void> {
  const rooms = Math.max(1, Math.round(int('CLIENTS', 5000) / ROOM_SIZE));
  const clients = rooms * ROOM_SIZE;
  const seconds = int('DURATION', 10);
  const window = int('WINDOW', 2);
  const latencySeconds = Math.max(seconds, LATENCY_SECONDS_MIN);
  const workers = Math.min(int('WORKERS', 2), rooms);
  const mode = choice('RECONNECT', ['kill', 'restart', 'drop'] as const, 'kill');
  const fromSources = choice('SERVER', ['dist', 'tsx'] as const, 'dist') === 'tsx';
  const only = choice('ONLY', ['baseline', 'kinship', ''] as const, '');
  const cpus = availableParallelism();
  const note =
    `load generator shares this ${cpus}-core machine with the server: ${workers} client worker processes ` +
    `(~${grouped(clients / workers)} sockets each) on the same cores; absolute figures are lower bounds, compare the ratio`;

  say(`bench:chat — Node ${process.version}, ${cpus} CPUs; ${grouped(clients)} clients in ${rooms} rooms of ${ROOM_SIZE}`);
  say(`Note: ${note}.`);
  const nofile = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  say(
    `open files limit (soft) ${nofile}: the server needs ~${grouped(clients + 200)}, each worker ~${grouped(clients / workers + 200)}`,
  );
  if (Number.isFinite(nofile) && nofile < clients + 500) {
    throw new BenchFailure(`raise the open files limit first (ulimit -n ${clients + 1000}); it is ${nofile}`);
  }
  if (!fromSources && only !== 'baseline') await ensureBuilt({ web: false });

  const database = join(dir, 'chat.db');
  const pool = new WorkerPool(workers);
  const results: Partial<Record<'baseline' | 'kinship', TargetResult>> = {};
  try {
    // Whole rooms per worker, so a room's send and receive times are read on one clock.
    const share = (list: WorkerRoom[]) => Array.from({ length: workers }, (_, w) => list.filter((_, i) => i % workers === w));
    const measure = async (
      name: 'baseline' | 'kinship',
      server: ServerProcess,
      warm: WorkerRoom,
      main: WorkerRoom[],
      cookieName: string,
    ) => {
      let current = server;
      const url = `ws://127.0.0.1:${server.port}/ws`;
      const origin = `http://127.0.0.1:${server.port}`;
      const mine = share(main);
      await pool.one(0, { cmd: 'setup', url, origin, cookieName, rooms: [warm], tag: 'warm' });
      await Promise.all(mine.map((list, w) => pool.one(w, { cmd: 'setup', url, origin, cookieName, rooms: list, tag: 'main' })));
      const h: Harness = { pool, roomsPerWorker: mine.map((l) => l.length), seconds, signal };
      try {
        const warmed = await pool.one<ConnectResult>(0, { cmd: 'connect', tag: 'warm', concurrency: 10 });
        if (warmed.failed) throw new BenchFailure(`${name}: warm-up clients refused: ${warmed.firstError}`);
        await pool.one(0, { cmd: 'start', tag: 'warm', mode: 'closed', window: 4 });
        await sleep(1500, undefined, { signal });
        await pool.all({ cmd: 'stop' });
        await pool.all({ cmd: 'drain', timeoutMs: 10_000 });

        const before = await serverMemory(current);
        const connected = await pool.all<ConnectResult>({ cmd: 'connect', tag: 'main', concurrency: 50 });
        const connect: ConnectResult = {
          opened: connected.reduce((n, c) => n + c.opened, 0),
          failed: connected.reduce((n, c) => n + c.failed, 0),
          ms: Math.max(...connected.map((c) => c.ms)),
          firstError: connected.find((c) => c.firstError)?.firstError,
        };
        if (connect.failed) throw new BenchFailure(`${name}: ${connect.failed} clients could not join: ${connect.firstError}`);
        await sleep(2000, undefined, { signal }); // joins' presence and history frames delivered
        const after = await serverMemory(current);
        const idle = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
        say(
          `${name}: ${grouped(connect.opened)} clients connected and joined in ${(connect.ms / 1000).toFixed(1)} s; ` +
            `heap+external ${(idle(before) / 2 ** 20).toFixed(1)} → ${(idle(after) / 2 ** 20).toFixed(1)} MB, ` +
            `RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MB`,
        );

        // With --cpu-prof, the server's CPU profile of a phase, taken through its inspector.
        const profiled = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
          const stop = profileDir ? await profileServer(current) : null;
          const result = await run();
          if (stop) writeFileSync(join(profileDir!, `${name}-${phase}.cpuprofile`), await stop());
          return result;
        };
        const pressureNote = (pct: number | null) => (pct === null ? '' : `; CPU pressure ${pct.toFixed(0)} %`);
        let pressed = cpuPressure();
        const sat = await profiled('saturation', () => saturation(h, window));
        const satPressure = pressed();
        say(
          `${name}: saturation ${grouped(sat.deliveriesPerS)} deliveries/s (${grouped(sat.messagesPerS)} messages/s acked), ` +
            `${describe(sat.counters)}; drained in ${(sat.drain.ms / 1000).toFixed(1)} s${pressureNote(satPressure)}`,
        );
        pressed = cpuPressure();
        const lat = await profiled('latency', () => latency(h, LATENCY_RATE, latencySeconds));
        const latPressure = pressed();
        say(
          `${name}: at ${LATENCY_RATE} messages/s for ${latencySeconds} s: ${grouped(lat.deliveriesPerS)} deliveries/s; latency p50 ` +
            `${lat.latency.p50.toFixed(2)} ms, p99 ${lat.latency.p99.toFixed(2)} ms, max ${lat.latency.max.toFixed(1)} ms ` +
            `(${grouped(lat.latency.n)} receipts), ${describe(lat.counters)}${pressureNote(latPressure)}`,
        );

        let rec: ReconnectResult | null = null;
        if (name === 'kinship') {
          let stopReconnectProfile: (() => Promise<string>) | null = null;
          const force = async () => {
            if (mode === 'drop') {
              if (profileDir) stopReconnectProfile = await profileServer(current);
              await pool.all({ cmd: 'drop' });
              return;
            }
            const t = performance.now();
            await stopServer(current, mode === 'kill' ? 'SIGKILL' : 'SIGTERM');
            current = await startKinship({ port: server.port, databaseUrl: `sqlite:${database}`, fromSources });
            if (profileDir) stopReconnectProfile = await profileServer(current);
            say(
              `${name}: server ${mode === 'kill' ? 'killed' : 'stopped'} and ready again in ${((performance.now() - t) / 1000).toFixed(1)} s`,
            );
          };
          rec = await reconnect(h, LATENCY_RATE, force, {
            progress: (line) => say(`${name}: reconnect ${line}`),
            rejoined: async () => {
              if (stopReconnectProfile)
                writeFileSync(join(profileDir!, `${name}-reconnect.cpuprofile`), await stopReconnectProfile());
            },
          });
          say(
            `${name}: forced reconnect (${mode}) of every client while ${LATENCY_RATE} messages/s flowed: all back in ` +
              `${(rec.reconnectMs / 1000).toFixed(1)} s; ${grouped(rec.messages)} messages × members = ` +
              `${grouped(rec.checks)} receipts checked: ${rec.lost} lost, ${rec.duplicated} duplicated, ` +
              `${rec.storedTwice} stored twice, ${rec.unacked} never acked; ${describe(rec.counters)}`,
          );
        }
        const conns = connect.opened;
        return {
          connect,
          bytesPerConn: (idle(after) - idle(before)) / conns,
          heapBytesPerConn: (after.heapUsed - before.heapUsed) / conns,
          rssBytesPerConn: (after.rss - before.rss) / conns,
          saturation: sat,
          latency: lat,
          reconnect: rec,
          pressure: { saturation: satPressure, latency: latPressure },
        };
      } finally {
        await pool.all({ cmd: 'reset' });
        await stopServer(current);
      }
    };

    if (only !== 'kinship') {
      const server = await startBaseline();
      const ids = Array.from({ length: rooms + 1 }, (_, i) => ({ room: i + 1, tokens: Array<null>(ROOM_SIZE).fill(null) }));
      results.baseline = await measure('baseline', server, ids[0]!, ids.slice(1), '');
    }
    if (only !== 'baseline') {
      const t = performance.now();
      const seeded = await seedChat(`sqlite:${database}`, rooms + 1, ROOM_SIZE);
      say(
        `kinship: seeded ${grouped((rooms + 1) * ROOM_SIZE)} members, sessions and ${rooms + 1} groups in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      const port = await freePort();
      const server = await startKinship({ port, databaseUrl: `sqlite:${database}`, fromSources });
      const ids = seeded.map((s) => ({ room: s.room, tokens: s.tokens }));
      // PUBLIC_URL is http://, so the cookie is the plain-named one (session-cookie.ts).
      results.kinship = await measure('kinship', server, ids[0]!, ids.slice(1), 'kinship_session');
    }
  } finally {
    pool.close();
  }
  report(results, { clients, note, mode, seconds, window, workers });
}

function describe(c: {
  sends: number;
  acks: number;
  resends: number;
  errors: Record<string, number>;
  unexpectedCloses: number;
  seqDuplicates: number;
  seqGaps: number;
}): string {
  const errors = Object.entries(c.errors)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${code} ${n}`);
  const parts = [`${grouped(c.sends)} sent`, `${grouped(c.acks)} acks`];
  if (c.resends) parts.push(`${grouped(c.resends)} resent`);
  if (errors.length) parts.push(`errors: ${errors.join(', ')}`);
  if (c.unexpectedCloses) parts.push(`${c.unexpectedCloses} sockets closed or refused (reconnect attempts included)`);
  if (c.seqDuplicates || c.seqGaps) parts.push(`sequence repeats ${c.seqDuplicates}, gaps ${c.seqGaps}`);
  return parts.join(', ');
}

function report(
  r: Partial<Record<'baseline' | 'kinship', TargetResult>>,
  o: { clients: number; note: string; mode: string; seconds: number; window: number; workers: number },
): void {
  const k = r.kinship;
  const b = r.baseline;
  const num = (v: number | undefined, digits: number) => (v === undefined || !Number.isFinite(v) ? null : fixed(v, digits));
  const summary = {
    bench: 'chat',
    clients: o.clients,
    deliveries_per_s: num(k?.saturation.deliveriesPerS, 0),
    baseline_deliveries_per_s: num(b?.saturation.deliveriesPerS, 0),
    ratio: k && b ? fixed(k.saturation.deliveriesPerS / b.saturation.deliveriesPerS, 3) : null,
    p50_ms: num(k?.latency.latency.p50, 2),
    p99_ms: num(k?.latency.latency.p99, 2),
    bytes_per_idle_conn: num(k?.bytesPerConn, 0),
    lost: k?.reconnect?.lost ?? null,
    duplicated: k?.reconnect?.duplicated ?? null,
    baseline_p50_ms: num(b?.latency.latency.p50, 2),
    baseline_p99_ms: num(b?.latency.latency.p99, 2),
    baseline_bytes_per_idle_conn: num(b?.bytesPerConn, 0),
    heap_bytes_per_idle_conn: num(k?.heapBytesPerConn, 0),
    rss_bytes_per_idle_conn: num(k?.rssBytesPerConn, 0),
    latency_deliveries_per_s: num(k?.latency.deliveriesPerS, 0),
    reconnect_mode: o.mode,
    reconnect_ms: num(k?.reconnect?.reconnectMs, 0),
    receipts_checked: k?.reconnect?.checks ?? null,
    cpu_pressure_pct: {
      saturation: num(k?.pressure.saturation ?? undefined, 0),
      latency: num(k?.pressure.latency ?? undefined, 0),
      baseline_saturation: num(b?.pressure.saturation ?? undefined, 0),
      baseline_latency: num(b?.pressure.latency ?? undefined, 0),
    },
    targets: {} as Record<keyof typeof TARGETS, boolean>,
    targets_met: false,
    note: o.note,
    node: process.version,
  };
  // [key, unit, target, higher is better]
  const checks: [keyof typeof TARGETS, string, boolean][] = [
    ['ratio', '×', true],
    ['p50_ms', 'ms', false],
    ['p99_ms', 'ms', false],
    ['bytes_per_idle_conn', 'B', false],
    ['lost', '', false],
    ['duplicated', '', false],
  ];
  say();
  for (const [key, unit, higher] of checks) {
    const value = summary[key];
    const target = TARGETS[key];
    const met = value !== null && (higher ? value >= target : value <= target);
    summary.targets[key] = met;
    say(
      `${key.padEnd(20)} ${`${value ?? '—'} ${unit}`.padEnd(14)} target ${higher ? '≥' : '≤'} ${`${target} ${unit}`.padEnd(12)} ${met ? 'PASS' : 'FAIL'}`,
    );
  }
  summary.targets_met = Object.values(summary.targets).every(Boolean);
  say(
    `${'deliveries_per_s'.padEnd(20)} ${grouped(summary.deliveries_per_s ?? 0)} /s   baseline ${grouped(summary.baseline_deliveries_per_s ?? 0)} /s (raw ws broadcast, same clients)`,
  );
  say(`targets ${summary.targets_met ? 'met' : 'NOT met'} (${o.note})`);
  say(JSON.stringify(summary));
}

runBench('chat', main);
