import type { FastifyBaseLogger } from 'fastify';
import { withWriteTransaction } from '../../db/index.js';
import type { ImportDeps } from './import-service.js';
import { importFeed } from './import-service.js';
import { claimSource, dueSources } from './repository/sources.js';

export interface SchedulerOptions {
  /** How often to look for due sources. */
  intervalMs?: number;
  /** How long a claimed source stays reserved for this instance while it refreshes. */
  leaseMs?: number;
  /** Per-fetch limits, so one slow or endless feed cannot hold the others up for long. */
  timeoutMs?: number;
  maxBytes?: number;
  now?: () => Date;
}

export interface Scheduler {
  /** One pass: refresh every due source, one after another. Resolves when done. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Refreshes URL sources on their interval, inside the server. Each due source
 * is claimed first, so with several instances exactly one fetches it. Fetches
 * are conditional (ETag / If-Modified-Since), bounded in time and size, and a
 * failure only backs that source off (see `nextRefresh`): the rest go on.
 */
export function startScheduler(deps: ImportDeps, log: FastifyBaseLogger, options: SchedulerOptions = {}): Scheduler {
  const {
    intervalMs = 60_000,
    leaseMs = 30 * 60_000,
    timeoutMs = 120_000,
    maxBytes = 200 * 1024 * 1024,
    now = () => new Date(),
  } = options;
  let running: Promise<void> | null = null;
  let stopped = false;

  const pass = async () => {
    const at = now();
    const due = await dueSources(deps.database.db, at.toISOString(), 20);
    for (const source of due) {
      if (stopped) return;
      const lease = new Date(at.getTime() + leaseMs).toISOString();
      const claimed = await withWriteTransaction(deps.database, (tx) =>
        claimSource(tx, source.id, source.next_refresh_at!, lease),
      );
      if (!claimed) continue;
      try {
        const report = await importFeed(deps, {
          sourceName: source.name,
          trigger: 'schedule',
          conditional: true,
          timeoutMs,
          maxBytes,
        });
        log.info({ source: source.name, status: report.status, counts: report.counts }, 'source refreshed');
      } catch (err) {
        log.error({ source: source.name, err }, 'source refresh failed');
      }
    }
  };

  const tick = () => {
    running ??= pass()
      .catch((err: unknown) => log.error({ err }, 'scheduler pass failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
