import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiscreet } from '../../lib/discreet.js';

/** The text of the downloaded file: the codes and how to use them, nothing else about the account. */
export function recoveryCodesText(codes: readonly string[], intro: string): string {
  return `${intro}\n\n${codes.join('\n')}\n`;
}

/**
 * The recovery codes, shown this once: a list, "Copy", "Download as .txt", a plain warning, and a required "I have
 * saved these codes" before going on. Focus moves to the heading so the change is announced.
 */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const discreet = useDiscreet();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => heading.current?.focus(), []);

  const text = recoveryCodesText(codes, t('auth.codes.fileIntro'));

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('auth.codes.copied'));
    } catch {
      setStatus(t('auth.codes.copyFailed'));
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    // A neutral name in discreet mode: a file list is seen at a glance too.
    a.download = discreet ? 'recovery-codes.txt' : 'kinship-recovery-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(t('auth.codes.downloaded'));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!saved) {
      setError(t('auth.codes.confirmNeeded'));
      document.getElementById(`${id}-saved`)?.focus();
      return;
    }
    onDone();
  };

  return (
    <section className="auth-page recovery-codes" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('auth.codes.title')}
      </h1>
      <p className="warning-box">
        <strong>{t('auth.codes.warningLead')}</strong> {t('auth.codes.warning')}
      </p>
      <p>{t('auth.codes.explain')}</p>
      <ol className="code-list" aria-label={t('auth.codes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p className="actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('auth.codes.copy')}
        </button>
        <button type="button" className="button secondary" onClick={download}>
          {t('auth.codes.download')}
        </button>
      </p>
      <p role="status" className="auth-status">
        {status}
      </p>
      <form noValidate onSubmit={submit}>
        <div className={`field check-field${error ? ' field-invalid' : ''}`}>
          <input
            id={`${id}-saved`}
            type="checkbox"
            checked={saved}
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setSaved(e.target.checked);
              if (e.target.checked) setError('');
            }}
          />
          <label htmlFor={`${id}-saved`}>{t('auth.codes.confirm')}</label>
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button">
          {t('auth.codes.continue')}
        </button>
      </form>
    </section>
  );
}
