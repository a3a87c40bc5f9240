import type { IndexedMeeting } from '../../src/server/modules/search/index/indexed-meeting.js';
import { fold, parseTextQuery } from '../../src/server/modules/search/index/text.js';
import { distanceKm } from '../../src/server/modules/search/index/geo-index.js';
import { TIME_OF_DAY, type SearchQuery } from '../../src/server/modules/search/engine/query.js';
import { luxonNext, luxonOccurrences, luxonSearcher } from './luxon-time.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const wordPrefix = (text: string, p: string) => ` ${text}`.includes(` ${p}`);

/**
 * The search as a plain loop over meeting objects, each rule written out the
 * obvious way with luxon for time: what the index must agree with, id for id
 * and in the same order.
 */
export function referenceSearch(meetings: IndexedMeeting[], q: SearchQuery): { ids: number[]; total: number } {
  const now = q.after?.nowMs ?? q.nowMs;
  const searcher = luxonSearcher(q.zone, now);
  const text = q.text ? parseTextQuery(q.text) : null;
  const matches: { id: number; key: number | string }[] = [];
  for (const m of meetings) {
    const isOnline = m.attendance === 'online' || m.attendance === 'hybrid';
    const distance = q.near && m.lat !== null && m.lng !== null ? distanceKm(q.near.lat, q.near.lng, m.lat, m.lng) : null;
    if (q.near && q.online !== 'only') {
      const inside = distance !== null && distance <= q.near.radiusKm;
      if (!inside && !(q.online === 'include' && isOnline)) continue;
    } else if (q.online === 'only' && !isOnline) continue;
    if (q.online === 'exclude' && m.attendance === 'online') continue;
    if (q.attendance?.length && !q.attendance.includes(m.attendance)) continue;
    if (q.fellowships?.length && (m.fellowship === null || !q.fellowships.includes(m.fellowship))) continue;
    if (q.sourceIds?.length && !q.sourceIds.includes(m.sourceId)) continue;
    if (q.regions?.length && (m.region === null || !q.regions.some((r) => m.region === r || m.region!.startsWith(`${r} > `))))
      continue;
    if (q.types?.length) {
      const ok = q.typesMode === 'and' ? q.types.every((t) => m.types.includes(t)) : q.types.some((t) => m.types.includes(t));
      if (!ok) continue;
    }
    if (q.languages?.length && !q.languages.some((t) => m.types.includes(t))) continue;
    if (text) {
      if (text.prefixes.length === 0 && text.phrases.length === 0) continue;
      if (!text.prefixes.every((p) => wordPrefix(m.searchText, p))) continue;
      if (!text.phrases.every((p) => wordPrefix(m.searchText, p))) continue;
    }

    const timeActive = Boolean(q.days?.length || q.timeOfDay?.length || q.when);
    let startMs: number | null = null;
    if (m.start === null || m.days.length === 0 || m.timezone === null) {
      if (timeActive) continue;
    } else {
      const nexts = m.days.map((d) => luxonNext(d, m.start!, m.durationMin, m.timezone!, now));
      const inProgress = nexts.filter((o) => o.startMs <= now && now < o.endMs);
      const best = (inProgress.length ? inProgress : nexts).sort((a, b) => a.startMs - b.startMs)[0]!;
      const week = m.days.flatMap((d) => luxonOccurrences(d, m.start!, m.durationMin, m.timezone!, now, now + WEEK_MS));
      const local = week.map((o) => searcher.localDayMinute(o.startMs));
      if (q.days?.length && !local.some((l) => q.days!.includes(l.day))) continue;
      if (q.timeOfDay?.length) {
        const inPart = (minute: number) =>
          q.timeOfDay!.some((t) => {
            const [from, to] = TIME_OF_DAY[t];
            return from < to ? minute >= from && minute < to : minute >= from || minute < to;
          });
        if (!local.some((l) => (!q.days?.length || q.days.includes(l.day)) && inPart(l.minute))) continue;
      }
      const todays = m.days.flatMap((d) =>
        luxonOccurrences(d, m.start!, m.durationMin, m.timezone!, searcher.startOfTodayMs, searcher.startOfTomorrowMs),
      );
      const happening = best.startMs <= now && now < best.endMs;
      if (q.when === 'now' && !happening) continue;
      if (q.when === 'soon' && (happening || best.startMs - now > q.soonMinutes * 60_000)) continue;
      if (q.when === 'today' && todays.length === 0) continue;
      if (q.when === 'later_today' && !todays.some((o) => o.startMs >= now)) continue;
      startMs = best.startMs;
    }
    const key = q.sort === 'distance' ? (distance ?? Infinity) : q.sort === 'soonest' ? (startMs ?? Infinity) : fold(m.name);
    matches.push({ id: m.id, key });
  }
  const cmp = (a: { key: number | string; id: number }, b: { key: number | string; id: number }) =>
    a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.id - b.id;
  matches.sort(cmp);
  const after = q.after;
  const rest = after ? matches.filter((m) => cmp(m, after) > 0) : matches;
  return { ids: rest.slice(0, q.limit).map((m) => m.id), total: matches.length };
}
