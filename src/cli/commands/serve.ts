import type { Command } from '../command.js';
import { configOrExit, startServer } from '../../server/main.js';

export const serveCommand: Command = {
  summary: 'Start the web server (migrates the database first)',
  help: [
    'Usage: kinship serve [--port N] [--host H]',
    '',
    'Starts Kinship: applies pending migrations, then serves the web app and the API.',
    'Stops gracefully on SIGTERM or SIGINT.',
    '',
    'Options:',
    '  --port N   Port to listen on (overrides PORT; default 3000)',
    '  --host H   Interface to bind (overrides HOST; default localhost)',
    '  -h, --help Show this help',
    '',
    'Everything else comes from environment variables (DATABASE_URL, REDIS_URL, ...); see the README.',
  ].join('\n'),
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(values) {
    const env = { ...process.env };
    if (typeof values.port === 'string') env.PORT = values.port;
    if (typeof values.host === 'string') env.HOST = values.host;
    await startServer(configOrExit(env));
    // Keep running until a signal; main.ts exits the process.
    return new Promise<number>(() => undefined);
  },
};
