import { ApiError } from '../../lib/account-api.js';
import { passwordReason } from '../../lib/password-reason.js';

/** What went wrong with a form: a general message and messages per field (by the form's field name). */
export interface FormErrors {
  summary?: string;
  fields: Record<string, string>;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ErrorWording {
  /** What a 401 means on this form ("That handle and password do not match."). */
  unauthorized?: string;
  /** What a 409 means, and on which field ("That handle is taken."). */
  conflict?: { field: string; message: string };
}

/** Fields whose server message is a password-strength reason (zxcvbn's, in English). */
const PASSWORD_FIELDS = new Set(['password', 'new_password']);

/**
 * Turns a failed request into what the form shows. The server's codes are stable and its messages are English, so
 * every known case is worded here in the page's language; a password-strength reason (the server's own, from its
 * offline check) is kept after our words because it says what to change.
 */
export function formErrorsFrom(err: unknown, t: Translate, wording: ErrorWording = {}): FormErrors {
  if (!(err instanceof ApiError)) return { summary: t('auth.errors.generic'), fields: {} };
  if (err.status === 0) return { summary: t('auth.errors.network'), fields: {} };
  if (err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
    return { summary: t('auth.errors.throttled', { count: minutes }), fields: {} };
  }
  if (err.code === 'validation_failed' && Array.isArray(err.details)) {
    const fields: Record<string, string> = {};
    for (const detail of err.details as { field?: unknown; message?: unknown; code?: unknown }[]) {
      const name = typeof detail.field === 'string' ? detail.field.replace(/^body\./, '') : '';
      const message = typeof detail.message === 'string' ? detail.message : '';
      if (!name || fields[name]) continue;
      const reason = passwordReason(detail.code, t);
      fields[name] = PASSWORD_FIELDS.has(name)
        ? reason
          ? t('auth.errors.passwordReason', { reason })
          : t('auth.errors.passwordRejected', { reason: message })
        : t('auth.errors.fieldRejected', { reason: message });
    }
    if (Object.keys(fields).length > 0) return { fields };
  }
  if (err.status === 401 && wording.unauthorized) return { summary: wording.unauthorized, fields: {} };
  if (err.status === 409 && wording.conflict) return { fields: { [wording.conflict.field]: wording.conflict.message } };
  if (err.code === 'csrf_failed') return { summary: t('auth.errors.csrf'), fields: {} };
  return { summary: t('auth.errors.generic'), fields: {} };
}

/** Whether there is anything to show. */
export const hasErrors = (errors: FormErrors) => Boolean(errors.summary) || Object.keys(errors.fields).length > 0;
