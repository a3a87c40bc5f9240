import { randomBytes } from 'node:crypto';
import { openDatabase, withWriteTransaction } from '../../src/server/db/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { insertAccount } from '../../src/server/modules/accounts/repository/accounts.js';
import { insertSession } from '../../src/server/modules/accounts/repository/sessions.js';
import { hashPassword } from '../../src/server/modules/accounts/password.js';
import { handleKey } from '../../src/server/modules/accounts/handle.js';
import { createOpenRoom } from '../../src/server/modules/groups/rooms/lifecycle.js';
import { GUIDELINES_VERSION } from '../../src/shared/schemas/accounts.js';
import { newToken, tokenHash } from '../../src/server/security/tokens.js';

export interface SeededRoom {
  /** The group's open room, always on (docs/groups.md). */
  room: number;
  /** One live session token per member: what the member's cookie carries. */
  tokens: string[];
}

/**
 * Fills a fresh SQLite file (migrations applied) with what the real server needs before a member's socket may join
 * and post: per room of `perRoom`, a public group with its open room, and per member an account (community guidelines
 * accepted), a live session and an active membership with the group's code of conduct accepted. Written straight
 * through the repositories and Kysely, in one transaction, before the server starts: signing 5,000 people up through
 * the API would take minutes of argon2 and the sign-up rate limit, and is not what is measured.
 */
export async function seedChat(databaseUrl: string, rooms: number, perRoom: number): Promise<SeededRoom[]> {
  const database = openDatabase(databaseUrl);
  try {
    await migrateToLatest(database);
    // Nobody signs in with a password here; one real argon2id hash of a random one serves every account.
    const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
    const now = new Date();
    const iso = now.toISOString();
    const expires = new Date(now.getTime() + 30 * 86_400_000).toISOString();
    return await withWriteTransaction(database, async (tx) => {
      const seeded: SeededRoom[] = [];
      for (let r = 0; r < rooms; r++) {
        const group = await tx
          .insertInto('support_groups')
          .values({
            slug: `bench-group-${r}`,
            name: `Bench group ${r}`,
            description: 'A group made by bench:chat.',
            approach: 'open',
            fellowship: null,
            language: 'en',
            time_zone: 'UTC',
            code_of_conduct: 'Be kind.',
            conduct_version: 1,
            visibility: 'public',
            chat_retention_days: null,
            organization: null,
            created_by: null,
            created_at: iso,
            updated_at: iso,
            archived_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const room = await createOpenRoom(tx, group.id, 0, iso);
        const tokens: string[] = [];
        for (let m = 0; m < perRoom; m++) {
          const handle = `bench-${r}-${m}`;
          const accountId = await insertAccount(tx, {
            handle,
            handle_key: handleKey(handle),
            password_hash: passwordHash,
            email: null,
            time_zone: null,
            guidelines_version: GUIDELINES_VERSION,
            guidelines_accepted_at: iso,
            created_at: iso,
            updated_at: iso,
            webauthn_user_id: null,
          });
          const token = newToken();
          await insertSession(tx, {
            id: tokenHash(token),
            account_id: accountId,
            csrf_token: newToken(),
            label: 'bench:chat',
            created_at: iso,
            last_seen_at: iso,
            expires_at: expires,
          });
          await tx
            .insertInto('group_members')
            .values({
              group_id: group.id,
              account_id: accountId,
              role: 'member',
              status: 'active',
              conduct_version: 1,
              created_at: iso,
              updated_at: iso,
            })
            .execute();
          tokens.push(token);
        }
        seeded.push({ room, tokens });
      }
      return seeded;
    });
  } finally {
    await database.close();
  }
}
