import type { FastifyServerOptions, FastifyRequest, FastifyReply } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';

/**
 * Structured logs without personal data. Requests are logged by method and
 * path only: query strings can hold a searched place or a handle, and the
 * client's IP address is personal data under GDPR, so neither is written.
 * Headers are never logged, so cookies and tokens cannot leak either.
 */
export function loggerOptions(config: Config, stream?: DestinationStream): NonNullable<FastifyServerOptions['logger']> {
  // Readable lines in development (pino-pretty is a dev dependency); JSON otherwise.
  const pretty = config.env === 'development' && !stream;
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' } } }
      : {}),
    base: { service: 'kinship' },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, path: pathOnly(req.url) }),
      res: (res: Pick<FastifyReply, 'statusCode'>) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'headers', '*.password', '*.email', '*.cookie'], remove: true },
  };
}

/** `/api/meetings?q=x` → `/api/meetings`. */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
