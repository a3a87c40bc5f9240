import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { requestPasswordReset } from '../../lib/auth-api.js';
import { AUTH_LIMITS, emailProblem } from '../../lib/auth-limits.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { formErrorsFrom } from './form-errors.js';
import { ErrorSummary, TextField, useFieldIds, useFormErrors } from './form-parts.js';
import { useEmailReset } from './use-email-reset.js';
import './auth.css';

/**
 * `/forgot`: a reset link by e-mail, where the installation sends e-mail. The answer is the same whether or not an
 * account has the address, so the page never tells anyone who is a member. Recovery codes are always offered.
 */
export function ForgotPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgot.title'));
  const available = useEmailReset();
  const ids = useFieldIds(['email'] as const);
  const { errors, fail, attempt, summaryRef } = useFormErrors();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const value = email.trim();
    const problem = value ? emailProblem(value) : 'emailRequired';
    if (problem) return fail({ fields: { email: t(`auth.errors.${problem}`) } });
    setBusy(true);
    try {
      await requestPasswordReset(value);
      setSent(true);
    } catch (err) {
      fail(formErrorsFrom(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <h1>{t('auth.forgot.title')}</h1>
      {sent ? (
        <>
          <h2 ref={sentRef} tabIndex={-1}>
            {t('auth.forgot.sentTitle')}
          </h2>
          <p>{t('auth.forgot.sent')}</p>
        </>
      ) : available === false ? (
        <p>{t('auth.forgot.unavailable')}</p>
      ) : available === true ? (
        <>
          <p className="lead">{t('auth.forgot.intro')}</p>
          <ErrorSummary
            errors={errors}
            ids={ids}
            labels={{ email: t('auth.fields.email') }}
            attempt={attempt}
            summaryRef={summaryRef}
          />
          <form noValidate onSubmit={(e) => void submit(e)} className="auth-form">
            <TextField
              id={ids.email}
              label={t('auth.fields.email')}
              error={errors.fields.email}
              name="email"
              type="email"
              autoComplete="email"
              maxLength={AUTH_LIMITS.email}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? t('auth.forgot.working') : t('auth.forgot.submit')}
            </button>
          </form>
        </>
      ) : null}
      <ul className="auth-links">
        <li>
          <Link to="/recover">{t('auth.forgot.useRecovery')}</Link>
        </li>
        <li>
          <Link to="/sign-in">{t('auth.recover.backToSignIn')}</Link>
        </li>
      </ul>
    </div>
  );
}
