import { isMeetingType } from '@code4recovery/spec';
import type { DbOrTx } from '../../../db/types.js';
import type { NormalizedMeeting } from '../../meetings/model.js';
import {
  ensureBuiltInSource,
  listedSlugs,
  putListing,
  removeListing,
  type ListingChange,
} from '../../meetings/builtin-source.js';
import type { LiveGroup } from './repository/groups.js';
import { listSchedulable, meetingIdsOfGroup, type LiveMeetingRow } from './repository/meetings.js';

/**
 * Every weekly live meeting is also a meeting of the directory (issue 7: "online groups appear in the meeting
 * finder"), under the built-in source "Kinship online groups", so search and the Meeting Guide and BMLT feeds
 * Kinship serves list it. A one-off meeting is not listed: Meeting Guide describes weekly meetings only.
 */
const SLUG_PREFIX = 'kinship-live-';
export const listingSlug = (meetingId: number) => `${SLUG_PREFIX}${meetingId}`;

/** Meeting Guide's language type codes for the group languages we expect (spec codes, not ISO 639). */
const LANGUAGE_TYPES: Record<string, string> = {
  en: 'EN',
  es: 'S',
  fr: 'FR',
  de: 'G',
  it: 'ITA',
  pt: 'POR',
  nl: 'NL',
  pl: 'POL',
  ru: 'RUS',
  ja: 'JA',
  ko: 'KOR',
  sv: 'SV',
  fi: 'FI',
  da: 'DA',
  nb: 'NB',
  no: 'NO',
  el: 'EL',
  he: 'HE',
  hi: 'HI',
  hu: 'HU',
  tr: 'TUR',
  th: 'TH',
  uk: 'UK',
};

/** "HH:MM" plus minutes, wrapping past midnight (Meeting Guide's end_time is a local time of day). */
function addMinutes(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** The directory's view of a live meeting. */
export function listingOf(group: LiveGroup, meeting: LiveMeetingRow, publicUrl: string): NormalizedMeeting {
  const groupTypes = (JSON.parse(group.types) as unknown[]).filter((t): t is string => typeof t === 'string' && isMeetingType(t));
  const language = LANGUAGE_TYPES[group.language.toLowerCase().split('-')[0]!];
  const types = [...new Set(['ONL', ...groupTypes, ...(language ? [language] : [])])].sort();
  const page = `${publicUrl}/groups/${encodeURIComponent(group.slug)}`;
  return {
    slug: listingSlug(meeting.id),
    name: `${group.name} — ${meeting.title}`,
    days: [meeting.weekday!],
    time: meeting.start_time,
    end_time: addMinutes(meeting.start_time, meeting.duration_minutes),
    timezone: group.time_zone,
    fellowship: group.fellowship,
    types,
    custom_types: [],
    notes: group.description.length > 500 ? `${group.description.slice(0, 497)}…` : group.description,
    location: null,
    group: null,
    regions: [],
    entity: null,
    conference_url: page,
    conference_url_notes: 'A Kinship online group: join with a free, pseudonymous account.',
    conference_provider: null,
    conference_phone: null,
    conference_phone_notes: null,
    url: page,
    edit_url: null,
    feedback_url: null,
    feedback_emails: [],
    venmo: null,
    square: null,
    paypal: null,
    homegroup_online: null,
    contacts: [],
    attendance: 'online',
    updated: null,
  };
}

const listable = (group: LiveGroup, meeting: LiveMeetingRow) =>
  meeting.recurrence === 'weekly' && meeting.weekday !== null && meeting.cancelled_at === null && group.archived_at === null;

/**
 * Brings one live meeting's listing in line with it, in the caller's transaction: listed while it is a weekly
 * meeting of a live group, removed otherwise. The caller publishes the change after the commit.
 */
export async function syncListing(
  tx: DbOrTx,
  group: LiveGroup,
  meeting: LiveMeetingRow,
  publicUrl: string,
  at: string,
): Promise<{ sourceId: number; id: number; change: ListingChange | 'removed' } | null> {
  const sourceId = await ensureBuiltInSource(tx, at);
  if (listable(group, meeting))
    return { sourceId, ...(await putListing(tx, sourceId, listingOf(group, meeting, publicUrl), at)) };
  const removed = await removeListing(tx, sourceId, listingSlug(meeting.id), at);
  return removed === null ? null : { sourceId, id: removed, change: 'removed' };
}

/**
 * Removes listings whose live meeting is gone, cancelled, one-off or in an archived or deleted group, and (re)lists
 * the rest: the groups module archives and deletes groups in its own transactions, and this pass (the scheduler
 * runs it) makes the directory follow. Returns what changed, for publishing.
 */
export async function reconcileListings(
  tx: DbOrTx,
  publicUrl: string,
  at: string,
): Promise<{ sourceId: number; changes: { id: number; change: ListingChange | 'removed' }[] }> {
  const sourceId = await ensureBuiltInSource(tx, at);
  const wanted = new Map<string, { group: LiveGroup; meeting: LiveMeetingRow }>();
  for (const item of await listSchedulable(tx))
    if (listable(item.group, item.meeting)) wanted.set(listingSlug(item.meeting.id), item);
  const changes: { id: number; change: ListingChange | 'removed' }[] = [];
  for (const slug of await listedSlugs(tx, sourceId, SLUG_PREFIX)) {
    if (wanted.has(slug)) continue;
    const id = await removeListing(tx, sourceId, slug, at);
    if (id !== null) changes.push({ id, change: 'removed' });
  }
  for (const { group, meeting } of wanted.values())
    changes.push(await putListing(tx, sourceId, listingOf(group, meeting, publicUrl), at));
  return { sourceId, changes };
}

/** Removes every listing of a group, in the caller's transaction (for the groups module, when it archives a group). */
export async function removeGroupListings(
  tx: DbOrTx,
  groupId: number,
  at: string,
): Promise<{ sourceId: number; changes: { id: number; change: 'removed' }[] }> {
  const sourceId = await ensureBuiltInSource(tx, at);
  const changes: { id: number; change: 'removed' }[] = [];
  for (const meetingId of await meetingIdsOfGroup(tx, groupId)) {
    const id = await removeListing(tx, sourceId, listingSlug(meetingId), at);
    if (id !== null) changes.push({ id, change: 'removed' });
  }
  return { sourceId, changes };
}
