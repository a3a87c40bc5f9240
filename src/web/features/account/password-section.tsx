import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../lib/account-settings-api.js';
import { BusyButton, ErrorSummary, Field, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';
import { Section } from './section.js';

const MIN = 12; // ACCOUNT_LIMITS.passwordMin
const MAX = 256; // ACCOUNT_LIMITS.passwordMax

/** Change the password: every other session ends, this one carries on (the server sends a new cookie and token). */
export function PasswordSection() {
  const { t } = useTranslation();
  const { setState } = useAccount();
  const id = useId();
  const form = useFormRun();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [status, setStatus] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    const fields: Record<string, string> = {};
    if (!current) fields.current_password = t('account.password.currentMissing');
    if (next.length < MIN) fields.new_password = t('account.password.tooShort', { count: MIN });
    if (Object.keys(fields).length > 0)
      return form.fail({ summary: t('account.errors.checkFields', { count: Object.keys(fields).length }), fields });
    const ok = await form.run(async () => setState(await changePassword(current, next)));
    if (ok) {
      setCurrent('');
      setNext('');
      setStatus(t('account.password.changed'));
    }
  };

  return (
    <Section title={t('account.password.title')}>
      <form noValidate aria-busy={form.busy} onSubmit={(e) => void submit(e)}>
        <ErrorSummary form={form} />
        <Field id={`${id}-current`} label={t('account.password.current')} error={form.problem?.fields.current_password}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              maxLength={MAX}
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${id}-new`}
          label={t('account.password.new')}
          hint={t('account.password.newHint', { count: MIN })}
          error={form.problem?.fields.new_password}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              minLength={MIN}
              maxLength={MAX}
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <p className="actions">
          <BusyButton busy={form.busy} label={t('account.password.submit')} busyLabel={t('account.saving')} />
        </p>
        <p role="status" className="account-status">
          {status}
        </p>
      </form>
    </Section>
  );
}
