import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, type Account, type SessionState } from '../../lib/account-api.js';
import { resetPassword, type SecondFactorMethod } from '../../lib/auth-api.js';
import { AUTH_LIMITS, newPasswordProblem } from '../../lib/auth-limits.js';
import { useSession } from '../../lib/session.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { formErrorsFrom } from './form-errors.js';
import { ErrorSummary, PasswordField, useFieldIds, useFormErrors } from './form-parts.js';
import { PasswordChanged } from './password-changed.js';
import { SecondFactorStep } from './second-factor-step.js';
import './auth.css';

/** The token of the e-mailed link, read once from the address. */
function tokenFromAddress(): string {
  return new URLSearchParams(window.location.search).get('token')?.slice(0, AUTH_LIMITS.token) ?? '';
}

/**
 * `/reset?token=…`: a new password with the e-mailed link. The token leaves the address bar as soon as it is read
 * (history, a shared screen, a screenshot), and lives only in this page's memory. The answer is sign-in's: an account
 * with a second factor is asked for it next.
 */
export function ResetPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.reset.title'));
  const { setState } = useSession();
  const navigate = useNavigate();
  const [token] = useState(tokenFromAddress);
  const ids = useFieldIds(['new_password'] as const);
  const { errors, fail, attempt, summaryRef } = useFormErrors();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<{ challenge: string; methods: SecondFactorMethod[] } | null>(null);
  const [done, setDone] = useState<Account | null>(null);

  useEffect(() => {
    // Through the router (a history.replaceState), so the app's location and the address bar agree.
    if (new URLSearchParams(window.location.search).has('token')) void navigate('/reset', { replace: true });
  }, [navigate]);

  const signedIn = (state: SessionState) => {
    setState(state);
    setStep(null);
    setDone(state.account);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem = newPasswordProblem(password);
    if (problem)
      return fail({
        fields: { new_password: t(`auth.errors.${problem}`, { min: AUTH_LIMITS.passwordMin, max: AUTH_LIMITS.passwordMax }) },
      });
    setBusy(true);
    try {
      const answer = await resetPassword(token, password);
      setPassword('');
      if (answer.status === 'second_factor') setStep({ challenge: answer.challenge, methods: answer.methods });
      else {
        const { account, csrf_token, second_factor } = answer;
        signedIn({ account, csrf_token, second_factor });
      }
    } catch (err) {
      // An expired, used or unknown link is `reset_token_invalid` (400); no field of the form can fix it.
      if (err instanceof ApiError && (err.code === 'reset_token_invalid' || err.status === 401))
        fail({ summary: t('auth.errors.resetExpired'), fields: {} });
      else fail(formErrorsFrom(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (done) return <PasswordChanged account={done} next="/account" />;
  if (step)
    return (
      <div className="auth-page">
        <SecondFactorStep
          challenge={step.challenge}
          methods={step.methods}
          onSignedIn={signedIn}
          onRestart={() => void navigate('/sign-in')}
        />
      </div>
    );

  return (
    <div className="auth-page">
      <h1>{t('auth.reset.title')}</h1>
      {!token ? (
        <p>{t('auth.reset.noToken')}</p>
      ) : (
        <>
          <p className="lead">{t('auth.reset.intro')}</p>
          <ErrorSummary
            errors={errors}
            ids={ids}
            labels={{ new_password: t('auth.fields.newPassword') }}
            attempt={attempt}
            summaryRef={summaryRef}
          />
          <form noValidate onSubmit={(e) => void submit(e)} className="auth-form">
            <PasswordField
              id={ids.new_password}
              label={t('auth.fields.newPassword')}
              hint={t('auth.signUp.passwordHint', { min: AUTH_LIMITS.passwordMin })}
              error={errors.fields.new_password}
              name="new_password"
              autoComplete="new-password"
              maxLength={AUTH_LIMITS.passwordMax}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? t('auth.recover.working') : t('auth.reset.submit')}
            </button>
          </form>
        </>
      )}
      <ul className="auth-links">
        <li>
          <Link to="/forgot">{t('auth.reset.newLink')}</Link>
        </li>
        <li>
          <Link to="/recover">{t('auth.forgot.useRecovery')}</Link>
        </li>
      </ul>
    </div>
  );
}
