import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/account-api.js';
import { formErrorsFrom } from './form-errors.js';

/** A stand-in for i18next's t: the key and its options, so the test sees what would be shown. */
const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);

describe('formErrorsFrom', () => {
  it('says how many minutes to wait when throttled, rounding up, at least one', () => {
    expect(formErrorsFrom(new ApiError(429, 'rate_limited', 'x', undefined, 30), t).summary).toBe(
      'auth.errors.throttled {"count":1}',
    );
    expect(formErrorsFrom(new ApiError(429, 'rate_limited', 'x', undefined, 601), t).summary).toBe(
      'auth.errors.throttled {"count":11}',
    );
    expect(formErrorsFrom(new ApiError(429, 'rate_limited', 'x'), t).summary).toBe('auth.errors.throttled {"count":1}');
  });

  it('puts the server’s field problems on the fields, a password’s reason kept', () => {
    const err = new ApiError(400, 'validation_failed', 'x', [
      { field: 'body.password', message: 'This is a top-10 common password.' },
      { field: 'body.handle', message: 'This handle is reserved.' },
    ]);
    expect(formErrorsFrom(err, t)).toEqual({
      fields: {
        password: 'auth.errors.passwordRejected {"reason":"This is a top-10 common password."}',
        handle: 'auth.errors.fieldRejected {"reason":"This handle is reserved."}',
      },
    });
  });

  it('words a password-strength reason key in the page language, and falls back to the server words for an unknown one', () => {
    const known = (key: string, options?: Record<string, unknown>) =>
      key === 'auth.passwordReasons.straightRow' ? 'Una fila de teclas.' : t(key, options);
    const err = (code: string) =>
      new ApiError(400, 'validation_failed', 'x', [
        { field: 'body.new_password', message: 'Straight rows of keys are easy to guess.', code },
      ]);
    expect(formErrorsFrom(err('straightRow'), known).fields.new_password).toBe(
      'auth.errors.passwordReason {"reason":"Una fila de teclas."}',
    );
    expect(formErrorsFrom(err('somethingNew'), known).fields.new_password).toBe(
      'auth.errors.passwordRejected {"reason":"Straight rows of keys are easy to guess."}',
    );
  });

  it('words a 401 and a 409 as the form says, and the rest by code', () => {
    expect(formErrorsFrom(new ApiError(401, 'unauthorized', 'x'), t, { unauthorized: 'wrong' }).summary).toBe('wrong');
    expect(formErrorsFrom(new ApiError(409, 'conflict', 'x'), t, { conflict: { field: 'handle', message: 'taken' } })).toEqual({
      fields: { handle: 'taken' },
    });
    expect(formErrorsFrom(new ApiError(0, 'network', 'network'), t).summary).toBe('auth.errors.network');
    expect(formErrorsFrom(new ApiError(403, 'csrf_failed', 'x'), t).summary).toBe('auth.errors.csrf');
    expect(formErrorsFrom(new ApiError(500, 'internal', 'x'), t).summary).toBe('auth.errors.generic');
    expect(formErrorsFrom(new Error('boom'), t).summary).toBe('auth.errors.generic');
  });
});
