import type { Selectable } from 'kysely';
import type { DbOrTx, ImportStatus, SourcesTable } from '../../../db/types.js';

export type SourceRow = Selectable<SourcesTable>;

export type NewSource = Pick<SourcesTable, 'name' | 'format' | 'url' | 'timezone' | 'fellowship' | 'refresh_minutes'>;

export async function insertSource(db: DbOrTx, s: NewSource, now: string): Promise<SourceRow> {
  return db
    .insertInto('sources')
    .values({ ...s, created_at: now, updated_at: now, next_refresh_at: s.url && s.refresh_minutes ? now : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSourceSettings(
  db: DbOrTx,
  id: number,
  s: Partial<NewSource> & { next_refresh_at?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('sources')
    .set({ ...s, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function findSourceByName(db: DbOrTx, name: string): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findSource(db: DbOrTx, id: number): Promise<SourceRow | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSources(db: DbOrTx): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().orderBy('name').execute();
}

export async function deleteSource(db: DbOrTx, id: number): Promise<boolean> {
  const r = await db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface SourceOutcome {
  status: ImportStatus;
  error: string | null;
  importId: number | null;
  etag?: string | null;
  lastModified?: string | null;
  fetchedAt?: string | null;
  nextRefreshAt: string | null;
  failures: number;
}

/** Records how the latest import or refresh of a source went. */
export async function recordSourceOutcome(db: DbOrTx, id: number, o: SourceOutcome, now: string): Promise<void> {
  await db
    .updateTable('sources')
    .set({
      last_status: o.status,
      last_error: o.error,
      ...(o.importId !== null ? { last_import_id: o.importId } : {}),
      ...(o.etag !== undefined ? { etag: o.etag } : {}),
      ...(o.lastModified !== undefined ? { last_modified: o.lastModified } : {}),
      ...(o.fetchedAt !== undefined ? { last_fetched_at: o.fetchedAt } : {}),
      next_refresh_at: o.nextRefreshAt,
      failures: o.failures,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** URL sources whose refresh is due, oldest first. */
export async function dueSources(db: DbOrTx, now: string, limit: number): Promise<SourceRow[]> {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('url', 'is not', null)
    .where('refresh_minutes', 'is not', null)
    .where('next_refresh_at', '<=', now)
    .orderBy('next_refresh_at')
    .limit(limit)
    .execute();
}

/**
 * Claims a due source for this instance by moving its next refresh forward,
 * only if nobody else did first: several instances may run the scheduler, and
 * exactly one of them must fetch each feed.
 */
export async function claimSource(db: DbOrTx, id: number, expectedNext: string, leaseUntil: string): Promise<boolean> {
  const r = await db
    .updateTable('sources')
    .set({ next_refresh_at: leaseUntil })
    .where('id', '=', id)
    .where('next_refresh_at', '=', expectedNext)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Live (not removed) meetings per source id. */
export async function liveMeetingCounts(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('meetings')
    .select(['source_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('source_id')
    .execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
}
