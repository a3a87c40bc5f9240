import type { TFunction } from 'i18next';
import { passwordReason } from '../../lib/password-reason.js';
import { ApiError } from '../../lib/account-api.js';

export type FieldErrors = Record<string, string>;

export interface Problem {
  summary: string;
  fields: FieldErrors;
}

/** Reads an API failure as a sentence for the summary, plus messages for the fields the server named. */
export function describeApiError(err: unknown, t: TFunction): Problem {
  if (!(err instanceof ApiError)) return { summary: t('account.errors.server'), fields: {} };
  const fields: FieldErrors = {};
  for (const d of Array.isArray(err.details) ? (err.details as { field?: string; message?: string; code?: string }[]) : []) {
    const name = d.field?.split('.').pop();
    if (!name) continue;
    // "is not right" is the server's word for a wrong password or code; a password-strength reason comes as a key
    // worded here; other messages are the server's own, shown as given.
    const reason = passwordReason(d.code, (key) => t(key));
    fields[name] =
      d.message === 'is not right'
        ? t('account.errors.notRight')
        : reason
          ? t('auth.errors.passwordReason', { reason })
          : (d.message ?? t('account.errors.invalid'));
  }
  const count = Object.keys(fields).length;
  if (err.status === 0) return { summary: t('account.errors.network'), fields };
  if (err.status === 429) {
    const seconds = err.retryAfter ?? 60;
    return {
      summary:
        seconds < 90
          ? t('account.errors.rateLimitedSeconds', { count: seconds })
          : t('account.errors.rateLimitedMinutes', { count: Math.ceil(seconds / 60) }),
      fields,
    };
  }
  if (err.status === 401) return { summary: t('account.errors.signedOut'), fields };
  if (err.code === 'second_factor_required') return { summary: t('account.errors.secondFactor'), fields };
  if (err.status === 403) return { summary: t('account.errors.forbidden'), fields };
  if (err.status === 404) return { summary: t('account.errors.notFound'), fields };
  if (err.status === 409) return { summary: t('account.errors.conflict', { message: err.message }), fields };
  if (err.status === 400 && count > 0) return { summary: t('account.errors.checkFields', { count }), fields };
  if (err.status === 400) return { summary: t('account.errors.badRequest', { message: err.message }), fields };
  return { summary: t('account.errors.server'), fields };
}
