import { CROSS_TALK_SECTIONS, type RoomState } from '../../../../shared/chat-protocol.js';
import type { You } from './use-room.js';

/**
 * Why this member cannot post right now, so the composer can say it plainly instead of failing on send (docs/groups.md
 * "Who may do what" and "Sharing queue"). The server enforces every rule; this only explains it. Null: may post.
 */
export type PostBlock =
  | { reason: 'closed' }
  | { reason: 'removed' }
  | { reason: 'observer' }
  | { reason: 'muted' }
  | { reason: 'locked' }
  | { reason: 'crossTalk'; sharer: string }
  | { reason: 'waitForCall' }
  | { reason: 'slowMode'; seconds: number }
  | { reason: 'signedOut' };

export interface PostContext {
  state: RoomState | null;
  you: You | null;
  closed: 'ended' | 'removed' | 'left_group' | null;
  sessionEnded: boolean;
  /** When this member's last message was stored, and the server's retry_after from a slow-mode refusal if any. */
  lastSentAt: number | null;
  retryAt: number | null;
  now: number;
}

const leads = (you: You) => you.role === 'facilitator' || you.role === 'moderator';

export function postBlock({ state, you, closed, sessionEnded, lastSentAt, retryAt, now }: PostContext): PostBlock | null {
  if (sessionEnded) return { reason: 'signedOut' };
  if (closed === 'removed' || closed === 'left_group') return { reason: 'removed' };
  if (closed === 'ended' || state?.status === 'closed') return { reason: 'closed' };
  if (!you || !state) return null;
  if (you.role === 'observer') return { reason: 'observer' };
  if (you.muted) return { reason: 'muted' };
  if (leads(you)) return null;
  if (state.locked) return { reason: 'locked' };
  // As the server rules it (chat/posting-rules.ts): with cross-talk off, in a sharing or check-in section only the
  // current sharer posts; with nobody sharing yet, members wait to be called on.
  if (crossTalkHolds(state) && state.sharer !== you.handle)
    return state.sharer ? { reason: 'crossTalk', sharer: state.sharer } : { reason: 'waitForCall' };
  const slowUntil = Math.max(
    state.slow_mode_seconds > 0 && lastSentAt !== null ? lastSentAt + state.slow_mode_seconds * 1000 : 0,
    retryAt ?? 0,
  );
  if (slowUntil > now) return { reason: 'slowMode', seconds: Math.ceil((slowUntil - now) / 1000) };
  return null;
}

function crossTalkHolds(state: RoomState): boolean {
  const kind = state.format[state.section]?.kind;
  return state.kind === 'live' && !state.cross_talk && kind !== undefined && CROSS_TALK_SECTIONS.includes(kind);
}

/** Whether `you` may raise a hand: members only (facilitators call on people; observers only listen), not while sharing. */
export function mayRaiseHand(state: RoomState, you: You | null): boolean {
  return you !== null && you.role === 'member' && state.sharer !== you.handle;
}

/** Whether `you` may edit or delete `message` now: their own, within the edit window. */
export function canChange(
  message: { author: string | null; created_at: string; deleted: boolean },
  you: You | null,
  now: number,
  windowMinutes: number,
): boolean {
  if (!you || message.deleted || message.author !== you.handle) return false;
  return now - Date.parse(message.created_at) < windowMinutes * 60_000;
}
