import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies `text` to the clipboard and says so in a polite status next to the button. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('account.copied'));
    } catch {
      setStatus(t('account.copyFailed'));
    }
  };
  return (
    <span className="account-copy">
      <button type="button" className="button secondary form-button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="account-status">
        {status}
      </span>
    </span>
  );
}
