/**
 * The 1,000,000-meeting stress case's index, built without a database: a 1M import would take over a minute and a
 * 600 MB feed, and only the in-memory search is measured at that size. Each generated feed meeting becomes the rows
 * the importer would have stored, in the lean form the boot-time load reads (search-rows.ts: the meeting, its
 * location, group and region; the same fields, attendance rules and type clean-up, simplified), and those rows go
 * through the application's own `IndexedMeetingBuilder` and `MeetingStore.load()`, as `loadIndex` does at boot.
 */
import { type MeetingSearchTuple, PACKED_SEPARATOR as SEP } from '../../src/server/modules/meetings/repository/search-rows.js';
import { SPEC_TYPES } from '../../src/server/modules/meetings/normalize/types.js';
import type { MeetingStore } from '../../src/server/modules/search/index/meeting-store.js';
import { IndexedMeetingBuilder } from '../../src/server/modules/search/meeting-rows.js';
import { generateMeetings, SOURCE_TIMEZONE } from './feed-generator.js';

/** `count` meetings from the import benchmark's generator, ids 1…count, bulk-loaded into an empty store. */
export function loadSyntheticMeetings(store: MeetingStore, count: number, seed: number): void {
  const builder = new IndexedMeetingBuilder();
  const regionIds = new Map<string, number>();
  const load = store.load();
  let id = 0;
  for (const m of generateMeetings(count, seed)) {
    id++;
    const online = m.conference_url !== '';
    const onlineOnly = m.location === 'Online';
    // Every generated meeting has a location of its own (the importer shares identical ones; the index does not care).
    builder.addPlaces([[id, `${m.location} ${m.formatted_address} `, Number(m.latitude), Number(m.longitude)]]);
    if (m.group !== '') builder.addGroups([[id, m.group]]);
    const path = m.regions.join(' > ');
    let regionId: number | null = null;
    if (path !== '') {
      regionId = regionIds.get(path) ?? null;
      if (regionId === null) {
        regionIds.set(path, (regionId = regionIds.size + 1));
        builder.addRegions([[regionId, path]]);
      }
    }
    const days = (Array.isArray(m.day) ? m.day : [m.day]).join(',');
    // Spec codes only, sorted, as the importer stores them (ONL and unknown codes go elsewhere).
    const types = JSON.stringify(m.types.filter((t) => SPEC_TYPES[t] !== undefined).sort());
    const attendance = online ? (onlineOnly ? 'online' : 'hybrid') : 'in_person';
    const row: MeetingSearchTuple = [
      id,
      1,
      m.name,
      m.notes === '' ? null : m.notes.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&'),
      id,
      m.group === '' ? null : id,
      regionId,
      `${days}${SEP}${m.time}${SEP}${m.end_time}`,
      `${attendance}${SEP}${types}${SEP}${m.timezone ?? SOURCE_TIMEZONE}${SEP}AA`,
    ];
    load.add(builder.toRecord(row, store));
  }
  load.finish();
}
