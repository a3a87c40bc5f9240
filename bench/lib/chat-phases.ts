import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchFailure } from './bench-run.js';
import type { Counters, DrainResult, MarkResult, StatusResult, VerifyResult } from './chat-ipc.js';
import type { WorkerPool } from './chat-workers.js';
import { summarise, type LatencySummary } from './latency.js';

/** The measured phases of `bench:chat`, driven from the controller across the client workers. */
export interface Harness {
  pool: WorkerPool;
  /** Measured rooms per worker: a paced load is shared out in proportion. */
  roomsPerWorker: number[];
  seconds: number;
  signal: AbortSignal;
}

/** Counters summed over the workers; `since` subtracts an earlier reading. */
export function sumCounters(marks: MarkResult[], since?: MarkResult[]): Counters {
  const total: Counters = {
    events: 0,
    sends: 0,
    resends: 0,
    acks: 0,
    errors: {},
    unexpectedCloses: 0,
    rejoins: 0,
    seqDuplicates: 0,
    seqGaps: 0,
  };
  marks.forEach((m, i) => {
    const before = since?.[i]?.counters;
    for (const key of [
      'events',
      'sends',
      'resends',
      'acks',
      'unexpectedCloses',
      'rejoins',
      'seqDuplicates',
      'seqGaps',
    ] as const) {
      total[key] += m.counters[key] - (before?.[key] ?? 0);
    }
    for (const [code, n] of Object.entries(m.counters.errors)) {
      total.errors[code] = (total.errors[code] ?? 0) + n - (before?.errors[code] ?? 0);
    }
  });
  return total;
}

async function drainAll(h: Harness, timeoutMs: number): Promise<DrainResult> {
  const results = await h.pool.all<DrainResult>({ cmd: 'drain', timeoutMs });
  return {
    settled: results.every((r) => r.settled),
    ms: Math.max(...results.map((r) => r.ms)),
    unacked: results.reduce((n, r) => n + r.unacked, 0),
    behind: results.reduce((n, r) => n + r.behind, 0),
  };
}

export interface SaturationResult {
  deliveriesPerS: number;
  messagesPerS: number;
  counters: Counters;
  drain: DrainResult;
}

/**
 * Closed loop: every room keeps `window` sends awaiting their ack, its members sending in turn, for a warm-up and
 * then `seconds`; deliveries (events received by members, the sender's copy included) per second of the window.
 */
export async function saturation(h: Harness, window: number, warmupS = 2): Promise<SaturationResult> {
  await h.pool.all({ cmd: 'start', tag: 'main', mode: 'closed', window });
  await sleep(warmupS * 1000, undefined, { signal: h.signal });
  const first = await h.pool.all<MarkResult>({ cmd: 'mark' });
  const t0 = performance.now();
  await sleep(h.seconds * 1000, undefined, { signal: h.signal });
  const last = await h.pool.all<MarkResult>({ cmd: 'mark' });
  const s = (performance.now() - t0) / 1000;
  await h.pool.all({ cmd: 'stop' });
  const drain = await drainAll(h, 30_000);
  const counters = sumCounters(last, first);
  return { deliveriesPerS: counters.events / s, messagesPerS: counters.acks / s, counters, drain };
}

export interface LatencyResult {
  latency: LatencySummary;
  deliveriesPerS: number;
  counters: Counters;
  drain: DrainResult;
}

/**
 * Open loop at `rate` messages/s over all rooms for `seconds`: end-to-end send → receipt by each other member. The
 * caller makes the window at least one server heartbeat long, so whatever the heartbeat costs is in every run's p99
 * rather than in some runs and not others.
 */
export async function latency(h: Harness, rate: number, seconds: number, warmupS = 1): Promise<LatencyResult> {
  await startPaced(h, rate, { sample: true, track: false });
  await sleep(warmupS * 1000, undefined, { signal: h.signal });
  const first = await h.pool.all<MarkResult>({ cmd: 'mark' }); // drops the warm-up's samples
  const t0 = performance.now();
  await sleep(seconds * 1000, undefined, { signal: h.signal });
  const last = await h.pool.all<MarkResult>({ cmd: 'mark' });
  const s = (performance.now() - t0) / 1000;
  await h.pool.all({ cmd: 'stop' });
  const drain = await drainAll(h, 30_000);
  // Messages sent before the stop and received after it still count.
  const tail = await h.pool.all<MarkResult>({ cmd: 'mark' });
  const samples = [...last, ...tail].flatMap((m) => Array.from(m.samples));
  const counters = sumCounters(last, first);
  return { latency: summarise(samples), deliveriesPerS: counters.events / s, counters, drain };
}

async function startPaced(h: Harness, rate: number, o: { sample: boolean; track: boolean }): Promise<void> {
  const rooms = h.roomsPerWorker.reduce((a, b) => a + b, 0);
  await Promise.all(
    h.roomsPerWorker.map((n, i) => h.pool.one(i, { cmd: 'start', tag: 'main', mode: 'paced', rate: (rate * n) / rooms, ...o })),
  );
}

export interface ReconnectResult extends VerifyResult {
  /** From the forced disconnection until every client had joined again. */
  reconnectMs: number;
  counters: Counters;
  drain: DrainResult;
}

/**
 * Messages flow at `rate` (every one tracked); after `beforeS` every client is forced to reconnect (`force`); they
 * resume with `after` and repeat their unacknowledged sends. Once all are back, messages flow `afterS` more, then
 * stop, and each member's receipts are checked: every message of the phase exactly once.
 */
export async function reconnect(
  h: Harness,
  rate: number,
  force: () => Promise<void>,
  o: { beforeS?: number; afterS?: number; progress?: (line: string) => void; rejoined?: () => Promise<void> } = {},
): Promise<ReconnectResult> {
  const first = await h.pool.all<MarkResult>({ cmd: 'mark' });
  await startPaced(h, rate, { sample: false, track: true });
  await sleep((o.beforeS ?? 3) * 1000, undefined, { signal: h.signal });
  const t0 = performance.now();
  await force();
  let lastProgress = performance.now();
  for (;;) {
    const status = await h.pool.all<StatusResult>({ cmd: 'status' });
    if (status.every((s) => s.joined === s.clients)) break;
    if (o.progress && performance.now() - lastProgress > 5000) {
      lastProgress = performance.now();
      o.progress(
        `${((lastProgress - t0) / 1000).toFixed(0)} s: ${status.reduce((n, s) => n + s.joined, 0)} of ${status.reduce((n, s) => n + s.clients, 0)} clients joined again`,
      );
    }
    if (performance.now() - t0 > 120_000) throw new BenchFailure(`clients did not all rejoin: ${JSON.stringify(status)}`);
    await sleep(100, undefined, { signal: h.signal });
  }
  const reconnectMs = performance.now() - t0;
  await o.rejoined?.();
  await sleep((o.afterS ?? 3) * 1000, undefined, { signal: h.signal });
  await h.pool.all({ cmd: 'stop' });
  const drain = await drainAll(h, 60_000);
  const last = await h.pool.all<MarkResult>({ cmd: 'mark' });
  const verified = await h.pool.all<VerifyResult>({ cmd: 'verify' });
  const total = verified.reduce((a, v) => {
    for (const k of Object.keys(a) as (keyof VerifyResult)[]) a[k] += v[k];
    return a;
  });
  return { ...total, reconnectMs, counters: sumCounters(last, first), drain };
}
