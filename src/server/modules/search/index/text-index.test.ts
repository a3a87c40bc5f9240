import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextIndex, type TextPart } from './text-index.js';
import { hasAtWordStart } from './word-lists.js';

const WORDS = ['a', 'ab', 'abc', 'b', 'ba', 'bad', 'c', 'cab', 'zeta', 'zed'];

/** Brute force: slots whose text has a word starting with the prefix, ascending. */
function expected(texts: Map<number, string>, prefix: string): number[] {
  return [...texts]
    .filter(([, t]) => t !== '' && t.split(' ').some((w) => w.startsWith(prefix)))
    .map(([slot]) => slot)
    .sort((a, b) => a - b);
}

function check(index: TextIndex, texts: Map<number, string>): void {
  for (const prefix of ['', 'a', 'ab', 'b', 'ba', 'c', 'z', 'ze', 'q']) {
    expect([...index.prefixSlots(prefix)].sort((a, b) => a - b)).toEqual(expected(texts, prefix));
    let count = 0;
    index.eachPrefixWord(prefix, (list) => {
      expect(list.length).toBeGreaterThan(0);
      for (let i = 1; i < list.length; i++) expect(list[i]!).toBeGreaterThan(list[i - 1]!);
      count += list.length;
    });
    expect(index.prefixCount(prefix)).toBe(count);
  }
  // Each slot's words in order, and quoted phrases tested on them as on the text (the last word a prefix).
  for (let slot = 0; slot <= 50; slot++) {
    const t = texts.get(slot) ?? '';
    expect(index.sequenceOf(slot)).toEqual(t === '' ? [] : t.split(' '));
    for (const phrase of PHRASES) {
      const m = index.phraseMatcher(phrase);
      expect(m !== null && index.matches(slot, m), `${JSON.stringify(t)} has "${phrase}"`).toBe(
        t !== '' && hasAtWordStart(t, phrase),
      );
    }
  }
}

/** Phrases to test: known and unknown words, a prefix last, a word repeated, one word. */
const PHRASES = ['a b', 'a ab', 'ab ba', 'b ba', 'cab z', 'zed a', 'a a', 'c', 'q a', 'a q', 'ba bad c'];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((ws) => ws.join(' '));

describe('TextIndex', () => {
  it('a bulk build, then adds and removes (overlay and rebase), answer as a brute-force scan', () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(50), fc.option(text)), { maxLength: 60 }),
        fc.boolean(),
        (initial, changes, rebaseOften) => {
          const index = new TextIndex(rebaseOften ? 0 : 4096);
          const texts = new Map<number, string>();
          const builder = index.builder();
          // Shared parts, as the loader passes them: split once, used by several slots.
          const parts = new Map<string, TextPart>();
          initial.forEach((t, slot) => {
            const pieces = t === '' ? [] : [t.split(' ').slice(0, 2).join(' '), t.split(' ').slice(2).join(' ')];
            builder.add(
              slot,
              pieces.filter((p) => p !== '').map((p) => parts.get(p) ?? parts.set(p, { text: p }).get(p)!),
            );
            texts.set(slot, t);
          });
          builder.build();
          check(index, texts);
          for (const [slot, next] of changes) {
            const before = texts.get(slot);
            if (before !== undefined) index.remove(slot);
            texts.delete(slot);
            if (next !== null) {
              index.add(slot, next);
              texts.set(slot, next);
            }
            if (slot % 3 === 0) check(index, texts);
          }
          check(index, texts);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hasAtWordStart', () => {
  it('finds a word prefix or a phrase only where a word starts', () => {
    expect(hasAtWordStart('the big book group', 'big book')).toBe(true);
    expect(hasAtWordStart('big books on tuesday', 'big book')).toBe(true);
    expect(hasAtWordStart('the bigbook group', 'big book')).toBe(false);
    expect(hasAtWordStart('thebig book', 'big book')).toBe(false);
    // The first occurrence is inside a word; a later one starts a word.
    expect(hasAtWordStart('xbig book and big book', 'big book')).toBe(true);
    expect(hasAtWordStart('serenity', 'ser')).toBe(true);
    expect(hasAtWordStart('preserve', 'ser')).toBe(false);
    expect(hasAtWordStart('', 'ser')).toBe(false);
  });
});
