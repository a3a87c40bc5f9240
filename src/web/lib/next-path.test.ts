import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNextPath, signInHref } from './next-path.js';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeNextPath('/saved')).toBe('/saved');
    expect(safeNextPath('/meetings?day=1&q=a%20b#results')).toBe('/meetings?day=1&q=a%20b#results');
    expect(safeNextPath('/meetings/42')).toBe('/meetings/42');
  });

  it.each([
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'http:evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    'evil.example',
    ' /saved',
    '/saved\n//evil.example',
    '/\t/evil.example',
    '',
  ])('refuses %j', (next) => {
    expect(safeNextPath(next)).toBe('/account');
  });

  it('refuses nothing and no value, and the sign-in pages themselves (no loop)', () => {
    expect(safeNextPath(null)).toBe('/account');
    expect(safeNextPath(undefined, '/')).toBe('/');
    expect(safeNextPath('/sign-in?next=/saved')).toBe('/account');
    expect(safeNextPath('/reset?token=x')).toBe('/account');
  });

  it('never answers with anything a browser would take to another origin', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        for (const raw of [a, `/${a}`, `//${a}`, `/${a}/${b}`, `\\${a}`]) {
          const out = safeNextPath(raw, '/fallback');
          expect(out.startsWith('/')).toBe(true);
          expect(out.startsWith('//')).toBe(false);
          expect(new URL(out, 'https://kinship.example').origin).toBe('https://kinship.example');
        }
      }),
    );
  });
});

describe('signInHref', () => {
  it('comes back to the page it was on, and not to the home page needlessly', () => {
    expect(signInHref('/saved')).toBe('/sign-in?next=%2Fsaved');
    expect(signInHref('/meetings?day=1')).toBe('/sign-in?next=%2Fmeetings%3Fday%3D1');
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref('/sign-in?next=/saved')).toBe('/sign-in');
  });
});
