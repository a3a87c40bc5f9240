import { readFileSync } from 'node:fs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { insertGrant } from '../../src/server/modules/accounts/repository/accounts.js';
import type { Role } from '../../src/shared/schemas/accounts.js';
import type { AccountsApp } from './accounts-app.js';
import { mgFixture } from './fixtures.js';
import { SessionClient } from './session-client.js';
import { codeAt } from './totp.js';

/**
 * The people the security suites act as. `member` and `other` are two plain members (object-level checks: `other`
 * must never reach `member`'s things); the privileged ones hold their role and signed in with a second factor, as
 * the policy demands; `operator` holds the installation's ADMIN_TOKEN.
 */
export const WHO = ['anonymous', 'member', 'other', 'facilitator', 'moderator', 'org_admin', 'site_admin', 'operator'] as const;
export type Who = (typeof WHO)[number];

/** Long enough for config's ADMIN_TOKEN rule; only ever used by tests. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

const ROLE_OF: Partial<Record<Who, { role: Role; scope: string }>> = {
  facilitator: { role: 'facilitator', scope: 'group-1' },
  moderator: { role: 'moderator', scope: '' },
  org_admin: { role: 'org_admin', scope: 'org-1' },
  site_admin: { role: 'site_admin', scope: '' },
};

export interface ActorClient {
  who: Who;
  handle: string | undefined;
  accountId: number | undefined;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

let serial = 0;
/** Handles unique within a run, so suites can make as many people as they need. */
export const uniqueHandle = (prefix: string) => `${prefix}-${(++serial).toString(36)}-${Date.now().toString(36).slice(-4)}`;

/** A new person of the given kind, signed in on a client of their own. */
export async function makeActor(t: AccountsApp, who: Who, handle = uniqueHandle(who)): Promise<ActorClient> {
  if (who === 'anonymous') {
    const c = new SessionClient(t.app);
    return { who, handle: undefined, accountId: undefined, request: (o) => c.request(o) };
  }
  if (who === 'operator') {
    return {
      who,
      handle: undefined,
      accountId: undefined,
      request: (o) =>
        t.app.inject({
          ...o,
          headers: { ...(o.headers as Record<string, string>), authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        }),
    };
  }
  const c = new SessionClient(t.app);
  await c.signUp(handle);
  const accountId = (await c.get('/api/account')).json<{ id: number }>().id;
  const grant = ROLE_OF[who];
  if (grant) {
    await insertGrant(t.database.db, accountId, grant.role, grant.scope, t.clock.now.toISOString());
    await enableTotp(c, t);
  }
  return { who, handle, accountId, request: (o) => c.request(o) };
}

/** Turns on TOTP for the client's account (its session then counts as second-factor); returns the secret. */
export async function enableTotp(c: SessionClient, t: AccountsApp): Promise<string> {
  const setup = (await c.post('/api/account/totp/setup')).json<{ challenge: string; secret: string }>();
  const res = await c.post('/api/account/totp/enable', { challenge: setup.challenge, code: codeAt(setup.secret, t.clock.now) });
  if (res.statusCode !== 200) throw new Error(`TOTP enable failed: ${res.statusCode} ${res.body}`);
  return setup.secret;
}

/** Imports a real Meeting Guide feed through the admin API; returns the source and import ids. */
export async function seedDirectory(t: AccountsApp, fixture = 'aasepia'): Promise<{ sourceId: number; importId: number }> {
  const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const source = await t.app.inject({
    method: 'POST',
    url: '/api/admin/sources',
    headers: auth,
    payload: { name: `seed ${fixture}`, format: 'meeting-guide', timezone: 'America/New_York' },
  });
  if (source.statusCode !== 201) throw new Error(`source: ${source.statusCode} ${source.body}`);
  const sourceId = source.json<{ id: number }>().id;
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/admin/sources/${sourceId}/import`,
    headers: { ...auth, 'content-type': 'application/json' },
    payload: readFileSync(mgFixture(fixture)),
  });
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body}`);
  return { sourceId, importId: imported.json<{ import_id: number }>().import_id };
}
