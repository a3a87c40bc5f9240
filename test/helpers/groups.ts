import type { InjectOptions } from 'fastify';
import type { AccountsApp } from './accounts-app.js';
import { makeActor, type ActorClient } from './actors.js';

/** A group's creation body with every required field; `overrides` change any of them. */
export function groupBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Evening Harbour',
    description: 'A calm evening group for anyone in recovery. We meet online and share what helps.',
    approach: 'open',
    fellowship: null,
    language: 'en',
    time_zone: 'Europe/Madrid',
    code_of_conduct: 'Be kind. What is said here stays here. No cross-talk during shares.',
    visibility: 'public',
    types: ['O', 'D'],
    ...overrides,
  };
}

export const send = (actor: ActorClient, method: InjectOptions['method'], url: string, payload?: unknown) =>
  actor.request({ method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });

export interface TestGroup {
  slug: string;
  id: number;
  openRoomId: number;
  conductVersion: number;
}

/** A group made through the API by `facilitator` (who must hold a grant and a second factor). */
export async function createGroup(facilitator: ActorClient, overrides: Record<string, unknown> = {}): Promise<TestGroup> {
  const res = await send(facilitator, 'POST', '/api/groups', groupBody(overrides));
  if (res.statusCode !== 201) throw new Error(`create group: ${res.statusCode} ${res.body}`);
  const page = res.json<{ slug: string; open_room_id: number; conduct_version: number }>();
  return { slug: page.slug, id: 0, openRoomId: page.open_room_id, conductVersion: page.conduct_version };
}

/** `actor` joins the group as a member (or observer) accepting its current code of conduct. */
export async function joinGroup(actor: ActorClient, slug: string, as: 'member' | 'observer' = 'member') {
  const page = (await send(actor, 'GET', `/api/groups/${slug}`)).json<{ conduct_version: number }>();
  const res = await send(actor, 'POST', `/api/groups/${slug}/membership`, { as, conduct_version: page.conduct_version });
  if (res.statusCode !== 200) throw new Error(`join: ${res.statusCode} ${res.body}`);
  return res.json<{ role: string; status: string }>();
}

/** A facilitator (grant + second factor) and a plain member, both new. */
export async function people(t: AccountsApp) {
  return { facilitator: await makeActor(t, 'facilitator'), member: await makeActor(t, 'member') };
}
