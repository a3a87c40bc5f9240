import { describe, expect, it } from 'vitest';
import { parsePlaceQuery, QualifierCompiler } from './query.js';

describe('place queries', () => {
  it('splits the name from up to two qualifiers, folded', () => {
    expect(parsePlaceQuery(' São Paulo ')).toEqual({ name: 'sao paulo', qualifiers: [] });
    expect(parsePlaceQuery('Malvern, PA')).toEqual({ name: 'malvern', qualifiers: ['pa'] });
    expect(parsePlaceQuery('Malvern,, Pennsylvania , United States, Earth')).toEqual({
      name: 'malvern',
      qualifiers: ['pennsylvania', 'united states'],
    });
    expect(parsePlaceQuery(', PA')).toEqual({ name: '', qualifiers: ['pa'] });
  });

  it('matches codes exactly and names from their third letter', () => {
    const compiler = new QualifierCompiler(['US', 'MX', 'GB', 'AU', 'CA', 'FR']);
    const me = compiler.compile('me');
    expect(me('US', 'ME')).toBe(true);
    expect(me('MX', '09')).toBe(false); // not "Mexico"
    expect(compiler.compile('mex')('MX', '09')).toBe(true);
    expect(compiler.compile('tex')('US', 'TX')).toBe(true);
    expect(compiler.compile('tex')('US', 'TN')).toBe(false);
    expect(compiler.compile('uk')('GB', 'ENG')).toBe(true);
    expect(compiler.compile('eng')('GB', 'ENG')).toBe(true);
    expect(compiler.compile('nsw')('AU', 'NSW')).toBe(true);
    expect(compiler.compile('new south')('AU', 'NSW')).toBe(true);
    expect(compiler.compile('ca')('CA', 'ON')).toBe(true); // Canada
    expect(compiler.compile('ca')('US', 'CA')).toBe(true); // and California
    expect(compiler.compile('fr')('FR', '11')).toBe(true);
    expect(compiler.compile('united states')('US', 'PA')).toBe(true);
  });
});
