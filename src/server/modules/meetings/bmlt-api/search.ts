import type { DbOrTx } from '../../../db/types.js';
import { codeList } from './formats.js';
import { meetingDayId, meetingIdOf } from './ids.js';
import { boundingBox, distanceKm, type Box } from './geo.js';
import { attendanceOfVenue, meetingMinutes, startMinutes, type MeetingDay, type PresentContext } from './meeting-fields.js';
import { findCandidates, type CandidateFilter, type CandidateRow } from './repository.js';
import { fold, type SearchRequest } from './search-request.js';
import { sortByDistance, sortMeetingDays } from './sort.js';

/** Half the Earth's circumference: a radius that reaches everywhere. */
const EVERYWHERE_KM = 20_100;

/**
 * Radii tried, in km, when looking for the N nearest meetings: each step is
 * one indexed box query, and the first radius holding N meeting-days holds
 * the N nearest.
 */
const NEAREST_RADII_KM = [5, 25, 100, 400, 1600, 6400, EVERYWHERE_KM];

export interface SearchContext extends PresentContext {
  /** Service body ids a service id stands for: itself, and with `recursive` everything below it. */
  expandServices(ids: number[], recursive: boolean): Set<number>;
}

/**
 * GetSearchResults: live weekly meetings, one entry per meeting-day,
 * filtered, sorted and paged. SQL narrows the rows cheaply (see
 * `findCandidates`); every condition is then checked exactly here, where a
 * meeting's several days can be told apart. Meetings by appointment have no
 * day and never appear.
 */
export async function searchMeetings(db: DbOrTx, req: SearchRequest, ctx: SearchContext): Promise<MeetingDay[]> {
  const filter = candidateFilter(req, ctx);
  if (filter === null) return [];
  const matches = rowMatcher(req, ctx);
  const collect = async (box?: Box) => {
    const rows = await findCandidates(db, { ...filter, box });
    return rows.flatMap((row) => matches(row));
  };

  const center = req.center;
  const within = async (radius: number) =>
    center ? withDistances(await collect(boundingBox(center, radius)), req).filter((d) => d.distanceKm! <= radius) : [];
  let days: MeetingDay[] = [];
  if (center && req.nearest !== undefined) {
    for (const radius of NEAREST_RADII_KM) {
      const inside = await within(radius);
      if (inside.length >= req.nearest || radius === EVERYWHERE_KM) {
        days = sortByDistance(inside).slice(0, req.nearest);
        break;
      }
    }
  } else if (center && req.radiusKm !== undefined) {
    days = await within(req.radiusKm);
  } else {
    days = withDistances(await collect(), req);
  }

  const sorted = req.byDistance && center ? sortByDistance(days) : sortMeetingDays(days, req.sortKeys, ctx);
  if (!req.page) return sorted;
  const start = (req.page.num - 1) * req.page.size;
  return sorted.slice(start, start + req.page.size);
}

/** Sets distances from the search centre; meetings without coordinates have none. */
function withDistances(days: MeetingDay[], req: SearchRequest): MeetingDay[] {
  const center = req.center;
  if (!center) return days;
  for (const d of days) {
    const { latitude, longitude } = d.row;
    if (latitude !== null && longitude !== null) d.distanceKm = distanceKm(center, { lat: latitude, lng: longitude });
  }
  // Only a radius or nearest search needs the coordinates; asking only for distances keeps every meeting.
  return req.radiusKm === undefined && req.nearest === undefined ? days : days.filter((d) => d.distanceKm !== undefined);
}

/** The SQL prefilter for a request, or null when nothing can match. */
function candidateFilter(req: SearchRequest, ctx: SearchContext): CandidateFilter | null {
  const f: CandidateFilter = {};
  if (req.services.include.length > 0) f.entityIds = [...ctx.expandServices(req.services.include, req.recursive)];
  if (req.meetingIds.include.length > 0) f.meetingIds = [...new Set(req.meetingIds.include.map(meetingIdOf))];
  if (req.venues.include.length > 0) f.attendanceIn = req.venues.include.flatMap(attendanceOfVenue);
  if (req.venues.exclude.length > 0) f.attendanceNotIn = req.venues.exclude.flatMap(attendanceOfVenue);
  if (req.weekdays.include.length > 0) f.anyDay = req.weekdays.include.map((w) => w - 1);
  if (!req.anyFormat) {
    f.allTypes = [];
    f.allCustom = [];
    for (const id of req.formats.include) {
      const format = ctx.catalog.describe(id);
      if (format === undefined) return null; // a format that does not exist: no meeting has all of them
      if ('spec' in format) f.allTypes.push(format.spec);
      else f.allCustom.push(format);
    }
  }
  return f;
}

/** The exact test of one row, returning its matching meeting-days. */
function rowMatcher(req: SearchRequest, ctx: SearchContext): (row: CandidateRow) => MeetingDay[] {
  const services = req.services.include.length > 0 ? ctx.expandServices(req.services.include, req.recursive) : null;
  const notServices = ctx.expandServices(req.services.exclude, req.recursive);
  const weekdays = new Set(req.weekdays.include);
  const notWeekdays = new Set(req.weekdays.exclude);
  const ids = new Set(req.meetingIds.include);
  const notIds = new Set(req.meetingIds.exclude);
  const { include: withFormats, exclude: withoutFormats } = req.formats;

  const rowMatches = (row: CandidateRow, formatIds: number[]): boolean => {
    const entity = row.entity_id ?? 0;
    if (services && !services.has(entity)) return false;
    if (notServices.has(entity)) return false;
    if (withFormats.length > 0) {
      const has = (id: number) => formatIds.includes(id);
      if (req.anyFormat ? !withFormats.some(has) : !withFormats.every(has)) return false;
    }
    if (withoutFormats.some((id) => formatIds.includes(id))) return false;
    if (req.words.length > 0) {
      const haystack = fold(
        [
          row.name,
          row.location_name,
          row.formatted_address,
          row.address,
          row.city,
          row.postal_code,
          row.notes,
          row.location_notes,
        ]
          .filter(Boolean)
          .join('\n'),
      );
      if (!req.words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };

  const dayMatches = (d: MeetingDay): boolean => {
    if (weekdays.size > 0 && !weekdays.has(d.weekday)) return false;
    if (notWeekdays.has(d.weekday)) return false;
    if (ids.size > 0 && !ids.has(d.id)) return false;
    if (notIds.has(d.id)) return false;
    const start = startMinutes(d);
    const length = meetingMinutes(d);
    // BMLT compares strictly for "after" and "before", and lets a meeting end exactly at EndsBefore.
    if (req.startsAfter !== undefined && (start === null || start <= req.startsAfter)) return false;
    if (req.startsBefore !== undefined && (start === null || start >= req.startsBefore)) return false;
    if (req.endsBefore !== undefined && (start === null || start + length > req.endsBefore)) return false;
    if (req.minDuration !== undefined && length < req.minDuration) return false;
    if (req.maxDuration !== undefined && length > req.maxDuration) return false;
    return true;
  };

  return (row) => {
    const formatIds = ctx.catalog.idsOf(row.source_id, codeList(row.types), codeList(row.custom_types));
    if (!rowMatches(row, formatIds)) return [];
    const stored = [...new Set(row.days.split(',').map(Number))].filter((n) => Number.isInteger(n) && n >= 0 && n <= 6);
    stored.sort((a, b) => a - b);
    return stored
      .map((day, i): MeetingDay => ({ row, weekday: day + 1, id: meetingDayId(row.id, day + 1, i === 0), formatIds }))
      .filter(dayMatches);
  };
}
