import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx, SupportGroupsTable } from '../../../db/types.js';

export type GroupRow = Selectable<SupportGroupsTable>;

export async function insertGroup(db: DbOrTx, row: Insertable<SupportGroupsTable>): Promise<number> {
  const made = await db.insertInto('support_groups').values(row).returning('id').executeTakeFirstOrThrow();
  return made.id;
}

export function findGroupBySlug(db: DbOrTx, slug: string): Promise<GroupRow | undefined> {
  return db.selectFrom('support_groups').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findGroupById(db: DbOrTx, id: number): Promise<GroupRow | undefined> {
  return db.selectFrom('support_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The slugs in use that start with `base`, for picking a free one. */
export async function slugsLike(db: DbOrTx, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('support_groups')
    .select('slug')
    .where(sql<boolean>`substr(slug, 1, ${base.length}) = ${base}`)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function updateGroup(db: DbOrTx, id: number, patch: Updateable<SupportGroupsTable>): Promise<void> {
  await db.updateTable('support_groups').set(patch).where('id', '=', id).execute();
}

/** LIKE with `!` as the escape character, so a search for "100%" finds the text "100%". */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

export interface DirectoryFilter {
  q?: string | undefined;
  approach?: string | undefined;
  language?: string | undefined;
  offset: number;
  limit: number;
}

/** Groups not archived, by name, with their count of active members and facilitators. */
export function listDirectory(db: DbOrTx, f: DirectoryFilter) {
  let q = db
    .selectFrom('support_groups as g')
    .select([
      'g.id',
      'g.slug',
      'g.name',
      'g.description',
      'g.approach',
      'g.fellowship',
      'g.language',
      'g.time_zone',
      'g.visibility',
      (eb) =>
        eb
          .selectFrom('group_members as m')
          .select((e) => e.fn.countAll<number | string>().as('n'))
          .whereRef('m.group_id', '=', 'g.id')
          .where('m.status', '=', 'active')
          .where('m.role', '!=', 'observer')
          .as('member_count'),
    ])
    .where('g.archived_at', 'is', null);
  if (f.approach) q = q.where('g.approach', '=', f.approach as GroupRow['approach']);
  if (f.language) q = q.where('g.language', '=', f.language);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(${sql.ref('g.name')})`, 'like', sql`${p} escape '!'`),
        eb(sql`lower(${sql.ref('g.description')})`, 'like', sql`${p} escape '!'`),
      ]),
    );
  }
  return q
    .orderBy('g.name')
    .orderBy('g.id')
    .offset(f.offset)
    .limit(f.limit + 1)
    .execute();
}

/** Active members and facilitators, observers (active), and facilitators, in one group. */
export async function groupCounts(
  db: DbOrTx,
  groupId: number,
): Promise<{ members: number; observers: number; facilitators: number }> {
  const rows = await db
    .selectFrom('group_members')
    .select(['role', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('group_id', '=', groupId)
    .where('status', '=', 'active')
    .groupBy('role')
    .execute();
  const by = new Map(rows.map((r) => [r.role, Number(r.n)]));
  return {
    members: (by.get('member') ?? 0) + (by.get('facilitator') ?? 0),
    observers: by.get('observer') ?? 0,
    facilitators: by.get('facilitator') ?? 0,
  };
}

/** The group's always-on room. */
export async function findOpenRoomId(db: DbOrTx, groupId: number): Promise<number | null> {
  const row = await db
    .selectFrom('rooms')
    .select('id')
    .where('group_id', '=', groupId)
    .where('kind', '=', 'open')
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Rooms of the group that are open now (the open room and any live meeting in progress). */
export async function openRoomIds(db: DbOrTx, groupId: number): Promise<number[]> {
  const rows = await db.selectFrom('rooms').select('id').where('group_id', '=', groupId).where('status', '=', 'open').execute();
  return rows.map((r) => r.id);
}
