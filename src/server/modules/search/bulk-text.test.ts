import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PACKED_SEPARATOR as SEP } from '../meetings/repository/search-rows.js';
import { type BuiltText, decodeText, MeetingTextBuilder, transferables } from './bulk-text.js';
import { fold } from './index/text.js';
import { IndexedMeetingBuilder } from './meeting-rows.js';
import { PackedRow } from './packed-rows.js';

/** Text with what folding has to deal with: case, punctuation, accents, other scripts, astral characters, controls. */
const piece = fc.constantFrom(
  'Serenity',
  'HOPE',
  'st. mary’s',
  'São Paulo',
  'Ærø',
  'Köln-Süd',
  'Москва',
  '東京 駅',
  '😀 emoji',
  'a\u0301b',
  'tab\there',
  'ctl\u0001x',
  '  ',
  '',
  '--',
  '12 Main St.',
  'ﬁne',
  'unit\u001fseparator',
);
const text = fc.array(piece, { maxLength: 4 }).map((ps) => ps.join(' '));

interface Meeting {
  id: number;
  name: string;
  notes: string | null;
  place: number | null;
  group: number | null;
  region: number | null;
}

/** Builds the text half for these meetings (places, groups and regions 1…3 exist, 9 does not). */
function built(meetings: Meeting[], places: string[], groups: string[], regions: string[]): BuiltText {
  const b = new MeetingTextBuilder();
  places.forEach((t, i) => b.addPlace(i + 1, t));
  groups.forEach((t, i) => b.addGroup(i + 1, t));
  regions.forEach((t, i) => b.addRegion(i + 1, t));
  for (const m of meetings) b.addMeeting(m.id, m.name, m.notes, m.place, m.group, m.region);
  return b.build();
}

/**
 * The same through addPackedMeeting, from rows as packedTextQuery (search-rows.ts) makes them: empty fields for null
 * ids, the separator in a name replaced by a space, the notes last.
 */
function builtPacked(meetings: Meeting[], places: string[], groups: string[], regions: string[]): BuiltText {
  const b = new MeetingTextBuilder();
  places.forEach((t, i) => b.addPlace(i + 1, t));
  groups.forEach((t, i) => b.addGroup(i + 1, t));
  regions.forEach((t, i) => b.addRegion(i + 1, t));
  const row = new PackedRow();
  for (const m of meetings) {
    const fields = [m.id, m.place ?? '', m.group ?? '', m.region ?? '', m.name.replaceAll(SEP, ' '), m.notes ?? ''];
    b.addPackedMeeting(row.start(fields.join(SEP)));
  }
  return b.build();
}

/** The same meetings through the patch path's builder (strings joined), the reference. */
function reference(meetings: Meeting[], places: string[], groups: string[], regions: string[]) {
  const b = new IndexedMeetingBuilder();
  b.addPlaces(places.map((t, i) => [i + 1, t, null, null] as const));
  b.addGroups(groups.map((t, i) => [i + 1, t] as const));
  b.addRegions(regions.map((t, i) => [i + 1, t] as const));
  return meetings.map((m) =>
    b.toIndexed([
      m.id,
      1,
      m.name,
      m.notes,
      m.place,
      m.group,
      m.region,
      `1${SEP}10:00${SEP}11:00`,
      `in_person${SEP}[]${SEP}UTC${SEP}`,
    ]),
  );
}

function check(meetings: Meeting[], places: string[], groups: string[], regions: string[]): void {
  const t = built(meetings, places, groups, regions);
  expect(builtPacked(meetings, places, groups, regions)).toEqual(t);
  const { sortNames, words } = decodeText(t);
  // Each meeting's words in order, read back as the search text they stand for.
  const search = Array.from({ length: t.count }, (_, slot) => wordsOf(t, words, slot).join(' '));
  const expected = reference(meetings, places, groups, regions);
  expect([...t.ids]).toEqual(meetings.map((m) => m.id));
  expect(search).toEqual(expected.map((m) => m.searchText));
  expect(sortNames).toEqual(expected.map((m) => fold(m.name)));
  // Postings: exactly the text slots whose text has the word, ascending; words sorted and distinct.
  const byWord = new Map<string, number[]>();
  search.forEach((s, slot) => {
    for (const w of new Set(s === '' ? [] : s.split(' '))) byWord.set(w, [...(byWord.get(w) ?? []), slot]);
  });
  expect(words).toEqual([...byWord.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  words.forEach((w, i) => expect([...t.slots.subarray(t.offsets[i], t.offsets[i + 1])]).toEqual(byWord.get(w)));
  const missing = (id: number | null, known: number) => id !== null && id > known;
  expect([...t.unresolved]).toEqual(
    meetings
      .filter((m) => missing(m.place, places.length) || missing(m.group, groups.length) || missing(m.region, regions.length))
      .map((m) => m.id),
  );
}

/** Text slot `slot`'s word sequence as words. */
function wordsOf(t: BuiltText, words: string[], slot: number): string[] {
  return Array.from(t.sequenceIds.subarray(slot === 0 ? 0 : t.sequenceEnds[slot - 1], t.sequenceEnds[slot]), (id) => words[id]!);
}

const ref = fc.constantFrom(null, 1, 2, 3, 9);

describe('MeetingTextBuilder', () => {
  it('makes the word sequences, sort names and postings the patch path makes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text, notes: fc.option(text), place: ref, group: ref, region: ref }), { maxLength: 30 }),
        fc.tuple(text, text, text),
        fc.tuple(text, text, text),
        fc.tuple(text, text, text),
        (rows, places, groups, regions) => {
          const meetings = rows.map((r, i) => ({ ...r, id: 10 + 3 * i }));
          check(meetings, places, groups, regions);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps many meetings right, some with characters above U+00FF and long notes', () => {
    const meetings: Meeting[] = Array.from({ length: 9000 }, (_, i) => ({
      id: i + 1,
      name: i === 4101 ? 'Москва group' : `Meeting ${i % 97}`,
      notes: i % 3 === 0 ? `Room ${i} — ${'long notes '.repeat(60)}` : null,
      place: (i % 3) + 1,
      group: i % 2 === 0 ? 1 : null,
      region: 2,
    }));
    check(meetings, ['Hall 1 Main St', 'Église Saint-Jean', ''], ['Big Book'], ['US > NY', 'CA > Alberta > Edmonton']);
  });

  it('hands back only transferable arrays, each with a buffer of its own', () => {
    const t = built([{ id: 1, name: 'A b', notes: null, place: null, group: null, region: null }], [], [], []);
    const buffers = transferables(t);
    expect(new Set(buffers).size).toBe(buffers.length);
    const received = structuredClone(t, { transfer: buffers });
    expect(wordsOf(received, decodeText(received).words, 0)).toEqual(['a', 'b']);
  });
});
