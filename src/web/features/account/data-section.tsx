import { useTranslation } from 'react-i18next';
import { EXPORT_SECTIONS } from '../../lib/account-settings-api.js';
import { Section } from './section.js';

/**
 * Everything Kinship holds about the member, as files. Plain links: the browser downloads them with the session
 * cookie (the server answers with Content-Disposition: attachment), so this works even before the app has loaded.
 */
export function DataSection() {
  const { t } = useTranslation();
  return (
    <Section title={t('account.data.title')}>
      <p>{t('account.data.intro')}</p>
      <p>
        <a className="button" href="/api/account/export" download="kinship-export.json">
          {t('account.data.json')}
        </a>
      </p>
      <h3>{t('account.data.csvTitle')}</h3>
      <p>{t('account.data.csvIntro')}</p>
      <ul className="account-csv">
        {EXPORT_SECTIONS.map((s) => (
          <li key={s}>
            <a href={`/api/account/export/${s}.csv`} download={`kinship-${s}.csv`}>
              {t('account.data.csvLink', { section: t(`account.data.sections.${s}`) })}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
