import { GROUP_LIMITS, type GroupPage, type GroupSummary, type YourPlace } from '../../../shared/schemas/groups.js';
import type { GroupRow } from './repository/groups.js';

/** The first `max` characters of a description, cut at a word where one is near, for the directory. */
export function shortDescription(text: string, max: number = GROUP_LIMITS.shortDescription): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

type SummaryRow = Pick<
  GroupRow,
  'slug' | 'name' | 'description' | 'approach' | 'fellowship' | 'language' | 'time_zone' | 'visibility'
> & { member_count: number | string | null };

export function presentSummary(row: SummaryRow): GroupSummary {
  return {
    slug: row.slug,
    name: row.name,
    short_description: shortDescription(row.description),
    approach: row.approach,
    fellowship: row.fellowship,
    language: row.language,
    time_zone: row.time_zone,
    visibility: row.visibility,
    member_count: Number(row.member_count ?? 0),
  };
}

/** What happens to live-meeting chat, in words a member reads before joining (issue 7: "stated to members"). */
export function retentionStatement(days: number | null): GroupPage['retention'] {
  if (days === null)
    return {
      kind: 'delete_at_end',
      statement: 'What is said in a live meeting stays there: its chat is deleted when the meeting ends.',
    };
  return {
    kind: 'days',
    statement: `Live-meeting chat is kept for ${days} day${days === 1 ? '' : 's'} after the meeting, then deleted.`,
  };
}

export interface PageExtras {
  counts: { members: number; observers: number; facilitators: number };
  openRoomId: number | null;
  you: YourPlace | null;
}

/** The group's public page: what anyone may see, and never who is in it or what they wrote. */
export function presentPage(row: GroupRow, extras: PageExtras): GroupPage {
  return {
    ...presentSummary({ ...row, member_count: extras.counts.members }),
    description: row.description,
    code_of_conduct: row.code_of_conduct,
    conduct_version: row.conduct_version,
    types: JSON.parse(row.types) as string[],
    chat_retention_days: row.chat_retention_days,
    retention: retentionStatement(row.chat_retention_days),
    observer_count: extras.counts.observers,
    facilitator_count: extras.counts.facilitators,
    open_room_id: extras.openRoomId,
    archived: row.archived_at !== null,
    created_at: row.created_at,
    you: extras.you,
  };
}
