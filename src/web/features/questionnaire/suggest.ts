/**
 * "Find a group that fits": from a few answers, the fellowships and meeting types worth a look, and the search that
 * finds them. Pure data and logic, so it is tested without a browser (suggest.test.ts). The notes shown with each
 * suggestion are in the locale files (`questionnaire.fellowship.<id>`), written in our own words: no fellowship's
 * literature is quoted, and no endorsement is implied (DOMAIN.md).
 */

export const CONCERNS = ['alcohol', 'drugs', 'gambling', 'food', 'sex', 'lovedOne', 'notSure'] as const;
export const APPROACHES = ['spiritual', 'secular', 'either'] as const;
export const GOALS = ['abstinence', 'moderation', 'notSure'] as const;
export const FORMATS = ['inPerson', 'online', 'either'] as const;
/** Communities with a Meeting Guide type code (`@code4recovery/spec`). */
export const COMMUNITIES = ['W', 'M', 'LGBTQ', 'Y', 'POC', 'SEN'] as const;
/** Languages with a type code; English is the directories' default and has none. */
export const LANGUAGES = ['any', 'S', 'FR', 'POL', 'RUS'] as const;

export type Concern = (typeof CONCERNS)[number];
export type Approach = (typeof APPROACHES)[number];
export type Goal = (typeof GOALS)[number];
export type Format = (typeof FORMATS)[number];
export type Community = (typeof COMMUNITIES)[number];
export type Language = (typeof LANGUAGES)[number];

export interface Answers {
  concern: Concern;
  approach: Approach;
  goal: Goal;
  format: Format;
  communities: Community[];
  language: Language;
}

interface Fellowship {
  id: string;
  /** How directories name it in their `fellowship` field, compared case-insensitively. */
  names: readonly string[];
  concerns: readonly Concern[];
  /** Twelve-step groups speak of a higher power; the others do not. */
  twelveStep: boolean;
  /** Whether it supports cutting down as a goal, not only stopping. */
  moderation: boolean;
  /** Only for the people it names (Women for Sobriety). */
  community?: Community;
}

const FELLOWSHIPS: readonly Fellowship[] = [
  { id: 'aa', names: ['AA', 'Alcoholics Anonymous'], concerns: ['alcohol'], twelveStep: true, moderation: false },
  { id: 'na', names: ['NA', 'Narcotics Anonymous'], concerns: ['drugs'], twelveStep: true, moderation: false },
  { id: 'ca', names: ['CA', 'Cocaine Anonymous'], concerns: ['drugs', 'alcohol'], twelveStep: true, moderation: false },
  { id: 'cma', names: ['CMA', 'Crystal Meth Anonymous'], concerns: ['drugs'], twelveStep: true, moderation: false },
  { id: 'ga', names: ['GA', 'Gamblers Anonymous'], concerns: ['gambling'], twelveStep: true, moderation: false },
  { id: 'oa', names: ['OA', 'Overeaters Anonymous'], concerns: ['food'], twelveStep: true, moderation: false },
  {
    id: 'slaa',
    names: ['SLAA', 'SAA', 'Sex and Love Addicts Anonymous', 'Sex Addicts Anonymous'],
    concerns: ['sex'],
    twelveStep: true,
    moderation: false,
  },
  {
    id: 'alanon',
    names: ['Al-Anon', 'Alateen', 'Al-Anon Family Groups'],
    concerns: ['lovedOne'],
    twelveStep: true,
    moderation: false,
  },
  { id: 'naranon', names: ['Nar-Anon', 'Nar-Anon Family Groups'], concerns: ['lovedOne'], twelveStep: true, moderation: false },
  {
    id: 'smart',
    names: ['SMART', 'SMART Recovery'],
    concerns: ['alcohol', 'drugs', 'gambling', 'food', 'sex', 'lovedOne', 'notSure'],
    twelveStep: false,
    moderation: true,
  },
  {
    id: 'lifering',
    names: ['LifeRing', 'LifeRing Secular Recovery'],
    concerns: ['alcohol', 'drugs'],
    twelveStep: false,
    moderation: false,
  },
  {
    id: 'wfs',
    names: ['WFS', 'Women for Sobriety'],
    concerns: ['alcohol', 'drugs'],
    twelveStep: false,
    moderation: false,
    community: 'W',
  },
  { id: 'mm', names: ['MM', 'Moderation Management'], concerns: ['alcohol'], twelveStep: false, moderation: true },
];

