import { describe, expect, it } from 'vitest';
import { GROUP_APPROACHES, GROUP_LIMITS, GROUP_ROLES, GROUP_VISIBILITIES } from '../../../shared/schemas/groups.js';
import { REPORT_REASONS } from '../../../shared/schemas/group-threads.js';
import { LIVE_LIMITS } from '../../../shared/schemas/live-meetings.js';
import { formatSectionSchema } from '../../../shared/chat-protocol.js';
import en from '../../i18n/locales/en.json';
import es from '../../i18n/locales/es.json';
import { APPROACHES, GROUP_FORM_LIMITS } from './api.js';
import { LIVE_FORM_LIMITS, SECTION_KINDS } from './live-api.js';

/** Every key path under `tree`, plural suffixes folded ("members_one" → "members"). */
function keys(tree: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const path = `${prefix}${k.replace(/_(one|other)$/, '')}`;
    if (v && typeof v === 'object') keys(v, `${path}.`).forEach((x) => out.add(x));
    else out.add(path);
  }
  return out;
}

describe('the group pages', () => {
  const english = keys(en.groups);

  it('have every English text in Spanish, and nothing Spanish alone', () => {
    expect([...keys(es.groups)].sort()).toEqual([...english].sort());
  });

  it('have a text for every value they look up by name', () => {
    const wanted = [
      ...GROUP_APPROACHES.map((a) => `approaches.${a}`),
      ...GROUP_VISIBILITIES.flatMap((v) => [`visibility.${v}.short`, `visibility.${v}.long`, `form.visibility.${v}`]),
      ...GROUP_ROLES.flatMap((r) => [`roles.${r}`, `join.youAre.${r}`]),
      ...formatSectionSchema.shape.kind.options.flatMap((k) => [`format.kinds.${k}`, `format.defaults.${k}`]),
      ...REPORT_REASONS.map((r) => `reports.reasons.${r}`),
      ...['role', 'second_factor', 'facilitate'].flatMap((r) => [`refusal.${r}.title`, `refusal.${r}.body`]),
      ...['not-found', 'error'].flatMap((s) => [`page.problem.${s}`, `page.problem.${s}Body`]),
      ...['openClosed', 'format', 'communities', 'other'].map((g) => `types.groups.${g}`),
    ];
    expect(wanted.filter((k) => !english.has(k))).toEqual([]);
  });

  it('copy the API’s vocabularies and limits exactly (the web does not load zod)', () => {
    expect([...APPROACHES]).toEqual([...GROUP_APPROACHES]);
    expect([...SECTION_KINDS]).toEqual(formatSectionSchema.shape.kind.options);
    for (const [k, v] of Object.entries(GROUP_FORM_LIMITS)) expect(v, k).toBe(GROUP_LIMITS[k as keyof typeof GROUP_LIMITS]);
    const { sectionTitleMax, readingMax, ...live } = LIVE_FORM_LIMITS;
    for (const [k, v] of Object.entries(live)) expect(v, k).toBe(LIVE_LIMITS[k as keyof typeof LIVE_LIMITS]);
    expect(sectionTitleMax).toBe(formatSectionSchema.shape.title.maxLength);
    expect(readingMax).toBe(formatSectionSchema.shape.text.unwrap().maxLength);
  });
});
