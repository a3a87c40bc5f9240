import { AppError, notFound, tooManyRequests } from '../../errors.js';
import type { Actor, MemberActor } from '../../security/actor.js';
import { authorize } from '../../security/policy.js';
import type { ReportReason } from '../../db/types.js';
import { THREAD_LIMITS, type ReportSnapshot } from '../../../shared/schemas/group-threads.js';
import type { RateLimits } from '../../security/rate-limits.js';
import { groupResource } from './access.js';
import type { GroupDeps } from './group-service.js';
import { findMessage, insertReport, listOpenReports, messagesBefore } from './repository/reports.js';
import { findPost, postsBefore } from './repository/threads.js';

export interface ReportInput {
  message_id?: number | undefined;
  post_id?: number | undefined;
  reason: ReportReason;
  note?: string | undefined;
}

type Item = ReportSnapshot['item'];

/** What was reported, as it was, with up to five items before it, and the group and author it belongs to. */
async function snapshotOf(deps: GroupDeps, input: ReportInput) {
  const db = deps.database.db;
  const n = THREAD_LIMITS.reportContext;
  if (input.message_id !== undefined) {
    const m = await findMessage(db, input.message_id);
    if (!m) throw notFound('message');
    const item: Item = { kind: 'message', id: m.id, handle: m.handle, body: m.body, created_at: m.created_at };
    const context = (await messagesBefore(db, m.room_id, m.seq, n)).map((c): Item => ({
      kind: 'message',
      id: c.id,
      handle: c.handle,
      body: c.body,
      created_at: c.created_at,
    }));
    return { groupId: m.group_id, roomId: m.room_id, authorId: m.author_id, snapshot: { item, context } };
  }
  const p = await findPost(db, input.post_id!);
  if (!p) throw notFound('post');
  const asItem = (r: typeof p): Item => ({
    kind: 'post',
    id: r.id,
    handle: r.handle,
    title: r.title,
    body: r.body,
    created_at: r.created_at,
  });
  const context = p.parent_id === null ? [] : (await postsBefore(db, p.parent_id, p.id, n)).map(asItem);
  return { groupId: p.group_id, roomId: null, authorId: p.author_id, snapshot: { item: asItem(p), context } };
}

/**
 * Stores a report with its own copy of the item and its context, so it outlives the chat (a live meeting's chat is
 * deleted when it ends). Anyone who can read the item's group may report; each member has a rate limit. A
 * self-harm report answers with a hint to show "Get help now".
 */
export async function fileReport(deps: GroupDeps, limits: RateLimits, actor: Actor, input: ReportInput) {
  // Signed-out askers are refused before anything is looked up.
  if (actor.kind !== 'member') authorize(actor, 'group.read', { group: null });
  const found = await snapshotOf(deps, input);
  authorize(actor, 'group.read', await groupResource(deps.database.db, actor, found.groupId));
  const member = actor as MemberActor;
  try {
    await limits.take('reports', String(member.accountId), limits.settings.reports);
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate_limited')
      throw tooManyRequests(
        err.retryAfter ?? 60,
        'You have sent many reports in a short time. Please wait a little; the moderators have them.',
      );
    throw err;
  }
  const id = await insertReport(deps.database.db, {
    group_id: found.groupId,
    room_id: found.roomId,
    message_id: input.message_id ?? null,
    post_id: input.post_id ?? null,
    reporter_id: member.accountId,
    reported_id: found.authorId,
    reason: input.reason,
    note: input.note ? input.note : null,
    snapshot: JSON.stringify(found.snapshot),
    status: 'open',
    created_at: deps.now().toISOString(),
  });
  return { id, helplines_hint: input.reason === 'self_harm' };
}

/**
 * Open reports with their copies: one group's (for its facilitators) or every group's (for moderators). The
 * reporter is not named: a facilitator needs what was said, not who raised it.
 */
export async function openReports(deps: GroupDeps, groupId: number | undefined) {
  const rows = await listOpenReports(deps.database.db, groupId);
  return {
    reports: rows.map((r) => ({
      id: r.id,
      group: r.group_slug !== null && r.group_name !== null ? { slug: r.group_slug, name: r.group_name } : null,
      room_id: r.room_id,
      message_id: r.message_id,
      post_id: r.post_id,
      reason: r.reason,
      note: r.note,
      status: r.status,
      created_at: r.created_at,
      snapshot: JSON.parse(r.snapshot) as ReportSnapshot,
    })),
  };
}
