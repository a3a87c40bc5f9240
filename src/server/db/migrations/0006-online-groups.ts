import type { Kysely } from 'kysely';
import { addIdColumn } from '../schema-helpers.js';

/**
 * Online support groups (issue 7): groups and their members, live meetings and their rooms, open rooms, chat
 * messages with a per-room sequence, discussion threads with reactions, reports, blocks, attendance and proofs.
 * See docs/groups.md for the model.
 *
 * - The table is `support_groups`: `groups` already holds the directory's Meeting Guide groups.
 * - A person's rows go with their account (cascade), except what they wrote in a group: there `author_id` is set to
 *   NULL and the text stays under "former member", or the account deletion erases it first (the member chooses;
 *   issue 6's `posts` choice).
 * - `rooms.last_seq` is the room's counter: a write takes the next value in the same transaction that stores the
 *   message, so sequences stay unique and gap-free across instances (PostgreSQL row lock; SQLite's one writer).
 * - `room_log` has one row per sequence number: a message, or a change to one (edit, delete, hide, pin). A client
 *   that reconnects asks for what came after its last sequence and gets those rows in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('support_groups'))
    .addColumn('slug', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // twelve_step | smart | secular | open
    .addColumn('approach', 'varchar(20)', (c) => c.notNull())
    // Free text such as "AA" or "NA"; NULL when the group follows no one fellowship.
    .addColumn('fellowship', 'varchar(60)')
    .addColumn('language', 'varchar(10)', (c) => c.notNull())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_of_conduct', 'text', (c) => c.notNull())
    // Raised when the code of conduct changes: members accept the new version before they post again.
    .addColumn('conduct_version', 'integer', (c) => c.notNull().defaultTo(1))
    // public | approval
    .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
    // NULL: live-meeting chat is deleted when the meeting ends. Otherwise kept this many days, stated to members.
    .addColumn('chat_retention_days', 'integer')
    // Meeting Guide type codes (JSON array) for the finder, besides ONL.
    .addColumn('types', 'text', (c) => c.notNull().defaultTo('[]'))
    // The organisation (an org_admin scope) that runs the group, if any.
    .addColumn('organization', 'varchar(64)')
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('archived_at', 'varchar(32)')
    .execute();

  await addIdColumn(db, db.schema.createTable('group_members'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // facilitator | member | observer
    .addColumn('role', 'varchar(12)', (c) => c.notNull())
    // active | pending (an approval-required group's request)
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('conduct_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('group_members_unique', ['group_id', 'account_id'])
    .execute();
  await db.schema.createIndex('group_members_account_idx').on('group_members').column('account_id').execute();

  await addIdColumn(db, db.schema.createTable('live_meetings'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    // weekly | once
    .addColumn('recurrence', 'varchar(10)', (c) => c.notNull())
    // 0 = Sunday … 6 = Saturday, as Meeting Guide counts; NULL for a one-off meeting.
    .addColumn('weekday', 'integer')
    // Local wall-clock time in the group's time zone, HH:MM.
    .addColumn('start_time', 'varchar(5)', (c) => c.notNull())
    // YYYY-MM-DD: the date of a one-off meeting, or the first date of a weekly one.
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('cross_talk', 'integer', (c) => c.notNull().defaultTo(0))
    // Minutes each share may take (the per-share timer); 0 = no limit.
    .addColumn('share_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: the format template, [{ kind, title, minutes, text }] (docs/groups.md).
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('cancelled_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('live_meetings_group_idx').on('live_meetings').column('group_id').execute();

  await addIdColumn(db, db.schema.createTable('rooms'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    // open | live
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('live_meeting_id', 'integer', (c) => c.references('live_meetings.id').onDelete('set null'))
    // The occurrence's start (UTC ISO) for a live meeting's room.
    .addColumn('occurrence_at', 'varchar(32)')
    // open | closed
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('slow_mode_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cross_talk', 'integer', (c) => c.notNull().defaultTo(0))
    // The room's sequence counter: the last number given out (see the header).
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: a live meeting's format, current section and timers, sharing queue and current sharer.
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('{}'))
    // Days the chat is kept after the room closes (copied from the group when it opens); NULL = deleted at once.
    .addColumn('retention_days', 'integer')
    .addColumn('opened_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closes_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    // When the chat is to be deleted; set when the room closes. purged_at once done.
    .addColumn('purge_at', 'varchar(32)')
    .addColumn('purged_at', 'varchar(32)')
    // One room per occurrence, however many instances try to open it.
    .addUniqueConstraint('rooms_occurrence_unique', ['live_meeting_id', 'occurrence_at'])
    .execute();
  await db.schema.createIndex('rooms_group_idx').on('rooms').columns(['group_id', 'kind', 'status']).execute();
  await db.schema.createIndex('rooms_purge_idx').on('rooms').column('purge_at').execute();

  await addIdColumn(db, db.schema.createTable('room_messages'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    // The sequence number the message was posted with.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    // NULL once deleted by its author, or purged with the room's chat.
    .addColumn('body', 'text')
    // The sender's id for the message, so a send repeated after a reconnect is stored once.
    .addColumn('client_nonce', 'varchar(40)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('edited_at', 'varchar(32)')
    .addColumn('deleted_at', 'varchar(32)')
    // Hidden by a facilitator or moderator, pending a moderator's review.
    .addColumn('hidden_at', 'varchar(32)')
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('room_messages_seq_unique', ['room_id', 'seq'])
    .addUniqueConstraint('room_messages_nonce_unique', ['room_id', 'author_id', 'client_nonce'])
    .execute();
  await db.schema.createIndex('room_messages_author_idx').on('room_messages').columns(['author_id', 'room_id']).execute();

  await db.schema
    .createTable('room_log')
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'integer', (c) => c.notNull().references('room_messages.id').onDelete('cascade'))
    // message | edit | delete | hide | unhide | pin | unpin
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_log_pk', ['room_id', 'seq'])
    .execute();
  await db.schema.createIndex('room_log_message_idx').on('room_log').column('message_id').execute();

  // Mutes and removals for one room (one meeting), by a facilitator.
  await addIdColumn(db, db.schema.createTable('room_restrictions'))
    .addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // mute | remove
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('room_restrictions_unique', ['room_id', 'account_id', 'kind'])
    .execute();
  await db.schema.createIndex('room_restrictions_account_idx').on('room_restrictions').column('account_id').execute();

  await addIdColumn(db, db.schema.createTable('thread_posts'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    // NULL for a thread's opening post; the opening post's id for a reply.
    .addColumn('parent_id', 'integer', (c) => c.references('thread_posts.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('title', 'varchar(140)')
    .addColumn('body', 'text')
    // A reply marked by the thread's author or a facilitator as a helpful coping strategy.
    .addColumn('helpful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('edited_at', 'varchar(32)')
    .addColumn('deleted_at', 'varchar(32)')
    .addColumn('hidden_at', 'varchar(32)')
    // The opening post's latest reply (or its own time), for ordering the thread list.
    .addColumn('last_activity_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('thread_posts_group_idx')
    .on('thread_posts')
    .columns(['group_id', 'parent_id', 'last_activity_at'])
    .execute();
  await db.schema.createIndex('thread_posts_parent_idx').on('thread_posts').column('parent_id').execute();
  await db.schema.createIndex('thread_posts_author_idx').on('thread_posts').column('author_id').execute();

  await db.schema
    .createTable('thread_reactions')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('thread_posts.id').onDelete('cascade'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // with_you | strength | heart
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_reactions_pk', ['post_id', 'account_id', 'kind'])
    .execute();
  await db.schema.createIndex('thread_reactions_account_idx').on('thread_reactions').column('account_id').execute();

  // Reports keep a copy of the reported words and their context: a live meeting's chat is deleted when it ends,
  // and the moderators still need to see what was reported.
  await addIdColumn(db, db.schema.createTable('reports'))
    .addColumn('group_id', 'integer', (c) => c.references('support_groups.id').onDelete('set null'))
    .addColumn('room_id', 'integer', (c) => c.references('rooms.id').onDelete('set null'))
    .addColumn('message_id', 'integer', (c) => c.references('room_messages.id').onDelete('set null'))
    .addColumn('post_id', 'integer', (c) => c.references('thread_posts.id').onDelete('set null'))
    .addColumn('reporter_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('reported_id', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    // harassment | self_harm | spam | explicit | other
    .addColumn('reason', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text')
    // JSON: the reported item and a few items before it, as they were.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    // open | resolved
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_group_idx').on('reports').columns(['group_id', 'status']).execute();
  await db.schema.createIndex('reports_reporter_idx').on('reports').column('reporter_id').execute();
  await db.schema.createIndex('reports_reported_idx').on('reports').column('reported_id').execute();

  await db.schema
    .createTable('blocks')
    .addColumn('blocker_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('blocked_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('blocks_blocked_idx').on('blocks').column('blocked_id').execute();

  // A member's own record that they attended (they opted in); the toolkit (a later issue) shows it.
  await addIdColumn(db, db.schema.createTable('attendance'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('room_id', 'integer', (c) => c.references('rooms.id').onDelete('set null'))
    // Copies, so the record still reads right after the group or meeting is gone.
    .addColumn('group_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('meeting_title', 'varchar(100)', (c) => c.notNull())
    .addColumn('occurrence_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('attendance_unique', ['account_id', 'room_id'])
    .execute();

  // Signed proofs of attendance, issued by a facilitator at the member's request. `id` is the random public token
  // in the verification link.
  await db.schema
    .createTable('attendance_proofs')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('attendance_id', 'integer', (c) => c.references('attendance.id').onDelete('set null'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('issued_by', 'integer', (c) => c.references('accounts.id').onDelete('set null'))
    // requested | issued | revoked
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    // JSON: what the proof states (meeting, group, date, pseudonym), exactly as signed.
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('signature', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('attendance_proofs_account_idx').on('attendance_proofs').column('account_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'attendance_proofs',
    'attendance',
    'blocks',
    'reports',
    'thread_reactions',
    'thread_posts',
    'room_restrictions',
    'room_log',
    'room_messages',
    'rooms',
    'live_meetings',
    'group_members',
    'support_groups',
  ])
    await db.schema.dropTable(table).execute();
}
