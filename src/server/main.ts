import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildApp } from './app.js';

/**
 * Starts Kinship and shuts it down gracefully on SIGTERM/SIGINT: stop
 * accepting connections, let in-flight requests finish, then close the bus
 * and the database. A second signal, or the timeout, forces the exit.
 */
export async function startServer(config: Config): Promise<FastifyInstance> {
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    app.close().then(
      () => {
        app.log.info('shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('unhandledRejection', (err) => {
    app.log.error({ err }, 'unhandled rejection');
  });
  return app;
}

/** Loads the configuration or exits listing every problem with it. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kinship: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

// Run directly (`tsx src/server/main.ts` in development).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  startServer(configOrExit()).catch((err: unknown) => {
    process.stderr.write(`kinship: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
