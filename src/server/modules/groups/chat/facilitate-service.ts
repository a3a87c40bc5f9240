import { withQuickWriteTransaction } from '../../../db/quick-transaction.js';
import type { DbOrTx } from '../../../db/types.js';
import type { MemberActor } from '../../../security/actor.js';
import { authorize } from '../../../security/policy.js';
import { recordAudit } from '../../audit/record.js';
import { CHAT_LIMITS, type FacilitatorAction } from '../../../../shared/chat-protocol.js';
import { groupResource } from '../access.js';
import { closeRoom } from '../rooms/lifecycle.js';
import type { LiveState } from '../rooms/live-state.js';
import { ChatError, roomClosed, roomNotFound, toChatError } from './chat-errors.js';
import { addRestriction, findPerson, findRoom, removeRestriction, type RoomRow } from './chat-repository.js';
import { storeChange, type ChatDeps } from './chat-service.js';
import { changeLiveState } from './live-state-service.js';
import { publishToRoom } from './room-channel.js';

export interface FacilitateInput {
  action: FacilitatorAction;
  target?: string | number;
  value?: number;
}

/**
 * A facilitator's tool (issue 7 "Facilitator tools"; docs/groups.md): the group's facilitators and moderators, with
 * a second factor (`group.facilitate`). Every action is written to the audit log with the room as its target and
 * the person acted on, never message text.
 */
export async function facilitate(deps: ChatDeps, actor: MemberActor, roomId: number, input: FacilitateInput): Promise<void> {
  const db = deps.database.db;
  const room = await findRoom(db, roomId);
  if (!room) throw roomNotFound();
  try {
    authorize(actor, 'group.facilitate', await groupResource(db, actor, room.group_id));
  } catch (err) {
    throw toChatError(err);
  }
  if (room.status !== 'open') throw roomClosed();
  const audit = (action: string, extra: { targetAccountId?: number; detail?: Record<string, number | string | boolean> } = {}) =>
    (tx: DbOrTx) =>
      recordAudit(tx, actor, { action: `room.${action}`, target: { kind: 'room', id: String(roomId) }, ...extra }, deps.now());
  const a = input.action;
  switch (a) {
    case 'mute':
    case 'unmute':
    case 'remove':
      return restrict(deps, actor, room, a, input.target, audit);
    case 'lock':
    case 'unlock':
      return void (await changeLiveState(deps, roomId, (_l, r) => flip(r, 'locked', a === 'lock'), audit(`${a}ed`)));
    case 'cross_talk':
      return void (await changeLiveState(deps, roomId, (_l, r) => flip(r, 'cross_talk', input.value === 1), audit('cross_talk', { detail: { on: input.value === 1 } })));
    case 'slow_mode': {
      const seconds = input.value ?? 0;
      if (seconds !== 0 && (seconds < CHAT_LIMITS.slowModeMinSeconds || seconds > CHAT_LIMITS.slowModeMaxSeconds))
        throw new ChatError('bad_request', `Slow mode is off (0) or ${CHAT_LIMITS.slowModeMinSeconds} to ${CHAT_LIMITS.slowModeMaxSeconds} seconds.`);
      const change = (_l: LiveState, r: RoomRow) => {
        if (r.slow_mode_seconds === seconds) return false;
        r.slow_mode_seconds = seconds;
        return true;
      };
      return void (await changeLiveState(deps, roomId, change, audit('slow_mode', { detail: { seconds } })));
    }
    case 'end': {
      if (room.kind !== 'live') throw new ChatError('not_live', 'An open room is always on; only a live meeting ends.');
      if (await closeRoom(deps, roomId)) await audit('ended')(db);
      return;
    }
    case 'hide':
    case 'unhide':
    case 'pin':
    case 'unpin': {
      if (typeof input.target !== 'number') throw new ChatError('bad_request', 'Say which message (its id).');
      const action = { hide: 'message_hidden', unhide: 'message_unhidden', pin: 'message_pinned', unpin: 'message_unpinned' }[a];
      const event = await storeChange(deps, roomId, input.target, { kind: a }, (tx, e) =>
        audit(action, { ...(e.author_id !== null ? { targetAccountId: e.author_id } : {}), detail: { message_id: e.message.id } })(tx),
      );
      if (!event) throw roomClosed();
      return;
    }
    default:
      return sharing(deps, room, a, input, audit);
  }
}

type Audit = (
  action: string,
  extra?: { targetAccountId?: number; detail?: Record<string, number | string | boolean> },
) => (tx: DbOrTx) => Promise<void>;

