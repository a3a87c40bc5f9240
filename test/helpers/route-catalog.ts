import type { InjectOptions } from 'fastify';
import { insertGrant } from '../../src/server/modules/accounts/repository/accounts.js';
import type { AccountsApp } from './accounts-app.js';
import {
  enableTotp,
  makeActor,
  seedDirectory,
  TEST_ADMIN_TOKEN,
  uniqueHandle,
  WHO,
  type ActorClient,
  type Who,
} from './actors.js';
import { SessionClient, STRONG_PASSWORD } from './session-client.js';
import { SoftAuthenticator } from './soft-authenticator.js';
import { replaceResetToken } from '../../src/server/modules/accounts/repository/resets.js';
import { newToken, tokenHash } from '../../src/server/security/tokens.js';

/**
 * Every operation of the API with a request that succeeds for someone allowed, and the rule saying who that is. The
 * authorization matrix asks each operation as every kind of person; the attack corpora start from these requests
 * and vary one input at a time. A new route gets an entry here (the matrix fails until it does).
 *
 * Rules:
 * - `public`: anyone, signed in or not.
 * - `signed_in`: any signed-in member, acting on their own account only (anonymous 401, the operator token 403).
 * - `owner`: a thing of `member`'s, named in the path; everyone else is answered 404, as if it did not exist.
 * - `people`: site admins with a second factor (operators 403: tokens do not manage people).
 * - `directory`: the directory's administration: site admins with a second factor, or the operator token.
 *
 * Online groups (issue 7; docs/groups.md "Who may do what"). The context's group has `facilitator` as its
 * facilitator and `member` as an active member; `other` and the rest are not in it:
 * - `group_reader`: the group's people (`member`, `facilitator`) and moderators.
 * - `group_member`: the group's people only (posting, reacting, a member's own attendance).
 * - `group_facilitator`: the group's facilitator and moderators, with a second factor.
 * - `group_creator`: holders of a facilitator grant, org admins and site admins, with a second factor.
 * - `moderation`: moderators, with a second factor.
 */
export type Rule =
  | 'public'
  | 'signed_in'
  | 'owner'
  | 'people'
  | 'directory'
  | 'group_reader'
  | 'group_member'
  | 'group_facilitator'
  | 'group_creator'
  | 'moderation';

export interface Ctx {
  t: AccountsApp;
  /** A fixed actor per kind, for routes that do not change who they are. */
  actors: Record<Who, ActorClient>;
  meetingId: number;
  sourceId: number;
  importId: number;
  /** An account with TOTP whose recovery codes the second-factor row spends, one per request. */
  twoStep: { handle: string; codes: string[] };
  /** The account role changes are made to. */
  roleTargetId: number;
}

export interface Entry {
  rule: Rule;
  /** The status an allowed request gets; per-kind overrides where the answer differs (e.g. 2FA already on). */
  ok: number | ({ default: number } & Partial<Record<Who, number>>);
  /** Acts as a brand-new person of the kind: the request changes or ends the account or its session. */
  fresh?: boolean;
  request: (ctx: Ctx, actor: ActorClient) => InjectOptions | Promise<InjectOptions>;
}

export const json = (method: InjectOptions['method'], url: string, payload?: unknown): InjectOptions => ({
  method,
  url,
  ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
});

