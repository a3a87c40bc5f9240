import type { FastifyInstance } from 'fastify';
import { Registry, collectDefaultMetrics, Histogram, Gauge } from 'prom-client';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PoolStats } from '../db/index.js';

/**
 * Prometheus metrics at /metrics. Each app has its own registry, so several
 * apps in one process (as in tests) never share or double-register metrics.
 * Default metrics include event-loop lag (`nodejs_eventloop_lag_seconds`).
 */
export function registerMetrics(app: FastifyInstance, poolStats: () => PoolStats): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections by state (SQLite has a single connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The route template (`/api/meetings/:id`), never the raw URL: raw URLs
    // would make one series per meeting and could carry personal data.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description: 'Request durations by route, database pool and event-loop lag, in Prometheus text format.',
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
  return registry;
}
