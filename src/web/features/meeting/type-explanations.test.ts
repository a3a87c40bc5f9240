import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { getTypesForLanguage } from '@code4recovery/spec';
import en from '../../i18n/locales/en.json' with { type: 'json' };
import es from '../../i18n/locales/es.json' with { type: 'json' };
import { describeType, LANGUAGE_TYPE_CODES, ACCESSIBILITY_TYPE_CODES } from './type-explanations.js';

const SPEC_CODES = Object.keys(getTypesForLanguage('en'));

async function translator(lng: 'en' | 'es') {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, es: { translation: es } }, fallbackLng: false });
  return (key: string, options?: Record<string, string>) => i18n.t(key, options);
}

describe('type explanations', () => {
  it('only lists real spec codes as languages and access needs', () => {
    for (const code of [...LANGUAGE_TYPE_CODES, ...ACCESSIBILITY_TYPE_CODES]) expect(SPEC_CODES).toContain(code);
  });

  for (const lng of ['en', 'es'] as const) {
    it(`explains every spec type in ${lng}, in words and never as the bare code`, async () => {
      const t = await translator(lng);
      const names = getTypesForLanguage(lng);
      for (const code of SPEC_CODES) {
        const described = describeType(code, lng, t);
        expect(described.name).toBe(names[code as keyof typeof names]);
        expect(described.explanation, code).toMatch(/^\p{Lu}.{10,}[.]$/u);
        expect(described.explanation, 'a missing key comes back as the key').not.toMatch(/^meeting\./);
      }
    });
  }

  it('names languages in the interface language', async () => {
    expect(describeType('POL', 'es', await translator('es'))).toEqual({
      code: 'POL',
      name: 'Polaco',
      explanation: 'Idioma de la reunión: Polaco.',
    });
  });

  it('shows a code the spec does not define as "Other: <code>", with no made-up explanation', async () => {
    expect(describeType('ONL', 'en', await translator('en'))).toEqual({ code: 'ONL', name: 'Other: ONL', explanation: null });
    expect(describeType('ZZ', 'es-MX', await translator('es')).name).toBe('Otro: ZZ');
  });

  it('falls back to English names for a language the spec has no translation for', async () => {
    expect(describeType('O', 'zz', await translator('en')).name).toBe('Open');
  });
});