export const ROUTES: Record<string, Entry> = {
  'GET /healthz': { rule: 'public', ok: 200, request: () => json('GET', '/healthz') },
  'GET /readyz': { rule: 'public', ok: 200, request: () => json('GET', '/readyz') },
  // Request durations by route and pool figures: nothing about people, as Prometheus scrapers expect it open.
  'GET /metrics': { rule: 'public', ok: 200, request: () => json('GET', '/metrics') },
  'GET /api/meta': { rule: 'public', ok: 200, request: () => json('GET', '/api/meta') },
  'GET /feeds/meeting-guide.json': { rule: 'public', ok: 200, request: () => json('GET', '/feeds/meeting-guide.json') },
  'GET /feeds/meetings.csv': { rule: 'public', ok: 200, request: () => json('GET', '/feeds/meetings.csv') },
  'GET /feeds/meetings.ics': { rule: 'public', ok: 200, request: () => json('GET', '/feeds/meetings.ics') },
  'GET /api/meetings/{id}/calendar.ics': {
    rule: 'public',
    ok: 200,
    request: (c) => json('GET', `/api/meetings/${c.meetingId}/calendar.ics`),
  },
  'GET /api/changes': {
    rule: 'public',
    ok: 200,
    request: () => json('GET', '/api/changes?since=2020-01-01T00:00:00Z'),
  },
  'GET /client_interface/json/': {
    rule: 'public',
    ok: 200,
    request: () => json('GET', '/client_interface/json/?switcher=GetSearchResults'),
  },
  'GET /client_interface/jsonp/': {
    rule: 'public',
    ok: 200,
    request: () => json('GET', '/client_interface/jsonp/?switcher=GetServiceBodies&callback=cb'),
  },
  'GET /api/places': { rule: 'public', ok: 200, request: () => json('GET', '/api/places?q=malv') },
  'GET /api/places/{id}': { rule: 'public', ok: 200, request: () => json('GET', '/api/places/geonames:2147714') },
  'GET /api/meetings': { rule: 'public', ok: 200, request: () => json('GET', '/api/meetings') },
  'GET /api/meetings/{id}': { rule: 'public', ok: 200, request: (c) => json('GET', `/api/meetings/${c.meetingId}`) },
  'POST /api/meetings/{id}/corrections': {
    rule: 'public',
    ok: 201,
    request: (c) => json('POST', `/api/meetings/${c.meetingId}/corrections`, { kind: 'time', details: 'It starts at 7pm now.' }),
  },

  // The chat socket (issue 7): any signed-in member may connect; rooms are authorized per frame. A plain GET (no
  // upgrade, as inject sends) passes the same checks as the upgrade, then is answered 426.
  'GET /ws': {
    rule: 'signed_in',
    ok: 426,
    request: () => ({ method: 'GET', url: '/ws', headers: { origin: 'http://localhost:3000' } }),
  },
  'GET /api/session': { rule: 'public', ok: 200, request: () => json('GET', '/api/session') },
  'POST /api/auth/sign-up': {
    rule: 'public',
    ok: 201,
    fresh: true,
    request: () => json('POST', '/api/auth/sign-up', { handle: uniqueHandle('joiner'), password: STRONG_PASSWORD }),
  },
  'POST /api/auth/sign-in': {
    rule: 'public',
    ok: 200,
    fresh: true,
    request: (c, a) =>
      json('POST', '/api/auth/sign-in', { handle: a.handle ?? c.actors.member.handle, password: STRONG_PASSWORD }),
  },
  'POST /api/auth/sign-in/second-factor': {
    rule: 'public',
    ok: 200,
    fresh: true,
    request: async (c) => {
      const first = await c.t.app.inject(
        json('POST', '/api/auth/sign-in', { handle: c.twoStep.handle, password: STRONG_PASSWORD }),
      );
      const { challenge } = first.json<{ challenge: string }>();
      return json('POST', '/api/auth/sign-in/second-factor', { challenge, code: c.twoStep.codes.pop() });
    },
  },
  'POST /api/auth/recover': {
    rule: 'public',
    ok: 200,
    fresh: true,
    request: async (c) => {
      const handle = uniqueHandle('forgetful');
      const codes = await new SessionClient(c.t.app).signUp(handle);
      return json('POST', '/api/auth/recover', {
        handle,
        recovery_code: codes[0],
        new_password: 'a brand new passphrase for later',
      });
    },
  },
  'POST /api/auth/passkey/options': {
    rule: 'public',
    ok: 200,
    request: () => json('POST', '/api/auth/passkey/options', {}),
  },
  'POST /api/auth/passkey': {
    rule: 'public',
    ok: 200,
    fresh: true,
    request: async (c) => {
      // A member with a passkey, signing in with it alone.
      const keyed = new SessionClient(c.t.app);
      const authn = new SoftAuthenticator();
      await keyed.signUp(uniqueHandle('keyed'));
      await addPasskey((o) => keyed.request(o), authn);
      const options = await c.t.app.inject(json('POST', '/api/auth/passkey/options', {}));
      return json('POST', '/api/auth/passkey', {
        response: authn.get(options.json<{ options: { challenge: string } }>().options),
      });
    },
  },
  // This app has no SMTP_URL: e-mail reset answers that it is off, after validating the body.
  'POST /api/auth/reset-request': {
    rule: 'public',
    ok: 400,
    request: () => json('POST', '/api/auth/reset-request', { email: 'someone@example.org' }),
  },
  'POST /api/auth/reset': {
    rule: 'public',
    ok: 200,
    fresh: true,
    request: async (c) => {
      // A token as the mail would have carried it (mail itself is tested in password-reset.test.ts).
      const forgetful = new SessionClient(c.t.app);
      await forgetful.signUp(uniqueHandle('reset'));
      const accountId = (await forgetful.get('/api/account')).json<{ id: number }>().id;
      const token = newToken();
      const now = c.t.clock.now;
      await replaceResetToken(c.t.database.db, {
        account_id: accountId,
        token_hash: tokenHash(token),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 30 * 60_000).toISOString(),
      });
      return json('POST', '/api/auth/reset', { token, new_password: 'a brand new passphrase for later' });
    },
  },
  'POST /api/auth/sign-out': { rule: 'public', ok: 200, fresh: true, request: () => json('POST', '/api/auth/sign-out') },
  'POST /api/auth/sign-out-everywhere': {
    rule: 'public',
    ok: 200,
    fresh: true,
    request: () => json('POST', '/api/auth/sign-out-everywhere'),
  },

  'GET /api/account': { rule: 'signed_in', ok: 200, request: () => json('GET', '/api/account') },
  'PATCH /api/account': { rule: 'signed_in', ok: 200, request: () => json('PATCH', '/api/account', { discreet: true }) },
  'POST /api/account/password': {
    rule: 'signed_in',
    ok: 200,
    fresh: true,
    request: () =>
      json('POST', '/api/account/password', {
        current_password: STRONG_PASSWORD,
        new_password: 'another long and quiet passphrase',
      }),
  },
  'GET /api/account/sessions': { rule: 'signed_in', ok: 200, request: () => json('GET', '/api/account/sessions') },
  'DELETE /api/account/sessions/{id}': {
    rule: 'owner',
    ok: 200,
    request: async (c) => {
      // A second session of `member`'s, from another device, named by its opaque id.
      const device = new SessionClient(c.t.app);
      await device.signIn(c.actors.member.handle!);
      const list = (await device.get('/api/account/sessions')).json<{ sessions: { id: string; current: boolean }[] }>();
      return json('DELETE', `/api/account/sessions/${list.sessions.find((s) => s.current)!.id}`);
    },
  },
  'POST /api/account/recovery-codes': {
    rule: 'signed_in',
    ok: 200,
    request: () => json('POST', '/api/account/recovery-codes', { password: STRONG_PASSWORD }),
  },
  'POST /api/account/totp/setup': {
    rule: 'signed_in',
    ok: 200,
    fresh: true,
    request: () => json('POST', '/api/account/totp/setup'),
  },
  'POST /api/account/totp/enable': {
    rule: 'signed_in',
    // Past the policy, a challenge that is not this account's is refused as invalid input.
    ok: 400,
    request: () => json('POST', '/api/account/totp/enable', { challenge: 'not-a-live-challenge', code: '123456' }),
  },
  'POST /api/account/totp/disable': {
    rule: 'signed_in',
    // Holders of a privileged role cannot drop their second factor (409); for others it is off afterwards.
    ok: { default: 200, facilitator: 409, moderator: 409, org_admin: 409, site_admin: 409 },
    fresh: true,
    request: () => json('POST', '/api/account/totp/disable', { password: STRONG_PASSWORD }),
  },
  'GET /api/account/passkeys': { rule: 'signed_in', ok: 200, request: () => json('GET', '/api/account/passkeys') },
  'POST /api/account/passkeys/options': {
    rule: 'signed_in',
    ok: 200,
    request: () => json('POST', '/api/account/passkeys/options', { password: STRONG_PASSWORD }),
  },
  'POST /api/account/passkeys': {
    rule: 'signed_in',
    ok: 200,
    // A passkey is a second factor: the shared actors must keep signing in with their password alone.
    fresh: true,
    request: async (_c, actor) => {
      // The asker's own enrolment (for those who cannot start one, any well-formed answer: they are refused first).
      const started = await actor.request(json('POST', '/api/account/passkeys/options', { password: STRONG_PASSWORD }));
      const options =
        started.statusCode === 200
          ? started.json<{ options: CreationOptionsJSON }>().options
          : { challenge: 'bm90LXN0YXJ0ZWQ', rp: { id: 'localhost', name: 'Kinship' }, user: { id: 'dXNlcg' } };
      return json('POST', '/api/account/passkeys', { name: 'blue key', response: new SoftAuthenticator().create(options) });
    },
  },
  'DELETE /api/account/passkeys/{id}': {
    rule: 'owner',
    ok: 200,
    // Fresh people, so no passkey is left on the shared member (it would turn their sign-in into two steps). The
    // passkey is the asking member's own; for everyone else it is another member's.
    fresh: true,
    request: async (c, actor) => {
      const owner = actor.who === 'member' ? actor : await makeActor(c.t, 'member');
      const passkey = await addPasskey((o) => owner.request(o), new SoftAuthenticator());
      return json('DELETE', `/api/account/passkeys/${passkey.id}`);
    },
  },
  'GET /api/account/export': { rule: 'signed_in', ok: 200, request: () => json('GET', '/api/account/export') },
  'GET /api/account/export/{section}.csv': {
    rule: 'signed_in',
    ok: 200,
    request: () => json('GET', '/api/account/export/sessions.csv'),
  },
  'POST /api/account/delete': {
    rule: 'signed_in',
    ok: 200,
    fresh: true,
    request: () => json('POST', '/api/account/delete', { password: STRONG_PASSWORD, posts: 'delete' }),
  },

  'GET /api/admin/accounts': { rule: 'people', ok: 200, request: () => json('GET', '/api/admin/accounts') },
  'PUT /api/admin/accounts/{id}/roles/{role}': {
    rule: 'people',
    ok: 200,
    request: (c) => json('PUT', `/api/admin/accounts/${c.roleTargetId}/roles/moderator`, {}),
  },
  'DELETE /api/admin/accounts/{id}/roles/{role}': {
    rule: 'people',
    ok: 200,
    request: async (c) => {
      await insertGrant(c.t.database.db, c.roleTargetId, 'moderator', '', c.t.clock.now.toISOString());
      return json('DELETE', `/api/admin/accounts/${c.roleTargetId}/roles/moderator`, {});
    },
  },
  'GET /api/admin/audit': { rule: 'people', ok: 200, request: () => json('GET', '/api/admin/audit') },

  'GET /api/admin/sources': { rule: 'directory', ok: 200, request: () => json('GET', '/api/admin/sources') },
  'POST /api/admin/sources': {
    rule: 'directory',
    ok: 201,
    request: () => json('POST', '/api/admin/sources', { name: uniqueHandle('source'), format: 'meeting-guide' }),
  },
  'GET /api/admin/sources/{id}': {
    rule: 'directory',
    ok: 200,
    request: (c) => json('GET', `/api/admin/sources/${c.sourceId}`),
  },
  'PATCH /api/admin/sources/{id}': {
    rule: 'directory',
    ok: 200,
    request: (c) => json('PATCH', `/api/admin/sources/${c.sourceId}`, { fellowship: 'AA' }),
  },
  'DELETE /api/admin/sources/{id}': {
    rule: 'directory',
    ok: 204,
    request: async (c) => {
      const made = await c.t.app.inject({
        ...json('POST', '/api/admin/sources', { name: uniqueHandle('doomed'), format: 'meeting-guide' }),
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      return json('DELETE', `/api/admin/sources/${made.json<{ id: number }>().id}`);
    },
  },
  'POST /api/admin/sources/{id}/import': {
    rule: 'directory',
    ok: 200,
    request: (c) => ({
      method: 'POST',
      url: `/api/admin/sources/${c.sourceId}/import?dry_run=true`,
      headers: { 'content-type': 'application/json' },
      payload: '[]',
    }),
  },
  'GET /api/admin/imports/{id}': {
    rule: 'directory',
    ok: 200,
    request: (c) => json('GET', `/api/admin/imports/${c.importId}`),
  },
  'GET /api/admin/corrections': { rule: 'directory', ok: 200, request: () => json('GET', '/api/admin/corrections') },
};

interface CreationOptionsJSON {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string };
}

