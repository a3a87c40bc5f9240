import type { AddressInfo } from 'node:net';
import { startAccountsApp, type AccountsApp } from './accounts-app.js';
import type { DialectCase } from './databases.js';
import { addMember, makePerson, seedGroup, type Person, type SeededGroup } from './groups.js';
import type { GroupRole } from '../../src/server/db/types.js';
import type { LifecycleDeps } from '../../src/server/modules/groups/rooms/lifecycle.js';
import { createMemoryBus } from '../../src/server/bus/memory-bus.js';

/** Heartbeat of the apps chat suites start: fast, so a signed-out socket closes within a test. */
export const TEST_HEARTBEAT_MS = 300;

export interface ChatApp {
  t: AccountsApp;
  baseUrl: string;
  /** For opening live rooms: the app's database and bus, and the test clock. */
  lifecycle: LifecycleDeps;
  close(): Promise<void>;
}

/** The real app listening on a loopback port, with a fast chat heartbeat and a memory bus the test can publish on. */
export async function startChatApp(kind: DialectCase): Promise<ChatApp> {
  const bus = createMemoryBus();
  const t = await startAccountsApp(kind, {}, { chatHeartbeatMs: TEST_HEARTBEAT_MS, bus });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    lifecycle: { database: t.database, bus, now: () => t.clock.now },
    async close() {
      await t.close();
      await bus.close();
    },
  };
}

/** A group with people in the given roles. */
export async function groupWith(
  c: ChatApp,
  roles: GroupRole[],
  opts: { retentionDays?: number | null } = {},
): Promise<SeededGroup & { people: Person[] }> {
  const g = await seedGroup(c.t.database.db, opts);
  const people: Person[] = [];
  for (const role of roles) {
    const p = await makePerson(c.t, role, role === 'facilitator');
    await addMember(c.t.database.db, g.groupId, p, role);
    people.push(p);
  }
  return { ...g, people };
}
