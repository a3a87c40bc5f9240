import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { SessionState } from '../../lib/account-api.js';
import { signIn, type SecondFactorMethod } from '../../lib/auth-api.js';
import { AUTH_LIMITS } from '../../lib/auth-limits.js';
import { safeNextPath } from '../../lib/next-path.js';
import { useSession } from '../../lib/session.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { formErrorsFrom } from './form-errors.js';
import { ErrorSummary, PasswordField, TextField, useFieldIds, useFormErrors } from './form-parts.js';
import { passkeyFormErrors, passkeysSupported, signInWithPasskey } from './passkey.js';
import { SecondFactorStep } from './second-factor-step.js';
import { useEmailReset } from './use-email-reset.js';
import './auth.css';

/**
 * `/sign-in`: handle and password, or a passkey without either; then the second step when the account has one.
 * Afterwards, back to the page named by `?next=` when it is on this site (never another: see next-path.ts), else
 * the account page.
 */
export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signIn.title'));
  const { state, setState } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const ids = useFieldIds(['handle', 'password'] as const);
  const { errors, fail, attempt, summaryRef } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<{ challenge: string; methods: SecondFactorMethod[] } | null>(null);
  const emailReset = useEmailReset();
  const next = safeNextPath(params.get('next'));
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;

  const done = (session: SessionState) => {
    setState(session);
    void navigate(next, { replace: true });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fields: Record<string, string> = {};
    if (!handle.trim()) fields.handle = t('auth.errors.handleRequired');
    if (!password) fields.password = t('auth.errors.passwordRequired');
    if (Object.keys(fields).length > 0) return fail({ fields });
    setBusy(true);
    try {
      const answer = await signIn(handle.trim(), password);
      if (answer.status === 'second_factor') {
        setPassword('');
        setStep({ challenge: answer.challenge, methods: answer.methods });
      } else {
        const { account, csrf_token, second_factor } = answer;
        done({ account, csrf_token, second_factor });
      }
    } catch (err) {
      fail(formErrorsFrom(err, t, { unauthorized: t('auth.errors.wrongPassword') }));
    } finally {
      setBusy(false);
    }
  };

  const withPasskey = async () => {
    if (busy) return;
    setBusy(true);
    try {
      done(await signInWithPasskey());
    } catch (err) {
      fail(passkeyFormErrors(err, t));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep(null);
    // Back to the form, ready for the password again (the handle is kept).
    requestAnimationFrame(() => document.getElementById(ids.password)?.focus());
  };

  if (step) {
    return (
      <div className="auth-page">
        <SecondFactorStep challenge={step.challenge} methods={step.methods} onSignedIn={done} onRestart={restart} />
      </div>
    );
  }

  const account = state?.account;
  return (
    <div className="auth-page">
      <h1>{t('auth.signIn.title')}</h1>
      <p role="status" className="auth-status">
        {signedOut && !account ? t('auth.signIn.signedOut') : ''}
      </p>
      {account ? (
        <p>
          {t('auth.signIn.already', { handle: account.handle })} <Link to={next}>{t('auth.signIn.continue')}</Link>
        </p>
      ) : (
        <>
          <ErrorSummary
            errors={errors}
            ids={ids}
            labels={{ handle: t('auth.fields.handle'), password: t('auth.fields.password') }}
            attempt={attempt}
            summaryRef={summaryRef}
          />
          <form noValidate onSubmit={(e) => void submit(e)} className="auth-form">
            <TextField
              id={ids.handle}
              label={t('auth.fields.handle')}
              error={errors.fields.handle}
              name="handle"
              autoComplete="username"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              maxLength={AUTH_LIMITS.handleMax}
              value={handle}
              onChange={(e) => setHandle(e.target.value)}
            />
            <PasswordField
              id={ids.password}
              label={t('auth.fields.password')}
              error={errors.fields.password}
              name="password"
              autoComplete="current-password"
              maxLength={AUTH_LIMITS.passwordMax}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? t('auth.signIn.working') : t('auth.signIn.submit')}
            </button>
          </form>
          {passkeysSupported() && (
            <div className="auth-passkey">
              <p>{t('auth.signIn.passkeyIntro')}</p>
              <button type="button" className="button secondary" onClick={() => void withPasskey()}>
                {t('auth.signIn.passkey')}
              </button>
            </div>
          )}
          <h2 className="auth-subhead">{t('auth.signIn.troubleTitle')}</h2>
          <ul className="auth-links">
            <li>
              <Link to="/recover">{t('auth.signIn.useRecovery')}</Link>
            </li>
            {emailReset === true && (
              <li>
                <Link to="/forgot">{t('auth.signIn.forgot')}</Link>
              </li>
            )}
            <li>
              <Link to={`/sign-up${params.get('next') ? `?${new URLSearchParams({ next }).toString()}` : ''}`}>
                {t('auth.signIn.noAccount')}
              </Link>
            </li>
          </ul>
        </>
      )}
    </div>
  );
}
