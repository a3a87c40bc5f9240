import { sql } from 'kysely';
import type { DbOrTx } from '../../../db/types.js';
import { meetingRowsQuery, REGION_SEPARATOR, type MeetingRow } from './meeting-rows.js';

export interface FeedFilter {
  source?: string;
  fellowship?: string;
  /** A region path ("Delaware County" or "Delaware County > Woodlyn"): it and everything below it. */
  region?: string;
}

/**
 * Live meetings matching the filter, page by page in id order (keyset
 * pagination), so a 250,000-meeting export never sits in memory at once.
 */
export async function* meetingRowPages(db: DbOrTx, filter: FeedFilter, pageSize = 1000): AsyncGenerator<MeetingRow[]> {
  let after = 0;
  for (;;) {
    let q = meetingRowsQuery(db).where('m.deleted_at', 'is', null).where('m.id', '>', after);
    if (filter.source) q = q.where('s.name', '=', filter.source);
    if (filter.fellowship) q = q.where('m.fellowship', '=', filter.fellowship);
    if (filter.region) {
      const region = filter.region;
      const prefix = `${region}${REGION_SEPARATOR}`;
      // A prefix comparison rather than LIKE, whose % and _ wildcards could appear in region names.
      q = q.where((eb) =>
        eb.or([eb('r.path', '=', region), eb(sql<string>`substr(${sql.ref('r.path')}, 1, ${prefix.length})`, '=', prefix)]),
      );
    }
    const rows = await q.orderBy('m.id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

export interface ChangeQuery {
  since: string;
  source?: string;
  afterId: number;
  limit: number;
}

export async function listChanges(db: DbOrTx, q: ChangeQuery) {
  let query = db
    .selectFrom('meeting_changes as c')
    .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
    .innerJoin('sources as s', 's.id', 'c.source_id')
    .select(['c.id', 'c.meeting_id', 'm.slug', 's.name as source', 'c.import_id', 'c.kind', 'c.changed_at', 'c.diff'])
    .where('c.changed_at', '>=', q.since)
    .where('c.id', '>', q.afterId);
  if (q.source) query = query.where('s.name', '=', q.source);
  return query.orderBy('c.id').limit(q.limit).execute();
}
