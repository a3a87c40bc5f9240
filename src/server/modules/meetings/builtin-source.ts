import type { Bus } from '../../bus/index.js';
import { EVENTS, type MeetingsChanged } from '../../bus/events.js';
import type { DbOrTx } from '../../db/types.js';
import type { NormalizedMeeting } from './model.js';
import { diffRecords, hashRecord, recordOf } from './record.js';
import { loadRecords } from './repository/meeting-rows.js';

/**
 * Built-in directory sources: meetings Kinship itself runs, listed beside the imported ones (issue 7: online groups
 * appear in the meeting finder). No feed feeds them, so imports refuse them (`isBuiltInSource`): an import would
 * replace Kinship's own meetings with whatever the feed holds.
 */
export const KINSHIP_ONLINE_SOURCE = 'Kinship online groups';

/** True for a source that only Kinship writes to. */
export function isBuiltInSource(name: string): boolean {
  return name === KINSHIP_ONLINE_SOURCE;
}

/** The built-in source's id, creating the source the first time (safe when instances race: names are unique). */
export async function ensureBuiltInSource(tx: DbOrTx, at: string): Promise<number> {
  await tx
    .insertInto('sources')
    .values({
      name: KINSHIP_ONLINE_SOURCE,
      format: 'meeting-guide',
      url: null,
      timezone: null,
      fellowship: null,
      refresh_minutes: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await tx.selectFrom('sources').select('id').where('name', '=', KINSHIP_ONLINE_SOURCE).executeTakeFirstOrThrow();
  return row.id;
}

export type ListingChange = 'added' | 'changed' | 'restored' | 'unchanged';

/**
 * Writes one of Kinship's own meetings into a built-in source, in the caller's transaction: added, changed (with
 * the per-field diff in the change history, as imports record it) or left alone when nothing changed.
 */
export async function putListing(
  tx: DbOrTx,
  sourceId: number,
  m: NormalizedMeeting,
  at: string,
): Promise<{ id: number; change: ListingChange }> {
  const record = recordOf(m);
  const contentHash = hashRecord(record);
  const row = {
    name: m.name,
    fellowship: m.fellowship,
    days: m.days.join(','),
    time: m.time,
    end_time: m.end_time,
    timezone: m.timezone,
    types: JSON.stringify(m.types),
    custom_types: '[]',
    notes: m.notes,
    conference_url: m.conference_url,
    conference_url_notes: m.conference_url_notes,
    conference_provider: m.conference_provider,
    url: m.url,
    attendance: m.attendance,
    source_updated: at,
    content_hash: contentHash,
    raw_hash: null,
    updated_at: at,
    deleted_at: null,
  };
  const existing = await tx
    .selectFrom('meetings')
    .select(['id', 'content_hash', 'deleted_at'])
    .where('source_id', '=', sourceId)
    .where('slug', '=', m.slug)
    .executeTakeFirst();
  if (existing && existing.deleted_at === null && existing.content_hash === contentHash)
    return { id: existing.id, change: 'unchanged' };
  if (existing) {
    const before = (await loadRecords(tx, [existing.id])).get(existing.id) ?? null;
    await tx.updateTable('meetings').set(row).where('id', '=', existing.id).execute();
    const change = existing.deleted_at === null ? 'changed' : 'restored';
    await recordChange(tx, existing.id, sourceId, change, diffRecords(before, record), at);
    return { id: existing.id, change };
  }
  const inserted = await tx
    .insertInto('meetings')
    .values({ ...row, source_id: sourceId, slug: m.slug, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(tx, inserted.id, sourceId, 'added', diffRecords(null, record), at);
  return { id: inserted.id, change: 'added' };
}

/** Takes one of Kinship's own meetings out of the directory (soft delete, as imports do); its id, or null. */
export async function removeListing(tx: DbOrTx, sourceId: number, slug: string, at: string): Promise<number | null> {
  const existing = await tx
    .selectFrom('meetings')
    .select('id')
    .where('source_id', '=', sourceId)
    .where('slug', '=', slug)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!existing) return null;
  await tx.updateTable('meetings').set({ deleted_at: at, updated_at: at }).where('id', '=', existing.id).execute();
  await recordChange(tx, existing.id, sourceId, 'removed', {}, at);
  return existing.id;
}

/** Slugs of the built-in source's listed meetings that start with `prefix`. */
export async function listedSlugs(db: DbOrTx, sourceId: number, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings')
    .select('slug')
    .where('source_id', '=', sourceId)
    .where('slug', 'like', `${prefix}%`)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.slug);
}

async function recordChange(
  tx: DbOrTx,
  meetingId: number,
  sourceId: number,
  kind: 'added' | 'changed' | 'restored' | 'removed',
  diff: object,
  at: string,
): Promise<void> {
  await tx
    .insertInto('meeting_changes')
    .values({ meeting_id: meetingId, source_id: sourceId, import_id: null, kind, changed_at: at, diff: JSON.stringify(diff) })
    .execute();
}

/** Tells every instance's search index (and anything else listening) about the changes, after the commit. */
export async function publishListingChanges(
  bus: Bus,
  sourceId: number,
  changes: { id: number; change: ListingChange | 'removed' }[],
): Promise<void> {
  const real = changes.filter((c) => c.change !== 'unchanged');
  if (real.length === 0) return;
  const count = (kinds: string[]) => real.filter((c) => kinds.includes(c.change)).length;
  const event: MeetingsChanged = {
    source_id: sourceId,
    import_id: null,
    added: count(['added', 'restored']),
    changed: count(['changed']),
    removed: count(['removed']),
    meeting_ids: real.map((c) => c.id),
  };
  await bus.publish(EVENTS.meetingsChanged, event);
}
