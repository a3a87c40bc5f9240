import { describe, expect, it } from 'vitest';
import { PACKED_SEPARATOR as SEP } from '../meetings/repository/search-rows.js';
import { hashOf, PackedRow, SpanTable } from './packed-rows.js';

describe('PackedRow', () => {
  it('reads ids, empty fields as null, spans of fields and the rest, the separator allowed in the last field', () => {
    const row = new PackedRow().start(['42', '', '7', '0', 'Mon', '19:00', '', `free${SEP}text`].join(SEP));
    expect([row.int(), row.int(), row.int(), row.int()]).toEqual([42, null, 7, 0]);
    row.span(3);
    expect(row.text.slice(row.from, row.to)).toBe(`Mon${SEP}19:00${SEP}`);
    expect(row.hash).toBe(hashOf(`Mon${SEP}19:00${SEP}`, 0, 10));
    expect(row.rest()).toBe(`free${SEP}text`);
  });

  it('cuts a span at its limit and reads an empty last field', () => {
    const row = new PackedRow().start(`1${SEP}abcdef`);
    row.int();
    row.span(0, 4);
    expect(row.text.slice(row.from, row.to)).toBe('abcd');
    expect(new PackedRow().start(`5${SEP}`).int()).toBe(5);
    const empty = new PackedRow().start(`5${SEP}`);
    empty.int();
    expect(empty.rest()).toBe('');
  });
});

describe('SpanTable', () => {
  it('finds a span by its characters, not its hash alone', () => {
    const table = new SpanTable<number>();
    table.set('abc', 99, 1);
    expect(table.get('xabcx', 1, 4, 99)).toBe(1);
    // Same hash and length, other characters: a different text.
    expect(table.get('xabdx', 1, 4, 99)).toBeUndefined();
    expect(table.get('xabcx', 1, 3, 99)).toBeUndefined();
  });

  it('makes each distinct text once, many texts and growth included', () => {
    const table = new SpanTable<string>();
    const made: string[] = [];
    const make = (t: string) => {
      made.push(t);
      return t.toUpperCase();
    };
    const texts = Array.from({ length: 5000 }, (_, i) => `kind ${i % 1700}`);
    const row = new PackedRow();
    for (const t of texts) expect(table.of(row.start(`1${SEP}${t}`).span(1).span(0), make)).toBe(t.toUpperCase());
    expect(made.length).toBe(1700);
    expect(table.ofText('kind 3', make)).toBe('KIND 3');
    expect(made.length).toBe(1700);
  });
});
