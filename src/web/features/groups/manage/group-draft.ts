import type { TFunction } from 'i18next';
import { deviceTimeZone } from '../../../lib/account-format.js';
import { GROUP_FORM_LIMITS, type Approach, type GroupFields, type GroupPage, type Visibility } from '../api.js';
import type { Problem } from '../../../components/ui/form-kit.js';

/** The group form as typed: text as entered, the retention as a choice plus days. */
export interface GroupDraft {
  name: string;
  description: string;
  approach: Approach;
  fellowship: string;
  language: string;
  time_zone: string;
  code_of_conduct: string;
  visibility: Visibility;
  keep: 'end' | 'days';
  days: string;
  types: string[];
  slow: number;
}

/** A new group's form: the browser's zone, the page's language, a suggested code of conduct to edit. */
export function newDraft(t: TFunction, language: string): GroupDraft {
  return {
    name: '',
    description: '',
    approach: 'open',
    fellowship: '',
    language: language.split('-')[0] ?? 'en',
    time_zone: deviceTimeZone() ?? 'UTC',
    code_of_conduct: t('groups.form.defaultConduct'),
    visibility: 'public',
    keep: 'end',
    days: '30',
    types: [],
    slow: 0,
  };
}

export function draftOf(g: GroupPage): GroupDraft {
  return {
    name: g.name,
    description: g.description,
    approach: g.approach,
    fellowship: g.fellowship ?? '',
    language: g.language,
    time_zone: g.time_zone,
    code_of_conduct: g.code_of_conduct,
    visibility: g.visibility,
    keep: g.chat_retention_days === null ? 'end' : 'days',
    days: String(g.chat_retention_days ?? 30),
    types: g.types,
    slow: 0,
  };
}

/** The request's fields, or the problems found before sending (named as the server names them). */
export function fieldsOf(d: GroupDraft, t: TFunction): GroupFields | Problem {
  const fields: Record<string, string> = {};
  const L = GROUP_FORM_LIMITS;
  if (d.name.trim().length < L.nameMin) fields.name = t('groups.form.errors.name', { min: L.nameMin });
  if (!d.description.trim()) fields.description = t('groups.form.errors.required');
  if (!d.code_of_conduct.trim()) fields.code_of_conduct = t('groups.form.errors.required');
  if (!d.time_zone.trim()) fields.time_zone = t('groups.form.errors.required');
  const days = Number(d.days);
  if (d.keep === 'days' && !(Number.isInteger(days) && days >= L.retentionMinDays && days <= L.retentionMaxDays))
    fields.chat_retention_days = t('groups.form.errors.days', { min: L.retentionMinDays, max: L.retentionMaxDays });
  if (d.types.length > L.typesMax) fields.types = t('groups.form.errors.types', { max: L.typesMax });
  const count = Object.keys(fields).length;
  if (count > 0) return { summary: t('account.errors.checkFields', { count }), fields };
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    approach: d.approach,
    fellowship: d.fellowship.trim() || null,
    language: d.language,
    time_zone: d.time_zone.trim(),
    code_of_conduct: d.code_of_conduct.trim(),
    visibility: d.visibility,
    chat_retention_days: d.keep === 'end' ? null : days,
    types: d.types,
  };
}

export const isProblem = (x: GroupFields | Problem): x is Problem => 'summary' in x;