function flip(room: RoomRow, field: 'locked' | 'cross_talk', on: boolean): boolean {
  const value = on ? 1 : 0;
  if (room[field] === value) return false;
  room[field] = value;
  return true;
}

/** Mute, unmute or remove a member (by handle) for this room; their sockets on every instance hear it. */
async function restrict(
  deps: ChatDeps,
  actor: MemberActor,
  room: RoomRow,
  action: 'mute' | 'unmute' | 'remove',
  target: string | number | undefined,
  audit: Audit,
): Promise<void> {
  if (typeof target !== 'string') throw new ChatError('bad_request', "Say who (their pseudonym).");
  const person = await findPerson(deps.database.db, room.group_id, target);
  if (!person) throw new ChatError('not_found', 'There is no one with that pseudonym.');
  if (person.id === actor.accountId || person.role === 'facilitator')
    throw new ChatError('bad_request', 'Facilitators are not muted or removed from their own room.');
  const now = deps.now().toISOString();
  const kind = action === 'unmute' ? 'mute' : action;
  const auditAction = { mute: 'muted', unmute: 'unmuted', remove: 'removed' }[action];
  const changed = await withQuickWriteTransaction(deps.database, async (tx) => {
    const done =
      action === 'unmute'
        ? await removeRestriction(tx, room.id, person.id, 'mute')
        : await addRestriction(tx, { roomId: room.id, accountId: person.id, kind, by: actor.accountId, now });
    if (done) await audit(auditAction, { targetAccountId: person.id })(tx);
    return done;
  });
  if (!changed) return;
  await publishToRoom(deps.bus, room.id, { k: 'restrict', account_id: person.id, kind: action });
  // A removed member leaves the sharing queue (and stops sharing) too.
  if (action === 'remove' && room.kind === 'live')
    await changeLiveState(deps, room.id, (live) => {
      if (!live.queue.includes(person.id) && live.sharer !== person.id) return false;
      live.queue = live.queue.filter((id) => id !== person.id);
      if (live.sharer === person.id) Object.assign(live, { sharer: null, share_started_at: null });
      return true;
    });
}

/** The sharing queue and the format's sections (live meetings only). */
async function sharing(deps: ChatDeps, room: RoomRow, action: FacilitatorAction, input: FacilitateInput, audit: Audit): Promise<void> {
  if (room.kind !== 'live') throw new ChatError('not_live', 'Sharing and sections belong to live meetings.');
  const now = deps.now().toISOString();
  let calledId: number | undefined;
  if (action === 'call') {
    if (typeof input.target !== 'string') throw new ChatError('bad_request', 'Say who (their pseudonym).');
    const person = await findPerson(deps.database.db, room.group_id, input.target);
    if (!person || person.role !== 'member') throw new ChatError('not_found', 'There is no member with that pseudonym here.');
    calledId = person.id;
  }
  let targetAccountId: number | undefined;
  const change = (live: LiveState): boolean => {
    switch (action) {
      case 'call_next':
      case 'call': {
        const next = action === 'call' ? calledId! : live.queue[0];
        if (next === undefined) throw new ChatError('bad_request', 'No one has raised a hand.');
        live.queue = live.queue.filter((id) => id !== next);
        Object.assign(live, { sharer: next, share_started_at: now });
        targetAccountId = next;
        return true;
      }
      case 'finish_share':
        if (live.sharer === null) return false;
        targetAccountId = live.sharer;
        Object.assign(live, { sharer: null, share_started_at: null });
        return true;
      case 'next_section':
      case 'set_section': {
        const to = action === 'next_section' ? live.section + 1 : (input.value ?? -1);
        if (to < 0 || to >= live.format.length) throw new ChatError('bad_request', 'There is no such section in the format.');
        Object.assign(live, { section: to, section_started_at: now, sharer: null, share_started_at: null });
        return true;
      }
      default:
        throw new ChatError('bad_request', 'Unknown action.');
    }
  };
  const name = { call_next: 'sharer_called', call: 'sharer_called', finish_share: 'share_finished' }[action as string] ?? 'section_changed';
  await changeLiveState(deps, room.id, change, (tx, r) => {
    const section = JSON.parse(r.state) as { section: number };
    return audit(name, {
      ...(targetAccountId !== undefined ? { targetAccountId } : {}),
      ...(name === 'section_changed' ? { detail: { section: section.section } } : {}),
    })(tx);
  });
}
