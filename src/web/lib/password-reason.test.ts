import { describe, expect, it } from 'vitest';
import * as english from '@zxcvbn-ts/language-en';
import en from '../i18n/locales/en.json';
import es from '../i18n/locales/es.json';
import { passwordReason } from './password-reason.js';

describe('password-strength reasons', () => {
  it('are worded in every language for every warning the server can send, and "weak"', () => {
    const keys = [...Object.keys(english.translations.warnings), 'weak'];
    for (const locale of [en, es])
      for (const key of keys) expect((locale.auth.passwordReasons as Record<string, string>)[key], key).toMatch(/\S/);
  });

  it('turns a known key into words and refuses anything else', () => {
    const t = (key: string) => (key === 'auth.passwordReasons.dates' ? 'Dates are easy to guess.' : key);
    expect(passwordReason('dates', t)).toBe('Dates are easy to guess.');
    expect(passwordReason('unknownKey', t)).toBeUndefined();
    expect(passwordReason('../x', t)).toBeUndefined();
    expect(passwordReason(42, t)).toBeUndefined();
  });
});
