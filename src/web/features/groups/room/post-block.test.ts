import { describe, expect, it } from 'vitest';
import type { RoomState } from '../../../../shared/chat-protocol.js';
import { canChange, postBlock, type PostContext } from './post-block.js';

const state: RoomState = {
  room: 1,
  kind: 'live',
  status: 'open',
  locked: false,
  slow_mode_seconds: 0,
  cross_talk: true,
  format: [],
  section: 0,
  section_started_at: null,
  share_minutes: 0,
  queue: [],
  sharer: null,
  share_started_at: null,
  closes_at: null,
};
const member = { handle: 'sam', role: 'member' as const, muted: false };
const base: PostContext = {
  state,
  you: member,
  closed: null,
  sessionEnded: false,
  lastSentAt: null,
  retryAt: null,
  now: 100_000,
};

describe('why the composer cannot post', () => {
  it('lets a member post in an ordinary room', () => {
    expect(postBlock(base)).toBeNull();
  });

  it('names each reason a member sees', () => {
    expect(postBlock({ ...base, you: { ...member, role: 'observer' } })).toEqual({ reason: 'observer' });
    expect(postBlock({ ...base, you: { ...member, muted: true } })).toEqual({ reason: 'muted' });
    expect(postBlock({ ...base, state: { ...state, locked: true } })).toEqual({ reason: 'locked' });
    expect(postBlock({ ...base, state: { ...state, cross_talk: false, sharer: 'alex' } })).toEqual({
      reason: 'crossTalk',
      sharer: 'alex',
    });
    expect(postBlock({ ...base, closed: 'ended' })).toEqual({ reason: 'closed' });
    expect(postBlock({ ...base, closed: 'removed' })).toEqual({ reason: 'removed' });
    expect(postBlock({ ...base, sessionEnded: true })).toEqual({ reason: 'signedOut' });
  });

  it('lets the sharer speak with cross-talk off, and facilitators through a lock', () => {
    expect(postBlock({ ...base, state: { ...state, cross_talk: false, sharer: 'sam' } })).toBeNull();
    expect(postBlock({ ...base, you: { ...member, role: 'facilitator' }, state: { ...state, locked: true } })).toBeNull();
  });

  it('counts slow mode down from the last message, or from the server’s retry time', () => {
    const slow = { ...base, state: { ...state, slow_mode_seconds: 30 } };
    expect(postBlock({ ...slow, lastSentAt: 100_000 - 10_500 })).toEqual({ reason: 'slowMode', seconds: 20 });
    expect(postBlock({ ...slow, lastSentAt: 100_000 - 30_000 })).toBeNull();
    expect(postBlock({ ...base, retryAt: 105_000 })).toEqual({ reason: 'slowMode', seconds: 5 });
  });
});

describe('editing and deleting', () => {
  const message = { author: 'sam', created_at: new Date(0).toISOString(), deleted: false };
  it('is for the author, within the window, on a message not deleted', () => {
    expect(canChange(message, member, 14 * 60_000, 15)).toBe(true);
    expect(canChange(message, member, 15 * 60_000, 15)).toBe(false);
    expect(canChange({ ...message, author: 'alex' }, member, 0, 15)).toBe(false);
    expect(canChange({ ...message, author: null }, member, 0, 15)).toBe(false);
    expect(canChange({ ...message, deleted: true }, member, 0, 15)).toBe(false);
  });
});
