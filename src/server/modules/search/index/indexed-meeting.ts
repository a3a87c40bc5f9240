import type { Attendance } from '../../../db/types.js';
import type { TextPart } from './text-index.js';

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
  /**
   * `searchText` in the pieces it was joined from (`searchText` is their texts joined by spaces), when the loader
   * has them: pieces shared by many meetings (a place, a group, a name) are the same objects, so the bulk build of
   * the text index splits each only once.
   */
  searchParts?: readonly TextPart[];
  /** `fold(name)` when the loader has it already (shared by meetings of the same name). */
  sortName?: string;
  /**
   * @deprecated Ignored: result summaries are no longer kept in the index but read from the database for the
   * page being answered (`summariesOf` in meeting-rows.ts). Still accepted so older callers compile.
   */
  summaryJson?: string;
}

export const ATTENDANCE: readonly Attendance[] = ['in_person', 'online', 'hybrid', 'inactive'];