/** Unsure what they need: the broadest doors, which welcome anyone who is wondering. */
const NOT_SURE = new Set(['aa', 'na', 'smart']);

export interface Suggestion {
  /** Fellowship ids, best first: their names and notes are in the locale files. */
  fellowships: string[];
  /** Meeting types worth looking for, as type codes (names from the spec's translations). */
  types: string[];
  /** Notes to show besides (locale keys under `questionnaire.notes`). */
  notes: string[];
}

/** The fellowships and types to suggest for these answers. Never empty: SMART Recovery meets every concern. */
export function suggest(a: Answers): Suggestion {
  const fits = FELLOWSHIPS.filter((f) => {
    if (a.concern === 'notSure') return NOT_SURE.has(f.id);
    if (!f.concerns.includes(a.concern)) return false;
    if (f.community && !a.communities.includes(f.community)) return false;
    // Aiming to cut down: groups built around stopping for good are still suggested (many find their goal
    // changes), but after those that support either goal.
    return true;
  });
  const score = (f: Fellowship) =>
    (a.approach === 'secular' && f.twelveStep ? 2 : 0) +
    (a.approach === 'spiritual' && !f.twelveStep ? 1 : 0) +
    (a.goal === 'moderation' && !f.moderation ? 2 : 0) +
    (a.goal === 'abstinence' && f.id === 'mm' ? 3 : 0) -
    (f.community ? 1 : 0);
  const ranked = [...fits].sort((x, y) => score(x) - score(y)).map((f) => f.id);
  // Moderation Management is for cutting down; someone set on stopping is better served elsewhere.
  const fellowships = a.goal === 'abstinence' ? ranked.filter((id) => id !== 'mm') : ranked;

  const types: string[] = [];
  if (a.concern === 'notSure' || a.goal === 'notSure') types.push('O', 'BE');
  if (a.approach === 'secular') types.push('A');
  types.push(...a.communities);
  if (a.language !== 'any') types.push(a.language);

  const notes = ['differs'];
  if (a.approach === 'secular' && fellowships.some((id) => FELLOWSHIPS.find((f) => f.id === id)!.twelveStep))
    notes.push('secularTwelveStep');
  if (a.goal === 'moderation') notes.push('moderation');
  if (a.concern === 'lovedOne') notes.push('lovedOne');
  notes.push('therapy');
  return { fellowships, types, notes };
}

/**
 * The directory's own names (its fellowship facet's keys) for suggested fellowships, in the suggestion's order:
 * directories spell them differently ("AA", "Alcoholics Anonymous"), and a filter on a name no meeting has would
 * find nothing.
 */
export function directoryNames(fellowshipIds: readonly string[], known: readonly string[]): string[] {
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const out: string[] = [];
  for (const id of fellowshipIds) {
    const f = FELLOWSHIPS.find((x) => x.id === id);
    for (const name of f?.names ?? []) {
      const found = byLower.get(name.toLowerCase());
      if (found && !out.includes(found)) out.push(found);
    }
  }
  return out;
}

/**
 * The finder's query for these answers: how to attend, the communities and language (every one must apply), and
 * the suggested fellowships the directory has (any of them). Newcomer and secular types are suggested in words, not
 * filtered on: many welcoming meetings do not carry those codes.
 */
export function searchParams(a: Answers, fellowships: readonly string[]): URLSearchParams {
  const p = new URLSearchParams();
  if (fellowships.length > 0) p.set('fellowship', fellowships.join(','));
  if (a.format === 'online') p.set('online', 'only');
  if (a.format === 'inPerson') p.set('online', 'exclude');
  const types = [...a.communities, ...(a.language === 'any' ? [] : [a.language])];
  if (types.length > 0) p.set('types', types.join(','));
  // No time filter: sorted by the next meeting, the soonest come first whatever the hour.
  p.set('sort', 'soonest');
  return p;
}
