// The web app's locale files (src/web/i18n/locales): a node test, as it reads the folder.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../src/web/i18n/locales/', import.meta.url);
const read = (file: string) => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<string, unknown>;
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every text of a locale file by key path ("home.title"), plural forms folded into their base key. */
function texts(value: unknown, prefix = '', out = new Map<string, string[]>()): Map<string, string[]> {
  if (typeof value === 'string') {
    const key = prefix.replace(PLURAL, '');
    out.set(key, [...(out.get(key) ?? []), value]);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) texts(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/** The {{variables}} a text interpolates. */
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('the interface texts', () => {
  const english = texts(read('en.json'));
  const others = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'en.json');

  it('exist in another language than English', () => {
    expect(others.length).toBeGreaterThan(0);
  });

  for (const file of others) {
    it(`are complete in ${file}: every key, none empty, the same variables`, () => {
      const translated = texts(read(file));
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, values] of translated) {
        for (const value of values) expect(value.trim(), key).not.toBe('');
        const expected = new Set(english.get(key)!.flatMap(variables));
        for (const value of values) for (const v of variables(value)) expect(expected, `${key} uses {{${v}}}`).toContain(v);
      }
    });
  }
});
