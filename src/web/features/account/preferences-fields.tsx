import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateSettings } from '../../lib/account-settings-api.js';
import { deviceTimeZone, formatMoment, timeZones } from '../../lib/account-format.js';
import { LANGUAGES } from '../../i18n/index.js';
import { BusyButton, ErrorSummary, Field, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';

/**
 * Language, time zone and discreet mode, saved together. A new language also switches this interface at once; the
 * time zone is the one times on the account pages are shown in.
 */
export function PreferencesFields() {
  const { t, i18n } = useTranslation();
  const { account, applyAccount } = useAccount();
  const id = useId();
  const form = useFormRun();
  const zones = useMemo(() => timeZones(), []);
  const device = deviceTimeZone();
  const [language, setLanguage] = useState<'en' | 'es'>(account?.language ?? 'en');
  const [zone, setZone] = useState(account?.time_zone ?? '');
  const [discreet, setDiscreet] = useState(account?.discreet ?? false);
  // Kept as a flag, not a text: saving may switch the language, and the message must follow it.
  const [saved, setSaved] = useState(false);
  if (!account) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ok = await form.run(async () => {
      const next = await updateSettings({ language, time_zone: zone || null, discreet });
      applyAccount(next);
      if (i18n.resolvedLanguage !== next.language) await i18n.changeLanguage(next.language);
    });
    setSaved(ok);
  };

  return (
    <form noValidate aria-busy={form.busy} onSubmit={(e) => void submit(e)}>
      <ErrorSummary form={form} />
      <Field id={`${id}-language`} label={t('account.preferences.language')} error={form.problem?.fields.language}>
        {(props) => (
          <select {...props} value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
            {LANGUAGES.filter((l) => l.code === 'en' || l.code === 'es').map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${id}-zone`}
        label={t('account.preferences.timeZone')}
        hint={t('account.preferences.timeZoneHint', { example: formatMoment(new Date().toISOString(), i18n.language, zone) })}
        error={form.problem?.fields.time_zone}
      >
        {(props) => (
          <select {...props} value={zone} onChange={(e) => setZone(e.target.value)}>
            <option value="">{t('account.preferences.zoneUnset')}</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      {device && device !== zone && zones.includes(device) && (
        <p>
          <button type="button" className="button secondary form-button" onClick={() => setZone(device)}>
            {t('account.preferences.useDevice', { zone: device.replace(/_/g, ' ') })}
          </button>
        </p>
      )}
      <div className="form-check">
        <input
          id={`${id}-discreet`}
          type="checkbox"
          checked={discreet}
          aria-describedby={`${id}-discreet-hint`}
          onChange={(e) => setDiscreet(e.target.checked)}
        />
        <label htmlFor={`${id}-discreet`}>{t('account.preferences.discreet')}</label>
      </div>
      <p id={`${id}-discreet-hint`} className="form-hint">
        {t('account.preferences.discreetHint')}
      </p>
      <p className="actions">
        <BusyButton busy={form.busy} label={t('account.preferences.save')} busyLabel={t('account.saving')} />
      </p>
      <p role="status" className="account-status">
        {saved ? t('account.preferences.saved') : ''}
      </p>
    </form>
  );
}
