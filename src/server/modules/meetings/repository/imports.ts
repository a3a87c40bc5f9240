import type { Selectable } from 'kysely';
import type { DbOrTx, ImportsTable, ImportStatus } from '../../../db/types.js';
import type { ImportCounts } from '../import/report.js';

export type ImportRow = Selectable<ImportsTable>;

export async function insertImport(
  db: DbOrTx,
  i: { source_id: number; trigger: ImportsTable['trigger']; dry_run: boolean; started_at: string },
): Promise<number> {
  const row = await db
    .insertInto('imports')
    .values({ ...i, dry_run: i.dry_run ? 1 : 0, status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ImportFinish extends ImportCounts {
  status: ImportStatus;
  finished_at: string;
  error: string | null;
  report: string;
}

export async function finishImport(db: DbOrTx, id: number, f: ImportFinish): Promise<void> {
  await db.updateTable('imports').set(f).where('id', '=', id).execute();
}

export async function findImport(db: DbOrTx, id: number): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listImports(db: DbOrTx, sourceId: number, limit: number): Promise<Omit<ImportRow, 'report'>[]> {
  return db
    .selectFrom('imports')
    .select([
      'id',
      'source_id',
      'trigger',
      'dry_run',
      'status',
      'started_at',
      'finished_at',
      'total',
      'added',
      'changed',
      'removed',
      'unchanged',
      'rejected',
      'warnings',
      'error',
    ])
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
