import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_LIMITS,
  GUIDELINES_VERSION as SERVER_VERSION,
  HANDLE_PATTERN as SERVER_PATTERN,
} from '../../shared/schemas/accounts.js';
import {
  AUTH_LIMITS,
  emailProblem,
  GUIDELINES_VERSION,
  handleProblem,
  HANDLE_PATTERN,
  newPasswordProblem,
} from './auth-limits.js';

describe('the limits the forms check', () => {
  it('are the server’s (copied so zod stays out of the page)', () => {
    for (const [key, value] of Object.entries(AUTH_LIMITS))
      expect(ACCOUNT_LIMITS[key as keyof typeof ACCOUNT_LIMITS], key).toBe(value);
    expect(HANDLE_PATTERN.source).toBe(SERVER_PATTERN.source);
    expect(GUIDELINES_VERSION).toBe(SERVER_VERSION);
  });

  it('refuse handles as the server does', () => {
    expect(handleProblem('')).toBe('handleRequired');
    expect(handleProblem('   ')).toBe('handleRequired');
    expect(handleProblem('ab')).toBe('handleLength');
    expect(handleProblem('a'.repeat(33))).toBe('handleLength');
    expect(handleProblem('no spaces')).toBe('handlePattern');
    expect(handleProblem('.dot-first')).toBe('handlePattern');
    expect(handleProblem('Ꭺlice')).toBe('handlePattern'); // a Cherokee letter that looks like A
    expect(handleProblem(' river_7.b-c ')).toBeNull();
  });

  it('refuse passwords shorter than 12 or longer than 256 characters, and take anything between', () => {
    expect(newPasswordProblem('')).toBe('passwordRequired');
    expect(newPasswordProblem('a'.repeat(11))).toBe('passwordShort');
    expect(newPasswordProblem('a'.repeat(12))).toBeNull();
    expect(newPasswordProblem('a'.repeat(257))).toBe('passwordLong');
  });

  it('take an empty e-mail (it is optional) and refuse one without a domain', () => {
    expect(emailProblem('')).toBeNull();
    expect(emailProblem('me@example.org')).toBeNull();
    expect(emailProblem('me@localhost')).toBe('emailInvalid');
    expect(emailProblem('not an email')).toBe('emailInvalid');
  });
});
