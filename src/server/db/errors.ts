/**
 * True when `err` is a unique-constraint violation, on either database: SQLite's extended code, or PostgreSQL's
 * SQLSTATE 23505. Callers use it where a race to insert the same row is expected (two instances opening one room).
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
