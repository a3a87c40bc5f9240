import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../../../../test/helpers/databases.js';
import { startAccountsApp, type AccountsApp } from '../../../../test/helpers/accounts-app.js';
import { makeActor, TEST_ADMIN_TOKEN, type ActorClient, type Who } from '../../../../test/helpers/actors.js';
import { buildRouteContext, documentedOperations, ROUTES, type Ctx, type Entry } from '../../../../test/helpers/route-catalog.js';
import { DEFAULT_RATE_LIMITS } from '../rate-limits.js';

/**
 * Attack corpora (issue 6) against every text input of the API: each operation's succeeding request from the route
 * catalogue, with one query parameter, path parameter or body field at a time replaced by a hostile string. Whatever
 * comes in, the server answers without a 500, reflects nothing as HTML, reads no file, and a read changes nothing
 * in the database. Oversized and malformed bodies are refused with 413 and 400 on every operation that takes one.
 * (XSS in the rendered pages is e2e/attack-xss.test.ts, in Chromium.)
 */
const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE accounts; --",
  '1 OR 1=1',
  '" OR ""="',
  "1'; SELECT pg_sleep(3); --",
  "admin'--",
  "%' OR 1=1 --",
  "1' UNION SELECT NULL, NULL, NULL --",
];
const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '<svg onload=alert(1)>'];
const TRAVERSAL = [
  '../../../../etc/passwd',
  '..%2f..%2f..%2f..%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '..\\..\\..\\windows\\win.ini',
];
const ODD = ['\u0000', '\u202e\u0000\uffff', '𝕂𝕚𝕟𝕤𝕙𝕚𝕡 🙂', 'x'.repeat(5000), '{{7*7}}${7*7}', '%00', '-1', '1e309'];
const PAYLOADS = [...SQL_INJECTION, ...XSS, ...TRAVERSAL, ...ODD];

/** Who asks: someone the rule lets through, so the payload reaches the handler rather than the policy. */
const ASKER: Record<Entry['rule'], Who> = {
  public: 'anonymous',
  signed_in: 'member',
  owner: 'member',
  people: 'site_admin',
  directory: 'operator',
  group_reader: 'member',
  group_member: 'member',
  group_facilitator: 'facilitator',
  group_creator: 'facilitator',
  moderation: 'moderator',
};

interface Variant {
  label: string;
  options: InjectOptions;
}

/** The request with one input replaced by `payload`: each query parameter (documented or sent), path parameter, body field. */
function variants(op: string, base: InjectOptions, payload: string, documentedQuery: string[]): Variant[] {
  const [, template] = op.split(' ') as [string, string];
  const url = new URL(base.url as string, 'http://kinship.test');
  const out: Variant[] = [];
  for (const name of new Set([...url.searchParams.keys(), ...documentedQuery])) {
    const u = new URL(url);
    u.searchParams.set(name, payload);
    out.push({ label: `query ${name}`, options: { ...base, url: `${u.pathname}${u.search}` } });
  }
  const templateParts = template.split('/');
  const urlParts = url.pathname.split('/');
  templateParts.forEach((part, i) => {
    const param = /^\{(\w+)\}(.*)$/.exec(part);
    if (!param) return;
    const parts = [...urlParts];
    parts[i] = encodeURIComponent(payload) + param[2];
    out.push({ label: `path ${param[1]}`, options: { ...base, url: `${parts.join('/')}${url.search}` } });
  });
  if (base.payload && typeof base.payload === 'object' && !Buffer.isBuffer(base.payload)) {
    for (const field of Object.keys(base.payload)) {
      out.push({
        label: `body ${field}`,
        options: { ...base, payload: { ...(base.payload as Record<string, unknown>), [field]: payload } },
      });
    }
  }
  return out;
}

function documentedQueryParams(t: AccountsApp, op: string): string[] {
  const [method, path] = op.split(' ') as [string, string];
  const doc = t.app.swagger() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: { type?: string } }[] }>>;
  };
  return (doc.paths[path]?.[method.toLowerCase()]?.parameters ?? [])
    .filter((p) => p.in === 'query' && p.schema?.type !== 'boolean')
    .map((p) => p.name);
}

