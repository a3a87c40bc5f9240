import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AUTH_LIMITS, browserTimeZone, emailProblem, handleProblem, newPasswordProblem } from '../../lib/auth-limits.js';
import { signUp } from '../../lib/auth-api.js';
import { safeNextPath } from '../../lib/next-path.js';
import { useSession } from '../../lib/session.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { formErrorsFrom, type FormErrors } from './form-errors.js';
import { ErrorSummary, PasswordField, TextField, useFieldIds, useFormErrors } from './form-parts.js';
import { RecoveryCodes } from './recovery-codes.js';
import './auth.css';

const FIELDS = ['handle', 'password', 'email', 'language', 'time_zone', 'accept_guidelines'] as const;

/** The account languages the server takes; the page's own when it is one of them. */
const accountLanguage = (code: string | undefined): 'en' | 'es' => (code === 'es' ? 'es' : 'en');

/** Every IANA zone the browser knows, for the time-zone choice; the browser's own is chosen already. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * `/sign-up`: a nickname and a password, an optional e-mail for password resets only, and the guidelines. Then the
 * recovery codes, shown once, before going on. Checked here first (the shared limits) so most mistakes need no
 * round trip; the server's answers (a taken handle, a guessable password, too many sign-ups) land on the same fields.
 */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('auth.signUp.title'));
  const { state, setState } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ids = useFieldIds(FIELDS);
  const { errors, fail, clear, attempt, summaryRef } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [zones] = useState(timeZones);
  const [form, setForm] = useState(() => ({
    handle: '',
    password: '',
    email: '',
    accept: false,
    language: accountLanguage(i18n.resolvedLanguage),
    timeZone: browserTimeZone() ?? '',
  }));
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));

  const labels = {
    handle: t('auth.fields.handle'),
    password: t('auth.fields.password'),
    email: t('auth.fields.email'),
    language: t('auth.fields.language'),
    time_zone: t('auth.fields.timeZone'),
    accept_guidelines: t('auth.fields.guidelines'),
  };

  const check = (): FormErrors => {
    const fields: Record<string, string> = {};
    const handle = handleProblem(form.handle);
    if (handle) fields.handle = t(`auth.errors.${handle}`, { min: AUTH_LIMITS.handleMin, max: AUTH_LIMITS.handleMax });
    const password = newPasswordProblem(form.password);
    if (password) fields.password = t(`auth.errors.${password}`, { min: AUTH_LIMITS.passwordMin, max: AUTH_LIMITS.passwordMax });
    const email = emailProblem(form.email);
    if (email) fields.email = t(`auth.errors.${email}`);
    return { fields };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems = check();
    if (Object.keys(problems.fields).length > 0) return fail(problems);
    setBusy(true);
    try {
      const { recovery_codes, ...state } = await signUp({
        handle: form.handle.trim(),
        password: form.password,
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.accept ? { accept_guidelines: true } : {}),
        language: form.language,
        ...(form.timeZone ? { time_zone: form.timeZone } : {}),
      });
      clear();
      setState(state);
      setCodes(recovery_codes);
    } catch (err) {
      fail(
        formErrorsFrom(err, t, {
          conflict: { field: 'handle', message: t('auth.errors.handleTaken') },
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={() => void navigate(safeNextPath(params.get('next')))} />;

  return (
    <div className="auth-page">
      <h1>{t('auth.signUp.title')}</h1>
      <p className="lead">{t('auth.signUp.intro')}</p>
      {state?.account && (
        <p className="auth-status">
          {t('auth.signIn.already', { handle: state.account.handle })} <Link to="/account">{t('layout.account')}</Link>
        </p>
      )}
      <ErrorSummary errors={errors} ids={ids} labels={labels} attempt={attempt} summaryRef={summaryRef} />
      <form noValidate onSubmit={(e) => void submit(e)} className="auth-form" aria-describedby={`${ids.form}-privacy`}>
        <p id={`${ids.form}-privacy`} className="hint">
          {t('auth.signUp.privacy')}
        </p>
        <TextField
          id={ids.handle}
          label={labels.handle}
          hint={t('auth.signUp.handleHint', { min: AUTH_LIMITS.handleMin, max: AUTH_LIMITS.handleMax })}
          error={errors.fields.handle}
          name="handle"
          autoComplete="username"
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={AUTH_LIMITS.handleMax}
          value={form.handle}
          onChange={(e) => set('handle', e.target.value)}
        />
        <PasswordField
          id={ids.password}
          label={labels.password}
          hint={t('auth.signUp.passwordHint', { min: AUTH_LIMITS.passwordMin })}
          error={errors.fields.password}
          name="password"
          autoComplete="new-password"
          maxLength={AUTH_LIMITS.passwordMax}
          value={form.password}
          onChange={(e) => set('password', e.target.value)}
        />
        <TextField
          id={ids.email}
          label={labels.email}
          optional
          hint={t('auth.signUp.emailHint')}
          error={errors.fields.email}
          name="email"
          type="email"
          autoComplete="email"
          maxLength={AUTH_LIMITS.email}
          value={form.email}
          onChange={(e) => set('email', e.target.value)}
        />
        <div className="field">
          <label htmlFor={ids.language}>{labels.language}</label>
          <select id={ids.language} value={form.language} onChange={(e) => set('language', e.target.value as 'en' | 'es')}>
            <option value="en" lang="en">
              English
            </option>
            <option value="es" lang="es">
              Español
            </option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.time_zone}>{labels.time_zone}</label>
          <p id={`${ids.time_zone}-hint`} className="hint">
            {t('auth.signUp.timeZoneHint')}
          </p>
          <select
            id={ids.time_zone}
            aria-describedby={`${ids.time_zone}-hint`}
            value={form.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
          >
            <option value="">{t('auth.signUp.noTimeZone')}</option>
            {form.timeZone && !zones.includes(form.timeZone) && <option value={form.timeZone}>{form.timeZone}</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field check-field">
          <input
            id={ids.accept_guidelines}
            type="checkbox"
            checked={form.accept}
            onChange={(e) => set('accept', e.target.checked)}
            aria-describedby={`${ids.accept_guidelines}-hint`}
          />
          <label htmlFor={ids.accept_guidelines}>{t('auth.signUp.acceptGuidelines')}</label>
          <p id={`${ids.accept_guidelines}-hint`} className="hint">
            {t('auth.signUp.guidelinesHint')}{' '}
            <Link to="/guidelines" target="_blank" rel="noopener">
              {t('auth.signUp.readGuidelines')}
            </Link>
          </p>
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? t('auth.signUp.working') : t('auth.signUp.submit')}
        </button>
      </form>
      <p className="auth-alt">
        {t('auth.signUp.haveAccount')}{' '}
        <Link to={`/sign-in${params.get('next') ? `?${params.toString()}` : ''}`}>{t('auth.signIn.title')}</Link>
      </p>
    </div>
  );
}
