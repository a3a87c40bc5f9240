import type { Bus } from '../../../bus/index.js';
import { withWriteTransaction, type DatabaseHandle } from '../../../db/index.js';
import type { DbOrTx } from '../../../db/types.js';
import { badRequest, notFound } from '../../../errors.js';
import type { Actor } from '../../../security/actor.js';
import { authorize } from '../../../security/policy.js';
import type { LiveMeetingInput, LiveMeetingUpdate, LiveMeetingView } from '../../../../shared/schemas/live-meetings.js';
import { recordAudit } from '../../audit/record.js';
import { publishListingChanges } from '../../meetings/builtin-source.js';
import { groupResource } from '../access.js';
import { syncListing } from './directory-listing.js';
import { checkFormatFits, defaultFormat } from './format-template.js';
import { presentMeeting } from './presenters.js';
import { findGroupBySlug, type LiveGroup } from './repository/groups.js';
import {
  findActiveMeeting,
  insertLiveMeeting,
  listActiveMeetings,
  updateLiveMeeting,
  type LiveMeetingRow,
} from './repository/meetings.js';

export interface LiveDeps {
  database: DatabaseHandle;
  bus: Bus;
  /** The site's public URL, without a trailing slash: conference links and proofs name it. */
  publicUrl: string;
  now: () => Date;
}

/** A group that is not archived, or 404. */
export async function liveGroup(deps: LiveDeps, slug: string): Promise<LiveGroup> {
  const group = await findGroupBySlug(deps.database.db, slug);
  if (!group || group.archived_at !== null) throw notFound('group');
  return group;
}

/** The group, once the actor is allowed to facilitate it (its facilitators, and moderators). */
export async function facilitatedGroup(deps: LiveDeps, actor: Actor, slug: string): Promise<LiveGroup> {
  const group = await liveGroup(deps, slug);
  authorize(actor, 'group.facilitate', await groupResource(deps.database.db, actor, group.id));
  return group;
}

/** A group's live meetings with their next occurrences: public, like the rest of a group's page. */
export async function listMeetings(deps: LiveDeps, slug: string): Promise<LiveMeetingView[]> {
  const group = await liveGroup(deps, slug);
  const rows = await listActiveMeetings(deps.database.db, group.id);
  return rows.map((r) => presentMeeting(r, group, deps.now()));
}

/** The schedule fields as they will be stored, checked together (a weekly meeting needs its weekday, …). */
function scheduleOf(
  s: Omit<LiveMeetingInput, 'format' | 'weekday'> & { weekday?: number | null; format?: LiveMeetingInput['format'] },
) {
  if (s.recurrence === 'weekly' && (s.weekday === undefined || s.weekday === null))
    throw badRequest('a weekly meeting needs its weekday (0 = Sunday … 6 = Saturday)', [
      { field: 'body.weekday', message: 'required for a weekly meeting' },
    ]);
  if (s.recurrence === 'once' && s.weekday !== undefined && s.weekday !== null)
    throw badRequest('a one-off meeting takes its day from starts_on; leave weekday out', [
      { field: 'body.weekday', message: 'only for weekly meetings' },
    ]);
  const format = s.format ?? defaultFormat(s.duration_minutes);
  checkFormatFits(format, s.duration_minutes);
  return {
    title: s.title,
    recurrence: s.recurrence,
    weekday: s.recurrence === 'weekly' ? s.weekday! : null,
    start_time: s.start_time,
    starts_on: s.starts_on,
    duration_minutes: s.duration_minutes,
    cross_talk: s.cross_talk ? 1 : 0,
    share_minutes: s.share_minutes,
    format: JSON.stringify(format),
  };
}

/** Writes a meeting change, its directory listing and its audit entry in one transaction, then tells the index. */
async function commit(
  deps: LiveDeps,
  actor: Actor,
  group: LiveGroup,
  action: string,
  write: (tx: DbOrTx, at: string) => Promise<LiveMeetingRow>,
): Promise<LiveMeetingRow> {
  const now = deps.now();
  const at = now.toISOString();
  const { row, listing } = await withWriteTransaction(deps.database, async (tx) => {
    const row = await write(tx, at);
    const listing = await syncListing(tx, group, row, deps.publicUrl, at);
    await recordAudit(
      tx,
      actor,
      { action, target: { kind: 'live_meeting', id: String(row.id) }, detail: { group_id: group.id } },
      now,
    );
    return { row, listing };
  });
  if (listing) await publishListingChanges(deps.bus, listing.sourceId, [listing]);
  return row;
}

export async function createMeeting(
  deps: LiveDeps,
  actor: Actor,
  slug: string,
  input: LiveMeetingInput,
): Promise<LiveMeetingView> {
  const group = await facilitatedGroup(deps, actor, slug);
  const values = scheduleOf(input);
  const row = await commit(deps, actor, group, 'live_meeting.created', (tx, at) =>
    insertLiveMeeting(tx, { ...values, group_id: group.id, created_at: at, updated_at: at }),
  );
  return presentMeeting(row, group, deps.now());
}

export async function updateMeeting(
  deps: LiveDeps,
  actor: Actor,
  slug: string,
  id: number,
  patch: LiveMeetingUpdate,
): Promise<LiveMeetingView> {
  const group = await facilitatedGroup(deps, actor, slug);
  const current = await findActiveMeeting(deps.database.db, group.id, id);
  if (!current) throw notFound('meeting');
  const recurrence = patch.recurrence ?? current.recurrence;
  const values = scheduleOf({
    title: patch.title ?? current.title,
    recurrence,
    // Turning a weekly meeting into a one-off one drops its weekday.
    weekday: patch.weekday !== undefined ? patch.weekday : recurrence === 'once' ? null : current.weekday,
    start_time: patch.start_time ?? current.start_time,
    starts_on: patch.starts_on ?? current.starts_on,
    duration_minutes: patch.duration_minutes ?? current.duration_minutes,
    cross_talk: patch.cross_talk ?? current.cross_talk === 1,
    share_minutes: patch.share_minutes ?? current.share_minutes,
    format: patch.format ?? (JSON.parse(current.format) as LiveMeetingInput['format']),
  });
  const row = await commit(deps, actor, group, 'live_meeting.updated', async (tx, at) => {
    await updateLiveMeeting(tx, id, { ...values, updated_at: at });
    return { ...current, ...values, updated_at: at };
  });
  return presentMeeting(row, group, deps.now());
}

/**
 * Cancels a meeting: no more occurrences, and out of the directory. Rooms it already held keep their own retention
 * (a room open now closes at its end as planned).
 */
export async function cancelMeeting(deps: LiveDeps, actor: Actor, slug: string, id: number): Promise<void> {
  const group = await facilitatedGroup(deps, actor, slug);
  const current = await findActiveMeeting(deps.database.db, group.id, id);
  if (!current) throw notFound('meeting');
  await commit(deps, actor, group, 'live_meeting.cancelled', async (tx, at) => {
    await updateLiveMeeting(tx, id, { cancelled_at: at, updated_at: at });
    return { ...current, cancelled_at: at, updated_at: at };
  });
}
