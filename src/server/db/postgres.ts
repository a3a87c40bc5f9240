import pg from 'pg';
import { PostgresDialect } from 'kysely';

// Postgres BIGINT (int8) arrives as a string by default to avoid precision loss;
// our counters stay far below 2^53, so numbers are what callers expect.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export function openPostgres(url: string, max = 10): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection emits 'error' on the pool; without a
  // listener that would crash the process. The next query reconnects.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), pool };
}
