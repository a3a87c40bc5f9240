import type { Attendance } from '../../../db/types.js';

/** What the search index keeps of one meeting: what it filters, sorts and shows. */
export interface IndexedMeeting {
  id: number;
  sourceId: number;
  name: string;
  lat: number | null;
  lng: number | null;
  /** Local weekdays, 0 = Sunday; empty for "by appointment". */
  days: number[];
  /** Local start, minutes after midnight; null when by appointment. */
  start: number | null;
  durationMin: number;
  timezone: string | null;
  types: string[];
  fellowship: string | null;
  attendance: Attendance;
  /** Region path, most general first, joined with " > ". */
  region: string | null;
  /** Folded name, group, place and notes, for text search. */
  searchText: string;
  /** The meeting as a search result, pre-serialised JSON, so results need no database round trip. */
  summaryJson: string;
}

export const ATTENDANCE: readonly Attendance[] = ['in_person', 'online', 'hybrid', 'inactive'];
