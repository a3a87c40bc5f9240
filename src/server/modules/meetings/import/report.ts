import type { MeetingIssue } from '../model.js';

export interface RejectedMeeting {
  /** Position in the feed, from 0. */
  index: number;
  slug: string | null;
  reasons: MeetingIssue[];
}

export interface WarnedMeeting extends MeetingIssue {
  slug: string;
}

export interface ImportCounts {
  total: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

/** What an import did, meeting by meeting where something was wrong. */
export interface ImportReport {
  import_id: number | null;
  source: { id: number; name: string };
  format: string;
  dry_run: boolean;
  status: 'succeeded' | 'failed' | 'not_modified';
  /** Why the whole import failed; nothing was changed. */
  error: string | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  counts: ImportCounts;
  /** Every rejected meeting, with every reason (up to `MAX_LISTED`; counts are always complete). */
  rejected: RejectedMeeting[];
  warnings: WarnedMeeting[];
  /** Type codes the spec does not define, with how many meetings use each. */
  unknown_types: Record<string, number>;
  /** True when more rejections or warnings happened than are listed. */
  truncated: boolean;
}

/** Listing limit per kind, so a hostile 250,000-meeting feed cannot make a 1 GB report. */
export const MAX_LISTED = 10_000;

export function emptyCounts(): ImportCounts {
  return { total: 0, added: 0, changed: 0, removed: 0, unchanged: 0, rejected: 0, warnings: 0 };
}
