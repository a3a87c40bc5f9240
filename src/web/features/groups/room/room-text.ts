import type { RoomInfo } from './api.js';

/** The room's sentences that depend on its facts; `t` is i18next's. */
type T = (key: string, options?: Record<string, unknown>) => string;

/** What happens to this chat, as the group stated it (issue 7: "what is said here stays here"). */
export function retentionText(info: RoomInfo, t: T): string {
  if (info.retention.delete_at_end && info.kind === 'live') return t('room.retention.deleteAtEnd');
  if (info.retention.days !== null) return t('room.retention.days', { count: info.retention.days });
  return t('room.retention.kept');
}

const KNOWN_ERRORS = ['slow_mode', 'muted', 'locked', 'rate_limited', 'cross_talk', 'closed', 'forbidden'];

/** A refusal in the member's language where its code is known, else the server's own words. */
export function errorText(error: { code: string; message: string; retryAfter?: number }, t: T): string {
  return KNOWN_ERRORS.includes(error.code) ? t(`room.errors.${error.code}`, { count: error.retryAfter ?? 0 }) : error.message;
}

/** The meeting's title for a live room, the group's name for its open room. */
export function roomTitle(room: RoomInfo, t: T): string {
  return room.kind === 'live' && room.meeting_title ? room.meeting_title : t('room.openTitle', { group: room.group.name });
}
