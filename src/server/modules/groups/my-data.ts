import type { DbOrTx } from '../../db/types.js';
import type { ReportSnapshot } from '../../../shared/schemas/group-threads.js';
import { reportsMentioning, updateReport } from './repository/reports.js';

type Cell = string | number | boolean | null;

/**
 * The online groups' parts of a member's export (issue 6's "my data"; issue 7): every table row about the person.
 * Reports list only what the member wrote as a reporter, never the reported words of others.
 */
export const GROUP_SECTIONS: { name: string; read(db: DbOrTx, accountId: number): Promise<Record<string, Cell>[]> }[] = [
  {
    name: 'group_memberships',
    read: (db, id) =>
      db
        .selectFrom('group_members as m')
        .innerJoin('support_groups as g', 'g.id', 'm.group_id')
        .select(['g.slug as group', 'g.name as group_name', 'm.role', 'm.status', 'm.conduct_version', 'm.created_at as since'])
        .where('m.account_id', '=', id)
        .orderBy('m.id')
        .execute(),
  },
  {
    name: 'group_posts',
    read: (db, id) =>
      db
        .selectFrom('thread_posts as p')
        .innerJoin('support_groups as g', 'g.id', 'p.group_id')
        .select([
          'g.slug as group',
          'p.id',
          'p.parent_id as thread_id',
          'p.title',
          'p.body',
          'p.created_at',
          'p.edited_at',
          'p.deleted_at',
        ])
        .where('p.author_id', '=', id)
        .orderBy('p.id')
        .execute(),
  },
  {
    name: 'group_reactions',
    read: (db, id) =>
      db
        .selectFrom('thread_reactions')
        .select(['post_id', 'kind', 'created_at'])
        .where('account_id', '=', id)
        .orderBy('created_at')
        .execute(),
  },
  {
    name: 'room_messages',
    read: (db, id) =>
      db
        .selectFrom('room_messages')
        .select(['room_id', 'seq', 'body', 'created_at', 'edited_at', 'deleted_at'])
        .where('author_id', '=', id)
        .orderBy('id')
        .execute(),
  },
  {
    name: 'reports_sent',
    read: (db, id) =>
      db
        .selectFrom('reports')
        .select(['reason', 'note', 'status', 'created_at'])
        .where('reporter_id', '=', id)
        .orderBy('id')
        .execute(),
  },
  {
    name: 'blocks',
    read: (db, id) =>
      db
        .selectFrom('blocks as b')
        .innerJoin('accounts as a', 'a.id', 'b.blocked_id')
        .select(['a.handle as blocked', 'b.created_at'])
        .where('b.blocker_id', '=', id)
        .orderBy('b.created_at')
        .execute(),
  },
  {
    name: 'room_restrictions',
    read: (db, id) =>
      db
        .selectFrom('room_restrictions')
        .select(['room_id', 'kind', 'created_at'])
        .where('account_id', '=', id)
        .orderBy('id')
        .execute(),
  },
];

/**
 * Before an account row goes (same transaction): with `posts: delete`, the member's thread posts and chat messages
 * lose their text (a "deleted" placeholder keeps each reply's place) and the notes of reports they sent are erased;
 * with `keep`, their words stay under "former member" (the foreign keys set `author_id` NULL). Either way their
 * handle leaves the copies kept in reports: the reported words stay for the moderators, by a former member
 * (docs/groups.md "Safety").
 */
export async function eraseGroupTraces(tx: DbOrTx, accountId: number, handle: string, posts: 'delete' | 'keep', now: string) {
  if (posts === 'delete') {
    await tx.updateTable('thread_posts').set({ title: null, body: null }).where('author_id', '=', accountId).execute();
    await tx
      .updateTable('thread_posts')
      .set({ deleted_at: now })
      .where('author_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .execute();
    await tx.updateTable('room_messages').set({ body: null }).where('author_id', '=', accountId).execute();
    await tx
      .updateTable('room_messages')
      .set({ deleted_at: now })
      .where('author_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .execute();
    await tx.updateTable('reports').set({ note: null }).where('reporter_id', '=', accountId).execute();
  }
  for (const report of await reportsMentioning(tx, handle)) {
    const snapshot = JSON.parse(report.snapshot) as ReportSnapshot;
    let changed = false;
    for (const item of [snapshot.item, ...snapshot.context])
      if (item.handle === handle) {
        item.handle = null;
        changed = true;
      }
    if (changed) await updateReport(tx, report.id, { snapshot: JSON.stringify(snapshot) });
  }
}
