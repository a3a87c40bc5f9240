import type { MemberActor } from '../../../security/actor.js';
import { authorize } from '../../../security/policy.js';
import { parseLiveState } from '../rooms/live-state.js';
import { ChatError, roomClosed, toChatError } from './chat-errors.js';
import type { PostingContext } from './chat-repository.js';
import { crossTalkHolds } from './room-state.js';

/**
 * Whether the member may post in the room now (docs/groups.md "Who may do what"): an active member or facilitator
 * (`group.post`) who accepted the group's current code of conduct, the group not archived, not muted or removed here, the room open and not
 * locked; slow mode and, with cross-talk off in a sharing section, only the sharer. Facilitators still post in a
 * locked or slow room and during shares: they run the meeting. `sending`: slow mode applies to new messages only.
 * `raisingHand`: a raised hand is how a member asks to share, so the cross-talk rule (about posting) does not stop it.
 * @throws ChatError saying why not.
 */
export function mayPost(
  actor: MemberActor,
  ctx: PostingContext,
  now: Date,
  { sending, raisingHand = false }: { sending: boolean; raisingHand?: boolean },
): void {
  const { room, place } = ctx;
  if (room.status !== 'open') throw roomClosed();
  if (place?.role === 'observer') throw new ChatError('forbidden', 'Observers read the room but do not post.');
  try {
    authorize(actor, 'group.post', { group: place && { role: place.role, status: place.status } });
  } catch (err) {
    throw toChatError(err);
  }
  if (ctx.archived) throw new ChatError('forbidden', 'This group is archived: it can be read, but no longer posted in.');
  if (ctx.removed) throw new ChatError('removed', 'A facilitator removed you from this room.');
  if (ctx.muted) throw new ChatError('muted', 'A facilitator muted you in this room.');
  if (!acceptedConduct(place!.conduct_version, ctx.groupConduct))
    throw new ChatError('conduct_not_accepted', "Please accept the group's current code of conduct before posting.");
  if (place!.role === 'facilitator') return;
  if (room.locked === 1) throw new ChatError('locked', 'A facilitator locked this room.');
  if (sending && room.slow_mode_seconds > 0 && ctx.lastPostAt) {
    const wait = Date.parse(ctx.lastPostAt) + room.slow_mode_seconds * 1000 - now.getTime();
    if (wait > 0)
      throw new ChatError('slow_mode', `Slow mode: one message every ${room.slow_mode_seconds} seconds.`, Math.ceil(wait / 1000));
  }
  if (raisingHand) return;
  const live = parseLiveState(room.state);
  if (crossTalkHolds(room, live) && live.sharer !== actor.accountId)
    throw new ChatError('cross_talk', 'No cross-talk in this meeting: during sharing only the person sharing posts.');
}

/**
 * True when the member accepted the group's current code of conduct (issue 7: members accept it before joining, and
 * again when it changes). The groups module's `assertMayPost` says the same for threads; the chat checks it from the
 * one query a send makes (`postingContext`) rather than three more.
 */
export function acceptedConduct(memberVersion: number, groupVersion: number): boolean {
  return memberVersion === groupVersion;
}