/** Adds a passkey made by `authn` to the account `send` acts for; returns it. */
async function addPasskey(
  send: (o: InjectOptions) => Promise<{ statusCode: number; body: string; json: <T>() => T }>,
  authn: SoftAuthenticator,
): Promise<{ id: number }> {
  const started = await send(json('POST', '/api/account/passkeys/options', { password: STRONG_PASSWORD }));
  const options = started.json<{ options: CreationOptionsJSON }>().options;
  const added = await send(json('POST', '/api/account/passkeys', { name: 'a key', response: authn.create(options) }));
  if (added.statusCode !== 200) throw new Error(`adding a passkey failed: ${added.statusCode} ${added.body}`);
  return added.json<{ passkey: { id: number } }>().passkey;
}

/** The people and things the catalogue's requests refer to: a directory imported from a real feed, one actor per kind. */
export async function buildRouteContext(t: AccountsApp): Promise<Ctx> {
  const { sourceId, importId } = await seedDirectory(t);
  const meeting = await t.database.db.selectFrom('meetings').select('id').limit(1).executeTakeFirstOrThrow();
  const actors = {} as Record<Who, ActorClient>;
  for (const who of WHO) actors[who] = await makeActor(t, who);
  const twoStep = await makeActor(t, 'member');
  const twoStepClient = new SessionClient(t.app);
  await twoStepClient.signIn(twoStep.handle!);
  await enableTotp(twoStepClient, t);
  const codes = (await twoStepClient.post('/api/account/recovery-codes', { password: STRONG_PASSWORD })).json<{
    recovery_codes: string[];
  }>().recovery_codes;
  const target = await makeActor(t, 'member');
  return {
    t,
    actors,
    meetingId: meeting.id,
    sourceId,
    importId,
    twoStep: { handle: twoStep.handle!, codes },
    roleTargetId: target.accountId!,
  };
}

/** The operations the app documents, as "METHOD /path" with OpenAPI's `{param}` path syntax. */
export function documentedOperations(t: AccountsApp): string[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}