/** Row counts of every table: a read that changes any of them has been subverted. */
async function tableCounts(t: AccountsApp): Promise<Record<string, number>> {
  const tables = await t.database.db.introspection.getTables();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}`.execute(t.database.db);
    counts[table.name] = Number(row.rows[0]!.n);
  }
  return counts;
}

function checkAnswer(res: LightMyRequestResponse, where: string, payload: string): void {
  expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers['x-content-type-options'], where).toBe('nosniff');
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('text/html') && /[<>"]/.test(payload)) expect(res.body, `${where} reflected markup`).not.toContain(payload);
  expect(res.body, `${where} read a file`).not.toMatch(/root:x:0:0|\[fonts\]|\[extensions\]/);
  if (res.statusCode >= 400 && type.startsWith('application/json'))
    expect(res.json<{ error?: { code?: string } }>().error?.code, where).toEqual(expect.any(String));
}

describe.each(dialectCases())('attack corpora on $name', (kind) => {
  let t: AccountsApp;
  let ctx: Ctx;
  const askers = new Map<Who, ActorClient>();

  beforeAll(async () => {
    // Limits would soon answer 429 to everything from this one address and hide what the handlers do with the input.
    const signIn = { ...DEFAULT_RATE_LIMITS.signIn, accountFailures: 1_000_000, addressFailures: 1_000_000 };
    t = await startAccountsApp(kind, {
      adminToken: TEST_ADMIN_TOKEN,
      rateLimits: {
        ...DEFAULT_RATE_LIMITS,
        signIn,
        signUp: { limit: 0, windowMs: 60_000 },
        corrections: { limit: 0, windowMs: 60_000 },
        reports: { limit: 0, windowMs: 60_000 },
        passkeyOptions: { limit: 0, windowMs: 60_000 },
        api: { limit: 0, windowMs: 60_000 },
      },
    });
    await t.app.ready();
    ctx = await buildRouteContext(t);
    for (const who of Object.values(ASKER)) askers.set(who, ctx.actors[who]);
  }, 120_000);
  afterAll(() => t.close());

  it.each(Object.keys(ROUTES))(
    '%s survives every payload in every input',
    async (op) => {
      const entry = ROUTES[op]!;
      const who = ASKER[entry.rule];
      const reads = op.startsWith('GET ');
      const before = reads ? await tableCounts(t) : undefined;
      let tried = 0;
      const query = documentedQueryParams(t, op);
      // A `fresh` operation changes or ends its person's account or session when it succeeds, so the next request
      // needs a new person; a refused one changes nothing (bad input loses nothing), so the person is kept until a
      // request of theirs gets through. Signing up a person per request made this suite minutes longer.
      let actor = entry.fresh ? await makeActor(t, who) : askers.get(who)!;
      for (const payload of PAYLOADS) {
        let list = variants(op, await entry.request(ctx, actor), payload, query);
        for (let i = 0; i < list.length; i++) {
          const variant = list[i]!;
          const res = await actor.request(variant.options);
          checkAnswer(res, `${op} ${variant.label} ${JSON.stringify(payload).slice(0, 40)}`, payload);
          tried++;
          if (entry.fresh && res.statusCode < 400) {
            actor = await makeActor(t, who);
            list = variants(op, await entry.request(ctx, actor), payload, query);
          }
        }
      }
      if (before) expect(await tableCounts(t), 'a read changed the database').toEqual(before);
      // Operations without text inputs (e.g. GET /healthz) are fine; the rest were all tried.
      expect(tried).toBeGreaterThanOrEqual(0);
    },
    120_000,
  );

  it('searches for an injection as for its words, and keeps every table', async () => {
    const before = await tableCounts(t);
    const ids = async (q: string) => {
      const res = await t.app.inject(`/api/meetings?limit=100&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      return res.json<{ results: { meeting: { id: number } }[] }>().results.map((r) => r.meeting.id);
    };
    for (const payload of SQL_INJECTION) {
      // The quotes, dashes and semicolons are only punctuation: the same meetings as the bare words.
      expect(await ids(payload), payload).toEqual(await ids(payload.replace(/[^\p{L}\p{N}]+/gu, ' ')));
    }
    expect(await tableCounts(t)).toEqual(before);
  });

  const bodyOps = () => Object.keys(ROUTES).filter((op) => /^(POST|PUT|PATCH|DELETE) /.test(op));

  it('refuses an oversized body with 413 on every operation that takes one', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) });
    for (const op of bodyOps()) {
      if (op === 'POST /api/admin/sources/{id}/import') continue; // its own limit, tested below
      const entry = ROUTES[op]!;
      const actor = entry.fresh ? await makeActor(t, ASKER[entry.rule]) : askers.get(ASKER[entry.rule])!;
      const base = await entry.request(ctx, actor);
      const res = await actor.request({ ...base, headers: { 'content-type': 'application/json' }, payload: big });
      expect(res.statusCode, op).toBe(413);
      expect(res.json<{ error: { code: string } }>().error.code, op).toBe('payload_too_large');
    }
  });

  it('refuses a feed upload over its limit with 413, the import unrun', async () => {
    const before = await tableCounts(t);
    const res = await ctx.actors.operator.request({
      method: 'POST',
      url: `/api/admin/sources/${ctx.sourceId}/import`,
      headers: { 'content-type': 'application/json' },
      payload: Buffer.alloc(100 * 1024 * 1024 + 1, 0x20),
    });
    expect(res.statusCode).toBe(413);
    expect(await tableCounts(t)).toEqual(before);
  });

  it('refuses malformed JSON with 400 on every operation that takes a body', async () => {
    // A feed upload is a document, not a request: a malformed one is a failed import with its report (below).
    for (const op of bodyOps().filter((o) => o !== 'POST /api/admin/sources/{id}/import')) {
      const entry = ROUTES[op]!;
      const actor = entry.fresh ? await makeActor(t, ASKER[entry.rule]) : askers.get(ASKER[entry.rule])!;
      const base = await entry.request(ctx, actor);
      for (const broken of ['{"handle": ', '{"a":1,}', "{'single': 'quotes'}", '\u0000']) {
        const res = await actor.request({ ...base, headers: { 'content-type': 'application/json' }, payload: broken });
        expect(res.statusCode, `${op} ${JSON.stringify(broken)}`).toBe(400);
      }
    }
  });

  it('reports a malformed feed upload as a failed import and changes nothing', async () => {
    const before = await tableCounts(t);
    for (const broken of ['{"handle": ', '[{"name": "x",}]', '\u0000']) {
      const res = await ctx.actors.operator.request({
        method: 'POST',
        url: `/api/admin/sources/${ctx.sourceId}/import`,
        headers: { 'content-type': 'application/json' },
        payload: broken,
      });
      expect(res.statusCode).toBe(200);
      const report = res.json<{ status: string; error: string }>();
      expect(report.status, broken).toBe('failed');
      expect(report.error).toMatch(/malformed|invalid|JSON|rejected/i);
    }
    const after = await tableCounts(t);
    // Each failed run is recorded in the import history and the audit log; nothing else changes.
    expect({ ...after, imports: before.imports, audit_log: before.audit_log }).toEqual(before);
  });

  it('refuses a query parameter the operation does not declare, on every documented GET', async () => {
    // BMLT's client interface ignores parameters it does not know, as BMLT root servers do: its clients send many.
    const compatible = (op: string) => op.startsWith('GET /client_interface/');
    for (const op of Object.keys(ROUTES).filter((o) => o.startsWith('GET ') && !compatible(o))) {
      const entry = ROUTES[op]!;
      const actor = askers.get(ASKER[entry.rule])!;
      const base = await entry.request(ctx, actor);
      const url = base.url as string;
      const res = await actor.request({ ...base, url: `${url}${url.includes('?') ? '&' : '?'}smuggled=1` });
      expect(res.statusCode, op).toBe(400);
    }
  });

  it('documents no operation the corpora skip', () => {
    expect(documentedOperations(t).filter((op) => !(op in ROUTES))).toEqual([]);
  });
});
