import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../lib/account-api.js';
import { completeSecondFactor, type SecondFactorMethod } from '../../lib/auth-api.js';
import { AUTH_LIMITS } from '../../lib/auth-limits.js';
import { formErrorsFrom } from './form-errors.js';
import { ErrorSummary, TextField, useFieldIds, useFormErrors } from './form-parts.js';
import { passkeyFormErrors, passkeysSupported, signInWithPasskey } from './passkey.js';

/**
 * The second step of signing in (after a password, or a reset link): a code from the authenticator app, a recovery
 * code instead, or the account's passkey. Focus starts on the heading, so the new step is announced.
 */
export function SecondFactorStep({
  challenge,
  methods,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  methods: readonly SecondFactorMethod[];
  onSignedIn: (state: SessionState) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const ids = useFieldIds(['code'] as const);
  const { errors, fail, attempt, summaryRef } = useFormErrors();
  const [useRecovery, setUseRecovery] = useState(!methods.includes('totp'));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<string | null>(null);
  const passkey = methods.includes('passkey') && passkeysSupported();

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    // After switching between app code and recovery code, the field is the one to type into.
    if (input.current) document.getElementById(input.current)?.focus();
  }, [useRecovery]);

  const label = useRecovery ? t('auth.second.recoveryLabel') : t('auth.second.codeLabel');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const value = useRecovery ? code.trim() : code.replace(/\s/g, '');
    if (!value) return fail({ fields: { code: t('auth.errors.codeRequired') } });
    if (!useRecovery && !/^\d{6}$/.test(value)) return fail({ fields: { code: t('auth.errors.codeDigits') } });
    setBusy(true);
    try {
      onSignedIn(await completeSecondFactor(challenge, value));
    } catch (err) {
      setCode('');
      fail(formErrorsFrom(err, t, { unauthorized: t('auth.errors.codeWrong') }));
    } finally {
      setBusy(false);
    }
  };

  const withPasskey = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onSignedIn(await signInWithPasskey(challenge));
    } catch (err) {
      fail(passkeyFormErrors(err, t));
    } finally {
      setBusy(false);
    }
  };

  const switchMethod = () => {
    input.current = ids.code;
    setCode('');
    setUseRecovery((r) => !r);
  };

  return (
    <section className="auth-step" aria-labelledby={`${ids.form}-title`}>
      <h1 id={`${ids.form}-title`} ref={heading} tabIndex={-1}>
        {t('auth.second.title')}
      </h1>
      <p className="lead">{useRecovery ? t('auth.second.recoveryIntro') : t('auth.second.codeIntro')}</p>
      <ErrorSummary errors={errors} ids={ids} labels={{ code: label }} attempt={attempt} summaryRef={summaryRef} />
      <form noValidate onSubmit={(e) => void submit(e)} className="auth-form">
        {useRecovery ? (
          <TextField
            key="recovery"
            id={ids.code}
            label={label}
            hint={t('auth.second.recoveryHint')}
            error={errors.fields.code}
            name="recovery_code"
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={AUTH_LIMITS.recoveryCode}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        ) : (
          <TextField
            key="totp"
            id={ids.code}
            label={label}
            hint={t('auth.second.codeHint')}
            error={errors.fields.code}
            name="one_time_code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={AUTH_LIMITS.otp}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? t('auth.signIn.working') : t('auth.second.submit')}
        </button>
      </form>
      <div className="auth-alt">
        {methods.includes('totp') && (
          <p>
            <button type="button" className="link-button" onClick={switchMethod}>
              {useRecovery ? t('auth.second.useApp') : t('auth.second.useRecovery')}
            </button>
          </p>
        )}
        {passkey && (
          <p>
            <button type="button" className="button secondary" onClick={() => void withPasskey()}>
              {t('auth.second.usePasskey')}
            </button>
          </p>
        )}
        <p>
          <button type="button" className="link-button" onClick={onRestart}>
            {t('auth.second.restart')}
          </button>
        </p>
      </div>
    </section>
  );
}
