import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../../i18n/locales/en.json';
import { ApiError } from '../../lib/account-api.js';
import { describeApiError } from './api-problem.js';

const i18n = i18next.createInstance();
await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
const describeIt = (err: unknown) => describeApiError(err, i18n.t);

describe('an API failure in words', () => {
  it('says how long to wait after a 429, from Retry-After', () => {
    expect(describeIt(new ApiError(429, 'rate_limited', 'slow down', undefined, 1)).summary).toBe(
      'Too many tries. Please wait 1 second and try again.',
    );
    expect(describeIt(new ApiError(429, 'rate_limited', 'slow down', undefined, 30)).summary).toBe(
      'Too many tries. Please wait 30 seconds and try again.',
    );
    expect(describeIt(new ApiError(429, 'rate_limited', 'slow down', undefined, 600)).summary).toBe(
      'Too many tries. Please wait 10 minutes and try again.',
    );
  });

  it('puts the server’s field problems next to their fields, a wrong password in our words', () => {
    const problem = describeIt(
      new ApiError(400, 'validation_failed', 'bad', [
        { field: 'body.current_password', message: 'is not right' },
        { field: 'body.new_password', message: 'This is a top-10 common password.' },
      ]),
    );
    expect(problem).toEqual({
      summary: 'Please check the 2 fields marked below.',
      fields: {
        current_password: 'This is not right. Please check it and try again.',
        new_password: 'This is a top-10 common password.',
      },
    });
  });

  it('tells a network failure, a lost session and a missing second factor apart', () => {
    expect(describeIt(new ApiError(0, 'network', 'network')).summary).toMatch(/Check your connection/);
    expect(describeIt(new ApiError(401, 'unauthorized', 'x')).summary).toMatch(/signed out/);
    expect(describeIt(new ApiError(403, 'second_factor_required', 'x')).summary).toMatch(/second step/);
    expect(describeIt(new Error('boom')).summary).toMatch(/on our side/);
  });
});
