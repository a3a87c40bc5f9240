import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Account } from '../../lib/account-api.js';
import { recoverWithCode } from '../../lib/auth-api.js';
import { AUTH_LIMITS, newPasswordProblem } from '../../lib/auth-limits.js';
import { safeNextPath } from '../../lib/next-path.js';
import { useSession } from '../../lib/session.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { formErrorsFrom } from './form-errors.js';
import { ErrorSummary, PasswordField, TextField, useFieldIds, useFormErrors } from './form-parts.js';
import { PasswordChanged } from './password-changed.js';
import { useEmailReset } from './use-email-reset.js';
import './auth.css';

/**
 * `/recover`: for accounts without e-mail (most, by design). The handle, one recovery code and a new password set
 * the password, end every other session and sign in here.
 */
export function RecoverPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.recover.title'));
  const { setState } = useSession();
  const [params] = useSearchParams();
  const ids = useFieldIds(['handle', 'recovery_code', 'new_password'] as const);
  const { errors, fail, attempt, summaryRef } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ handle: '', code: '', password: '' });
  const [done, setDone] = useState<Account | null>(null);
  const emailReset = useEmailReset();

  const labels = {
    handle: t('auth.fields.handle'),
    recovery_code: t('auth.fields.recoveryCode'),
    new_password: t('auth.fields.newPassword'),
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!form.handle.trim()) fields.handle = t('auth.errors.handleRequired');
    if (!form.code.trim()) fields.recovery_code = t('auth.errors.codeRequired');
    const password = newPasswordProblem(form.password);
    if (password)
      fields.new_password = t(`auth.errors.${password}`, { min: AUTH_LIMITS.passwordMin, max: AUTH_LIMITS.passwordMax });
    if (Object.keys(fields).length > 0) return fail({ fields });
    setBusy(true);
    try {
      const state = await recoverWithCode({
        handle: form.handle.trim(),
        recovery_code: form.code.trim(),
        new_password: form.password,
      });
      setState(state);
      setDone(state.account);
    } catch (err) {
      fail(formErrorsFrom(err, t, { unauthorized: t('auth.errors.recoveryWrong') }));
    } finally {
      setBusy(false);
    }
  };

  if (done) return <PasswordChanged account={done} next={safeNextPath(params.get('next'))} />;

  return (
    <div className="auth-page">
      <h1>{t('auth.recover.title')}</h1>
      <p className="lead">{t('auth.recover.intro')}</p>
      <ErrorSummary errors={errors} ids={ids} labels={labels} attempt={attempt} summaryRef={summaryRef} />
      <form noValidate onSubmit={(e) => void submit(e)} className="auth-form">
        <TextField
          id={ids.handle}
          label={labels.handle}
          error={errors.fields.handle}
          name="handle"
          autoComplete="username"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={AUTH_LIMITS.handleMax}
          value={form.handle}
          onChange={(e) => setForm((f) => ({ ...f, handle: e.target.value }))}
        />
        <TextField
          id={ids.recovery_code}
          label={labels.recovery_code}
          hint={t('auth.recover.codeHint')}
          error={errors.fields.recovery_code}
          name="recovery_code"
          autoComplete="off"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={AUTH_LIMITS.recoveryCode}
          value={form.code}
          onChange={(e) => setForm((f) => ({ ...f, code: e.target.value }))}
        />
        <PasswordField
          id={ids.new_password}
          label={labels.new_password}
          hint={t('auth.signUp.passwordHint', { min: AUTH_LIMITS.passwordMin })}
          error={errors.fields.new_password}
          name="new_password"
          autoComplete="new-password"
          maxLength={AUTH_LIMITS.passwordMax}
          value={form.password}
          onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? t('auth.recover.working') : t('auth.recover.submit')}
        </button>
      </form>
      <ul className="auth-links">
        {emailReset === true && (
          <li>
            <Link to="/forgot">{t('auth.recover.byEmail')}</Link>
          </li>
        )}
        <li>
          <Link to="/sign-in">{t('auth.recover.backToSignIn')}</Link>
        </li>
      </ul>
    </div>
  );
}
