import { describe, expect, it } from 'vitest';
import { type Answers, CONCERNS, directoryNames, searchParams, suggest } from './suggest.js';

const base: Answers = {
  concern: 'alcohol',
  approach: 'either',
  goal: 'abstinence',
  format: 'either',
  communities: [],
  language: 'any',
};

describe('suggest', () => {
  it('offers a twelve-step fellowship and secular ones for alcohol, never Moderation Management to someone stopping', () => {
    const s = suggest(base);
    expect(s.fellowships).toEqual(expect.arrayContaining(['aa', 'smart', 'lifering']));
    expect(s.fellowships).not.toContain('mm');
    expect(s.fellowships).not.toContain('wfs');
    expect(s.notes[0]).toBe('differs');
  });

  it('puts secular groups first for someone who wants no spiritual talk, and says twelve-step meetings can be secular', () => {
    const s = suggest({ ...base, approach: 'secular' });
    expect(s.fellowships.indexOf('smart')).toBeLessThan(s.fellowships.indexOf('aa'));
    expect(s.fellowships.indexOf('lifering')).toBeLessThan(s.fellowships.indexOf('aa'));
    expect(s.types).toContain('A');
    expect(s.notes).toContain('secularTwelveStep');
  });

  it('puts groups that support cutting down first for a moderation goal', () => {
    const s = suggest({ ...base, goal: 'moderation' });
    expect(s.fellowships.slice(0, 2).sort()).toEqual(['mm', 'smart']);
    expect(s.notes).toContain('moderation');
  });

  it('offers Women for Sobriety only to someone asking for women’s groups, and the community types', () => {
    expect(suggest({ ...base, communities: ['W'] }).fellowships).toContain('wfs');
    expect(suggest({ ...base, communities: ['W', 'Y'], language: 'S' }).types).toEqual(['W', 'Y', 'S']);
  });

  it('points someone worried about a loved one to family groups, and a newcomer to open meetings', () => {
    expect(suggest({ ...base, concern: 'lovedOne' }).fellowships).toEqual(expect.arrayContaining(['alanon', 'naranon', 'smart']));
    expect(suggest({ ...base, concern: 'lovedOne' }).fellowships).not.toContain('aa');
    expect(suggest({ ...base, concern: 'notSure', goal: 'notSure' }).types).toEqual(expect.arrayContaining(['O', 'BE']));
  });

  it('always suggests something', () => {
    for (const concern of CONCERNS)
      for (const goal of ['abstinence', 'moderation', 'notSure'] as const)
        expect(suggest({ ...base, concern, goal }).fellowships.length).toBeGreaterThan(0);
  });
});

describe('directoryNames and searchParams', () => {
  it('keeps the suggested fellowships the directory has, in its own spelling and the suggestion’s order', () => {
    expect(directoryNames(['smart', 'aa', 'lifering'], ['Alcoholics Anonymous', 'NA', 'smart recovery'])).toEqual([
      'smart recovery',
      'Alcoholics Anonymous',
    ]);
    expect(directoryNames(['ga'], ['AA'])).toEqual([]);
  });

  it('makes the finder query: fellowships, how to attend, communities and language, soonest first', () => {
    const p = searchParams({ ...base, format: 'online', communities: ['LGBTQ'], language: 'S' }, ['AA', 'SMART Recovery']);
    expect(Object.fromEntries(p)).toEqual({ fellowship: 'AA,SMART Recovery', online: 'only', types: 'LGBTQ,S', sort: 'soonest' });
    expect(Object.fromEntries(searchParams({ ...base, format: 'inPerson' }, []))).toEqual({ online: 'exclude', sort: 'soonest' });
  });
});
