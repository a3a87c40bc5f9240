import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { newRecoveryCodes } from '../../lib/account-settings-api.js';
import { ErrorSummary, Field, SubmitOrCancel, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';
import { CopyButton } from './copy-button.js';

/** Saves `text` as a file on the device; nothing is sent anywhere. */
function downloadText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** How many recovery codes are left, and a new set (needs the password), shown once with copy and download. */
export function RecoveryCodes() {
  const { t } = useTranslation();
  const { account, refresh } = useAccount();
  const id = useId();
  const form = useFormRun();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const shownRef = useRef<HTMLDivElement>(null);
  const partRef = useRef<HTMLHeadingElement>(null);
  // New codes replace the form that had focus: the reader starts at them.
  useEffect(() => {
    if (codes) shownRef.current?.focus();
  }, [codes]);
  if (!account) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password)
      return form.fail({
        summary: t('account.errors.checkFields', { count: 1 }),
        fields: { password: t('account.password.currentMissing') },
      });
    const ok = await form.run(async () => setCodes((await newRecoveryCodes(password)).recovery_codes));
    if (ok) {
      setAsking(false);
      setPassword('');
      void refresh();
    }
  };

  const text = codes ? `${t('account.recovery.fileHeading', { handle: account.handle })}\n\n${codes.join('\n')}\n` : '';

  return (
    <div className="account-part">
      <h3 ref={partRef} tabIndex={-1}>
        {t('account.recovery.title')}
      </h3>
      <p>{t('account.recovery.intro')}</p>
      <p>{t('account.recovery.left', { count: account.recovery_codes_left })}</p>
      <ErrorSummary form={form} />
      {codes && (
        <div ref={shownRef} tabIndex={-1} className="account-codes callout" aria-labelledby={`${id}-codes-title`} role="region">
          <h4 id={`${id}-codes-title`}>{t('account.recovery.newTitle')}</h4>
          <p>
            <strong>{t('account.recovery.warning')}</strong>
          </p>
          <ul className="account-code-list">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <p className="actions">
            <CopyButton text={codes.join('\n')} label={t('account.recovery.copy')} />
            <button
              type="button"
              className="button secondary form-button"
              onClick={() => downloadText(`kinship-recovery-codes-${account.handle}.txt`, text)}
            >
              {t('account.recovery.download')}
            </button>
            <button
              type="button"
              className="button form-button"
              onClick={() => {
                setCodes(null);
                partRef.current?.focus();
              }}
            >
              {t('account.recovery.done')}
            </button>
          </p>
        </div>
      )}
      {!codes && !asking && (
        <p className="actions">
          <button type="button" className="button secondary form-button" onClick={() => setAsking(true)}>
            {t('account.recovery.make')}
          </button>
        </p>
      )}
      {asking && (
        <form noValidate aria-busy={form.busy} onSubmit={(e) => void submit(e)}>
          <p>{t('account.recovery.replaceNote')}</p>
          <Field id={`${id}-password`} label={t('account.recovery.password')} error={form.problem?.fields.password}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <SubmitOrCancel
            busy={form.busy}
            label={t('account.recovery.makeConfirm')}
            busyLabel={t('account.working')}
            cancelLabel={t('account.cancel')}
            onCancel={() => {
              setAsking(false);
              form.clear();
              partRef.current?.focus();
            }}
          />
        </form>
      )}
    </div>
  );
}
