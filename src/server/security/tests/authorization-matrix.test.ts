import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../test/helpers/accounts-app.js';
import { makeActor, TEST_ADMIN_TOKEN, WHO, type Who } from '../../../../test/helpers/actors.js';
import { buildRouteContext, documentedOperations, ROUTES, type Ctx, type Entry } from '../../../../test/helpers/route-catalog.js';

/**
 * The authorization matrix (issue 6): every operation in the OpenAPI document (test/helpers/route-catalog.ts), asked
 * by every kind of person, is either let through with the answer it should give or refused with 401/403/404. A route
 * missing from the catalogue fails the suite, so no new route escapes review.
 */
const SITE_ADMINS: readonly Who[] = ['site_admin'];

/** What `who` should get from a route under `rule`: the allowed answer, or the refusal. */
function expected(entry: Entry, who: Who): number {
  const ok = typeof entry.ok === 'number' ? entry.ok : (entry.ok[who] ?? entry.ok.default);
  const refuse = who === 'anonymous' ? 401 : 403;
  switch (entry.rule) {
    case 'public':
      return ok;
    case 'signed_in':
      return who === 'anonymous' ? 401 : who === 'operator' ? 403 : ok;
    case 'owner':
      return who === 'member' ? ok : who === 'anonymous' ? 401 : who === 'operator' ? 403 : 404;
    case 'people':
      return SITE_ADMINS.includes(who) ? ok : refuse;
    case 'directory':
      return SITE_ADMINS.includes(who) || who === 'operator' ? ok : refuse;
    case 'group_reader':
      return ['member', 'facilitator', 'moderator'].includes(who) ? ok : refuse;
    case 'group_member':
      return ['member', 'facilitator'].includes(who) ? ok : refuse;
    case 'group_facilitator':
      return ['facilitator', 'moderator'].includes(who) ? ok : refuse;
    case 'group_creator':
      return ['facilitator', 'org_admin', 'site_admin'].includes(who) ? ok : refuse;
    case 'moderation':
      return who === 'moderator' ? ok : refuse;
  }
}

describe.each(dialectCases())('authorization matrix on $name', (kind) => {
  let t: AccountsApp;
  let ctx: Ctx;

  beforeAll(async () => {
    t = await startAccountsApp(kind, { adminToken: TEST_ADMIN_TOKEN });
    await t.app.ready();
    ctx = await buildRouteContext(t);
  }, 120_000);
  afterAll(() => t.close());

  it('has an entry for every documented operation, and none for operations that are gone', () => {
    const documented = documentedOperations(t).sort();
    expect(documented.length).toBeGreaterThan(40);
    expect(
      documented.filter((op) => !(op in ROUTES)),
      'routes without an entry in the matrix',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((op) => !documented.includes(op)),
      'entries for routes that no longer exist',
    ).toEqual([]);
  });

  it.each(Object.keys(ROUTES))('%s', async (op) => {
    const entry = ROUTES[op]!;
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const who of WHO) {
      const actor = entry.fresh ? await makeActor(t, who) : ctx.actors[who];
      const res: LightMyRequestResponse = await actor.request(await entry.request(ctx, actor));
      outcomes.push(`${who}: ${res.statusCode}`);
      wanted.push(`${who}: ${expected(entry, who)}`);
      if (res.statusCode === 401 || res.statusCode === 403) {
        const code = res.json<{ error: { code: string } }>().error.code;
        expect(['unauthorized', 'forbidden', 'second_factor_required', 'invalid_credentials'], `${who} ${code}`).toContain(code);
      }
      // Allowed account requests answer about the asker's own account, never about `member`.
      if (entry.rule === 'signed_in' && who !== 'member' && res.statusCode < 300 && ctx.actors.member.handle)
        expect(res.body.includes(ctx.actors.member.handle), `${who} saw member's data`).toBe(false);
    }
    expect(outcomes.join('\n')).toBe(wanted.join('\n'));
  });
});
