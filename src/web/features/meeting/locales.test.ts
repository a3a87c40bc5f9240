import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en.json' with { type: 'json' };
import es from '../../i18n/locales/es.json' with { type: 'json' };

/** Every key path under an object, "a.b.c". */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('the meeting and saved texts', () => {
  for (const section of ['meeting', 'saved'] as const) {
    it(`are complete in Spanish (${section})`, () => {
      expect(keys(es[section]).sort()).toEqual(keys(en[section]).sort());
      for (const k of keys(es[section]))
        expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], es[section])).not.toBe('');
    });
  }
});
