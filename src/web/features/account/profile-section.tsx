import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings } from '../../lib/account-settings-api.js';
import { BusyButton, ErrorSummary, Field, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';

const EMAIL_MAX = 254; // ACCOUNT_LIMITS.email in src/shared/schemas/accounts.ts

/** The handle (fixed) and the optional e-mail address, used only to reset a forgotten password. */
export function ProfileFields() {
  const { t } = useTranslation();
  const { account, applyAccount } = useAccount();
  const id = useId();
  const form = useFormRun();
  const [email, setEmail] = useState(account?.email ?? '');
  const [status, setStatus] = useState('');
  if (!account) return null;

  const save = async (value: string | null) => {
    setStatus('');
    const trimmed = value?.trim() ?? null;
    if (trimmed !== null && !/^[^\s@]+@[^\s@]+$/.test(trimmed))
      return form.fail({
        summary: t('account.errors.checkFields', { count: 1 }),
        fields: { email: t('account.profile.emailInvalid') },
      });
    const ok = await form.run(async () => applyAccount(await updateSettings({ email: trimmed || null })));
    if (ok) {
      setEmail(trimmed ?? '');
      // "Remove" goes away with the address: focus returns to the field.
      if (!trimmed) document.getElementById(`${id}-email`)?.focus();
      setStatus(trimmed ? t('account.profile.emailSaved') : t('account.profile.emailRemoved'));
    }
  };

  return (
    <>
      <dl className="account-facts">
        <dt>{t('account.profile.handle')}</dt>
        <dd>{account.handle}</dd>
      </dl>
      <p className="form-hint">{t('account.profile.handleHint')}</p>
      <form
        noValidate
        aria-busy={form.busy}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save(email);
        }}
      >
        <ErrorSummary form={form} />
        <Field
          id={`${id}-email`}
          label={t('account.profile.email')}
          hint={t('account.profile.emailHint')}
          error={form.problem?.fields.email}
        >
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="email"
              maxLength={EMAIL_MAX}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <p className="actions">
          <BusyButton busy={form.busy} label={t('account.profile.saveEmail')} busyLabel={t('account.saving')} />
          {account.email && (
            <BusyButton
              type="button"
              variant="secondary"
              busy={form.busy}
              label={t('account.profile.removeEmail')}
              busyLabel={t('account.saving')}
              onClick={() => void save(null)}
            />
          )}
        </p>
        <p role="status" className="account-status">
          {status}
        </p>
      </form>
    </>
  );
}
