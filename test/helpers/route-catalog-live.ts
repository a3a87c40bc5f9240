import type { InjectOptions } from 'fastify';
import type { AccountsApp } from './accounts-app.js';
import type { ActorClient, Who } from './actors.js';
import type { Ctx, Entry } from './route-catalog.js';
import { seedLiveRoom } from './live-groups.js';
import { insertAttendance } from '../../src/server/modules/groups/live/repository/attendance.js';
import { insertProof } from '../../src/server/modules/groups/live/repository/proofs.js';

/** What the live-meeting routes act on: a weekly meeting, one of its rooms open now, and an issued proof of `member`'s. */
export interface LiveCtx {
  meetingId: number;
  roomId: number;
  proofId: string;
}

const req = (method: InjectOptions['method'], url: string, payload?: Record<string, unknown>): InjectOptions => ({
  method,
  url,
  ...(payload === undefined ? {} : { payload }),
});

const weekly = {
  title: 'Tuesday sharing',
  recurrence: 'weekly',
  weekday: 2,
  start_time: '19:30',
  starts_on: '2025-01-07',
  duration_minutes: 60,
};

let proofSerial = 0;

/** A live room open now in the context's group, with `accountId`'s attendance recorded there (when given). */
async function roomWithAttendance(
  c: Ctx,
  accountId: number | undefined,
): Promise<{ roomId: number; attendanceId: number | null }> {
  const { roomId, occurrenceAt } = await seedLiveRoom(c.t.database.db, c.group.id);
  if (accountId === undefined) return { roomId, attendanceId: null };
  const record = await insertAttendance(c.t.database.db, {
    account_id: accountId,
    room_id: roomId,
    group_name: 'Matrix Harbour',
    meeting_title: 'Thursday sharing',
    occurrence_at: occurrenceAt,
    created_at: new Date().toISOString(),
  });
  return { roomId, attendanceId: record.id };
}

/** A proof of `member`'s that is still only requested. */
async function requestedProof(c: Ctx): Promise<string> {
  const { attendanceId } = await roomWithAttendance(c, c.actors.member.accountId);
  const id = (++proofSerial).toString(16).padStart(8, '0') + Date.now().toString(16).padStart(24, '0').slice(-24);
  await insertProof(c.t.database.db, {
    id,
    attendance_id: attendanceId,
    account_id: c.actors.member.accountId!,
    issued_by: null,
    status: 'requested',
    statement: '{}',
    signature: null,
    created_at: new Date().toISOString(),
    issued_at: null,
  });
  return id;
}

/**
 * Live meetings (issue 7). `group_member` here is "an active person of the group" (attendance is about having been
 * there). Revoking a proof is for the member it is about, the group's facilitators and moderators: the same people
 * as `group_reader` in this context (the proof is `member`'s).
 */
export const LIVE_ROUTES: Record<string, Entry> = {
  'GET /api/groups/{slug}/meetings': {
    rule: 'public',
    ok: 200,
    request: (c) => req('GET', `/api/groups/${c.group.slug}/meetings`),
  },
  'POST /api/groups/{slug}/meetings': {
    rule: 'group_facilitator',
    ok: 201,
    request: (c) => req('POST', `/api/groups/${c.group.slug}/meetings`, weekly),
  },
  'PATCH /api/groups/{slug}/meetings/{id}': {
    rule: 'group_facilitator',
    ok: 200,
    request: (c) => req('PATCH', `/api/groups/${c.group.slug}/meetings/${c.live.meetingId}`, { title: 'Tuesday circle' }),
  },
  'DELETE /api/groups/{slug}/meetings/{id}': {
    rule: 'group_facilitator',
    ok: 204,
    request: async (c) => {
      const { meetingId } = await seedLiveRoom(c.t.database.db, c.group.id);
      return req('DELETE', `/api/groups/${c.group.slug}/meetings/${meetingId}`);
    },
  },
  'GET /api/groups/{slug}/rooms': {
    rule: 'group_reader',
    ok: 200,
    request: (c) => req('GET', `/api/groups/${c.group.slug}/rooms`),
  },
  'GET /api/rooms/{id}': { rule: 'group_reader', ok: 200, request: (c) => req('GET', `/api/rooms/${c.live.roomId}`) },
  'PUT /api/rooms/{id}/attendance': {
    rule: 'group_member',
    ok: 200,
    request: (c) => req('PUT', `/api/rooms/${c.live.roomId}/attendance`),
  },
  'DELETE /api/rooms/{id}/attendance': {
    rule: 'group_member',
    ok: 200,
    request: (c) => req('DELETE', `/api/rooms/${c.live.roomId}/attendance`),
  },
  'GET /api/account/attendance': { rule: 'signed_in', ok: 200, request: () => req('GET', '/api/account/attendance') },
  'POST /api/rooms/{id}/proof-request': {
    rule: 'group_member',
    ok: 201,
    // A fresh meeting with the asker's attendance recorded (directly: those outside the group could not).
    request: async (c, actor) => req('POST', `/api/rooms/${(await roomWithAttendance(c, actor.accountId)).roomId}/proof-request`),
  },
  'GET /api/groups/{slug}/proof-requests': {
    rule: 'group_facilitator',
    ok: 200,
    request: (c) => req('GET', `/api/groups/${c.group.slug}/proof-requests`),
  },
  'POST /api/proofs/{id}/issue': {
    rule: 'group_facilitator',
    ok: 200,
    request: async (c) => req('POST', `/api/proofs/${await requestedProof(c)}/issue`),
  },
  'GET /api/proofs/key': { rule: 'public', ok: 200, request: () => req('GET', '/api/proofs/key') },
  'GET /api/proofs/{id}': { rule: 'public', ok: 200, request: (c) => req('GET', `/api/proofs/${c.live.proofId}`) },
  'GET /api/proofs/{id}/pdf': { rule: 'public', ok: 200, request: (c) => req('GET', `/api/proofs/${c.live.proofId}/pdf`) },
  'DELETE /api/proofs/{id}': {
    rule: 'group_reader',
    ok: 200,
    request: async (c) => req('DELETE', `/api/proofs/${await requestedProof(c)}`),
  },
  'GET /api/account/proofs': { rule: 'signed_in', ok: 200, request: () => req('GET', '/api/account/proofs') },
};

/** The live meeting, room and issued proof the catalogue's requests use, made through the API as people would. */
export async function buildLiveContext(
  t: AccountsApp,
  actors: Record<Who, ActorClient>,
  group: { id: number; slug: string },
): Promise<LiveCtx> {
  const made = await actors.facilitator.request(req('POST', `/api/groups/${group.slug}/meetings`, weekly));
  if (made.statusCode !== 201) throw new Error(`live meeting: ${made.statusCode} ${made.body}`);
  const { roomId } = await seedLiveRoom(t.database.db, group.id);
  const recorded = await actors.member.request(req('PUT', `/api/rooms/${roomId}/attendance`));
  if (recorded.statusCode !== 200) throw new Error(`attendance: ${recorded.statusCode} ${recorded.body}`);
  const { id: proofId } = (await actors.member.request(req('POST', `/api/rooms/${roomId}/proof-request`))).json<{ id: string }>();
  const issued = await actors.facilitator.request(req('POST', `/api/proofs/${proofId}/issue`));
  if (issued.statusCode !== 200) throw new Error(`proof: ${issued.statusCode} ${issued.body}`);
  return { meetingId: made.json<{ id: number }>().id, roomId, proofId };
}
