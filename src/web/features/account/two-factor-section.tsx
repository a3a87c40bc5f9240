import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { beginTotpSetup, disableTotp, enableTotp, type TotpSetup } from '../../lib/account-settings-api.js';
import { BusyButton, ErrorSummary, SubmitOrCancel, Field, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';
import { Section } from './section.js';
import { QrCode } from './qr-code.js';
import { CopyButton } from './copy-button.js';
import { RecoveryCodes } from './recovery-codes.js';
import { PasskeysPart } from './passkeys-part.js';

/** The authenticator app (TOTP), passkeys and recovery codes; members with a role are told they need one of them. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const { account } = useAccount();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Pages that need a second factor (starting a group, facilitating) link here: start the reader at this part.
  const hasAccount = Boolean(account);
  useEffect(() => {
    if (hasAccount && window.location.hash === '#two-factor') headingRef.current?.focus();
  }, [hasAccount]);
  if (!account) return null;
  const privileged = account.roles.length > 0;
  return (
    <Section title={t('account.twoFactor.title')} headingRef={headingRef} anchor="two-factor">
      <p>{t('account.twoFactor.intro')}</p>
      {privileged && (
        <p className="callout account-required">
          {t('account.twoFactor.required', {
            roles: account.roles.map((r) => t(`account.roles.${r.role}`)).join(', '),
          })}
        </p>
      )}
      <TotpPart headingRef={headingRef} />
      <PasskeysPart />
      <RecoveryCodes />
    </Section>
  );
}

function TotpPart({ headingRef }: { headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const { account, applyAccount, setState } = useAccount();
  const id = useId();
  const form = useFormRun();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [turningOff, setTurningOff] = useState(false);
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState('');
  const partRef = useRef<HTMLHeadingElement>(null);
  // The set-up replaces the button that had focus: the reader starts at its steps.
  useEffect(() => {
    if (setup) document.getElementById(`${id}-steps`)?.focus();
  }, [setup, id]);
  if (!account) return null;
  const on = account.two_factor.totp;

  const start = async () => {
    setStatus('');
    await form.run(async () => setSetup(await beginTotpSetup()));
  };

  const enable = async (e: FormEvent) => {
    e.preventDefault();
    if (!setup) return;
    if (!/^\d{6}$/.test(code.replace(/\s/g, '')))
      return form.fail({
        summary: t('account.errors.checkFields', { count: 1 }),
        fields: { code: t('account.twoFactor.codeFormat') },
      });
    const ok = await form.run(async () => setState(await enableTotp(setup.challenge, code.replace(/\s/g, ''))));
    if (ok) {
      setSetup(null);
      setCode('');
      setStatus(t('account.twoFactor.enabled'));
      partRef.current?.focus();
    }
  };

  const disable = async (e: FormEvent) => {
    e.preventDefault();
    if (!password)
      return form.fail({
        summary: t('account.errors.checkFields', { count: 1 }),
        fields: { password: t('account.password.currentMissing') },
      });
    const ok = await form.run(async () => applyAccount(await disableTotp(password)));
    if (ok) {
      setTurningOff(false);
      setPassword('');
      setStatus(t('account.twoFactor.disabled'));
      partRef.current?.focus();
    }
  };

  return (
    <div className="account-part">
      <h3 ref={partRef} tabIndex={-1}>
        {t('account.twoFactor.appTitle')}
      </h3>
      <p>{on ? t('account.twoFactor.appOn') : t('account.twoFactor.appOff')}</p>
      <ErrorSummary form={form} />
      <p role="status" className="account-status">
        {status}
      </p>
      {!on && !setup && (
        <p className="actions">
          <BusyButton
            type="button"
            busy={form.busy}
            label={t('account.twoFactor.setUp')}
            busyLabel={t('account.working')}
            onClick={() => void start()}
          />
        </p>
      )}
      {!on && setup && (
        <form noValidate aria-busy={form.busy} onSubmit={(e) => void enable(e)}>
          <ol id={`${id}-steps`} tabIndex={-1} className="account-steps">
            <li>
              <p>{t('account.twoFactor.step1')}</p>
              <QrCode rows={setup.qr.rows} label={t('account.twoFactor.qrLabel')} />
              <p>
                <a href={setup.uri}>{t('account.twoFactor.openApp')}</a>
              </p>
            </li>
            <li>
              <p id={`${id}-secret-label`}>{t('account.twoFactor.step2')}</p>
              <p>
                <code className="account-secret" aria-labelledby={`${id}-secret-label`}>
                  {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
                </code>
              </p>
              <CopyButton text={setup.secret} label={t('account.twoFactor.copySecret')} />
            </li>
            <li>
              <Field
                id={`${id}-code`}
                label={t('account.twoFactor.code')}
                hint={t('account.twoFactor.codeHint')}
                error={form.problem?.fields.code}
              >
                {(props) => (
                  <input
                    {...props}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={8}
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                  />
                )}
              </Field>
            </li>
          </ol>
          <SubmitOrCancel
            busy={form.busy}
            label={t('account.twoFactor.turnOn')}
            busyLabel={t('account.working')}
            cancelLabel={t('account.cancel')}
            onCancel={() => {
              setSetup(null);
              form.clear();
              headingRef.current?.focus();
            }}
          />
        </form>
      )}
      {on && !turningOff && (
        <p className="actions">
          <button type="button" className="button secondary form-button" onClick={() => setTurningOff(true)}>
            {t('account.twoFactor.turnOff')}
          </button>
        </p>
      )}
      {on && turningOff && (
        <form noValidate aria-busy={form.busy} onSubmit={(e) => void disable(e)}>
          <Field id={`${id}-password`} label={t('account.twoFactor.passwordToTurnOff')} error={form.problem?.fields.password}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                // Opened by the member's own button press: starting here saves a Tab.
                autoFocus
              />
            )}
          </Field>
          <SubmitOrCancel
            busy={form.busy}
            label={t('account.twoFactor.turnOffConfirm')}
            busyLabel={t('account.working')}
            variant="danger"
            cancelLabel={t('account.cancel')}
            onCancel={() => {
              setTurningOff(false);
              form.clear();
              partRef.current?.focus();
            }}
          />
        </form>
      )}
    </div>
  );
}
