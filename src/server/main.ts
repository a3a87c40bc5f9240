import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadConfig, type Config } from './config.js';
import { buildApp } from './app.js';

/**
 * Connections the kernel may hold before the app accepts them (Node's default is 511). After a restart every chat
 * client reconnects at once (issue 7's benchmark: 5,000 in seconds); beyond the queue the kernel drops the attempt
 * and the client's next try comes 1, 3, 7 s later. The kernel caps it at `net.core.somaxconn` (4,096 on current Linux).
 */
const LISTEN_BACKLOG = 4096;

/**
 * Starts Kinship and shuts it down gracefully on SIGTERM/SIGINT: stop
 * accepting connections, let in-flight requests finish, then close the bus
 * and the database. A second signal, or the timeout, forces the exit.
 */
export async function startServer(config: Config): Promise<FastifyInstance> {
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });

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
