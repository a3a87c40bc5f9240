import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../../../../../../test/setup/provided-context.js';
import { createPostgresDatabase, type TestDatabase } from '../../../../../../test/helpers/databases.js';
import { freePort } from '../../../../../../test/setup/free-port.js';
import { ResilientChat } from '../../../../../../test/helpers/resilient-chat.js';
import { seedGroup } from '../../../../../../test/helpers/groups.js';
import { openDatabase, type DatabaseHandle } from '../../../../db/index.js';
import { migrateToLatest } from '../../../../db/migrate.js';
import { insertAccount } from '../../../accounts/repository/accounts.js';
import { startSession } from '../../../accounts/sessions-service.js';
import { testConfig } from '../../../../config.js';

const pgUrl = inject('pgUrl');
const redisUrl = inject('redisUrl');
const PUBLIC_URL = 'http://kinship.test';
const cliEntry = join(process.cwd(), 'test', 'helpers', 'run-cli.ts');

interface Instance {
  base: string;
  child: ChildProcess;
  exited: Promise<unknown>;
  output: () => string;
}

/** A real server process (`kinship serve` from source) on the shared PostgreSQL and Redis. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl!,
      PUBLIC_URL,
      SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      WEB_ROOT: join(process.cwd(), 'does-not-exist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${base}/readyz`).catch(() => undefined);
    if (ready?.status === 200) return { base, child, exited, output: () => out };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`instance did not start:\n${out}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 7 "Scale past one machine": two server processes on real PostgreSQL and Redis, a client on each in one room,
 * both sending all along. Each sees the other's messages in the same order; one instance is killed (SIGKILL)
 * mid-conversation, its client reconnects to the other, resumes with `after` and re-sends what was not
 * acknowledged: 0 lost, 0 duplicated, one order. (Under CI the services always exist: test setup fails otherwise.)
 */
describe.runIf(pgUrl && redisUrl)('chat across two instances', () => {
  let tdb: TestDatabase;
  let db: DatabaseHandle;
  const instances: Instance[] = [];
  let room = 0;
  const cookies: string[] = [];

  beforeAll(async () => {
    tdb = await createPostgresDatabase(pgUrl!);
    db = openDatabase(tdb.url);
    await migrateToLatest(db);
    const group = await seedGroup(db.db);
    room = group.openRoomId;
    const now = new Date();
    for (const name of ['alice', 'bruno']) {
      const t = now.toISOString();
      const id = await insertAccount(db.db, { handle: name, handle_key: name, password_hash: 'x', created_at: t, updated_at: t });
      await db.db
        .insertInto('group_members')
        .values({ group_id: group.groupId, account_id: id, role: 'member', status: 'active', conduct_version: 1, created_at: t, updated_at: t })
        .execute();
      const session = await startSession(db.db, id, { secondFactor: false, label: 'test', now, policy: testConfig().sessions });
      cookies.push(session.token);
    }
    instances.push(...(await Promise.all([startInstance(tdb.url), startInstance(tdb.url)])));
  }, 60_000);

  afterAll(async () => {
    for (const i of instances) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await db?.close();
    await tdb?.drop();
  });

  it('keeps one order with 0 lost and 0 duplicated when an instance dies mid-conversation', async () => {
    const [one, two] = instances as [Instance, Instance];
    const alice = new ResilientChat('alice', [one.base, two.base], cookies[0]!, PUBLIC_URL, room);
    const bruno = new ResilientChat('bruno', [two.base, one.base], cookies[1]!, PUBLIC_URL, room);
    await Promise.all([alice.start(), bruno.start()]);
    const sendFor = async (ms: number, onHalf?: () => void) => {
      const end = Date.now() + ms;
      let halfDone = false;
      while (Date.now() < end) {
        alice.send();
        bruno.send();
        if (!halfDone && onHalf && Date.now() > end - ms / 2) {
          halfDone = true;
          onHalf();
        }
        await sleep(220);
      }
    };
    // Both talk; each sees the other's words through Redis.
    await sendFor(2000);
    expect(alice.received.some(([, b]) => b.startsWith('bruno'))).toBe(true);
    expect(bruno.received.some(([, b]) => b.startsWith('alice'))).toBe(true);
    // Instance one dies without warning halfway through the next stretch; alice's client moves to instance two.
    await sendFor(3000, () => one.child.kill('SIGKILL'));
    await one.exited;
    // Everything sent is acknowledged in the end (re-sent with its nonce where the ack was lost).
    const deadline = Date.now() + 15_000;
    while ((alice.unacked.size > 0 || bruno.unacked.size > 0) && Date.now() < deadline) await sleep(100);
    expect([alice.unacked.size, bruno.unacked.size]).toEqual([0, 0]);
    const { last_seq } = await db.db.selectFrom('rooms').select('last_seq').where('id', '=', room).executeTakeFirstOrThrow();
    while ((alice.lastSeq < last_seq || bruno.lastSeq < last_seq) && Date.now() < deadline) await sleep(100);
    alice.stop();
    bruno.stop();

    expect(alice.reconnects).toBeGreaterThanOrEqual(1);
    const sentBodies = [...alice.acked.keys(), ...bruno.acked.keys()].map((n) => n.replace(/-(\d+)$/, ' says $1'));
    for (const client of [alice, bruno]) {
      const bodies = client.received.map(([, b]) => b);
      // 0 duplicated: no sequence twice, no message twice.
      expect(new Set(client.seqs).size, `${client.name} duplicated sequences`).toBe(client.seqs.length);
      expect(new Set(bodies).size, `${client.name} duplicated messages`).toBe(bodies.length);
      // 0 lost: every acknowledged send is there, and sequences run 1..last without a gap.
      expect(sentBodies.filter((b) => !bodies.includes(b)), `${client.name} lost`).toEqual([]);
      expect(client.seqs).toEqual(Array.from({ length: last_seq }, (_, i) => i + 1));
    }
    // One order: both saw the same messages under the same sequences, in the same order.
    expect(alice.received).toEqual(bruno.received);
    const stored = await db.db.selectFrom('room_messages').select(['seq', 'body']).where('room_id', '=', room).orderBy('seq').execute();
    expect(stored.map((r) => [r.seq, r.body])).toEqual(alice.received);
    expect(stored.length).toBe(sentBodies.length);
  }, 60_000);
});
