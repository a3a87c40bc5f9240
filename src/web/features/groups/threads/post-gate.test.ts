import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/account-api.js';
import { leadsGroup, postGate, type GroupPlace } from './post-gate.js';

const place = (you: GroupPlace['you'], archived = false): GroupPlace => ({ archived, you });
const member = { role: 'member', status: 'active', conduct_current: true } as const;
const account = (roles: Account['roles'] = []) => ({ roles }) as Account;

describe('why a reader may not post in threads', () => {
  it('lets an active member who accepted the current code of conduct post', () => {
    expect(postGate(place(member), true)).toBe('ok');
    expect(postGate(place({ ...member, role: 'facilitator' }), true)).toBe('ok');
  });

  it('names the first reason: signed out, archived, not a member, pending, observer, conduct changed', () => {
    expect(postGate(place(member), false)).toBe('signedOut');
    expect(postGate(place(member, true), true)).toBe('archived');
    expect(postGate(place(null), true)).toBe('notMember');
    expect(postGate(place({ ...member, status: 'pending' }), true)).toBe('pending');
    expect(postGate(place({ ...member, role: 'observer' }), true)).toBe('observer');
    expect(postGate(place({ ...member, conduct_current: false }), true)).toBe('conduct');
  });

  it('lets the group’s active facilitators and site moderators lead, not members or pending facilitators', () => {
    expect(leadsGroup(place({ ...member, role: 'facilitator' }), account())).toBe(true);
    expect(leadsGroup(place({ ...member, role: 'facilitator', status: 'pending' }), account())).toBe(false);
    expect(leadsGroup(place(member), account())).toBe(false);
    expect(leadsGroup(place(null), account([{ role: 'moderator' }]))).toBe(true);
    expect(leadsGroup(place(null), account([{ role: 'facilitator', scope: 'other' }]))).toBe(false);
    expect(leadsGroup(place({ ...member, role: 'facilitator' }), null)).toBe(false);
  });
});
