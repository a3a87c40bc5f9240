import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings } from '../../lib/account-settings-api.js';
import { formatMoment } from '../../lib/account-format.js';
import { BusyButton, ErrorSummary, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';

/** Whether the member accepted the community guidelines, which version and when; a button to accept them if not. */
export function GuidelinesFields() {
  const { t, i18n } = useTranslation();
  const { account, applyAccount } = useAccount();
  const form = useFormRun();
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  if (!account) return null;
  const accepted = account.guidelines;

  return (
    <div className="account-guidelines">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('account.guidelines.title')}
      </h3>
      <ErrorSummary form={form} />
      {accepted ? (
        <p>
          {t('account.guidelines.accepted', {
            version: accepted.version,
            date: formatMoment(accepted.accepted_at, i18n.language, account.time_zone),
          })}
        </p>
      ) : (
        <>
          <p>{t('account.guidelines.notAccepted')}</p>
          <p className="actions">
            <BusyButton
              type="button"
              busy={form.busy}
              label={t('account.guidelines.accept')}
              busyLabel={t('account.saving')}
              onClick={() =>
                void form
                  .run(async () => applyAccount(await updateSettings({ accept_guidelines: true })))
                  .then((ok) => {
                    if (!ok) return;
                    setStatus(t('account.guidelines.thanks'));
                    // The button is gone: keep focus here rather than lose it to the page's start.
                    headingRef.current?.focus();
                  })
              }
            />
          </p>
        </>
      )}
      <p role="status" className="account-status">
        {status}
      </p>
    </div>
  );
}
