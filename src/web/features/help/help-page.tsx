import { useTranslation } from 'react-i18next';
import { HELPLINES, HELPLINE_COUNTRIES, type Helpline } from '../../../shared/helplines.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';

const GROUPS = [...HELPLINE_COUNTRIES, 'EMERGENCY'] as const;

function HelplineCard({ line }: { line: Helpline }) {
  const { t, i18n } = useTranslation();
  const verified = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${line.lastVerified}T00:00:00Z`),
  );
  return (
    <li className="card helpline">
      <h3>{line.name}</h3>
      <p>{t(line.descriptionKey)}</p>
      <p className="actions">
        {line.phone && (
          <a className="button" href={`tel:${line.phone}`}>
            {t('help.call', { number: line.phoneDisplay ?? line.phone })}
          </a>
        )}
        {line.text && (
          <a className="button secondary" href={`sms:${line.text.number}`}>
            {t(line.text.bodyKey, { number: line.text.number })}
          </a>
        )}
      </p>
      <p className="meta">
        {t('help.source')}:{' '}
        <a href={line.source} rel="noreferrer">
          {new URL(line.source).hostname}
        </a>{' '}
        · {t('help.lastVerified', { date: verified })}
      </p>
    </li>
  );
}

/** Crisis and help lines by country; every page links here from its header. */
export function HelpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('help.title'));
  return (
    <>
      <h1>{t('help.title')}</h1>
      <p className="lead">{t('help.intro')}</p>
      {GROUPS.map((group) => (
        <section key={group} aria-labelledby={`help-${group}`}>
          <h2 id={`help-${group}`}>{t(`help.country.${group}`)}</h2>
          <ul className="card-grid">
            {HELPLINES.filter((l) => l.country === group).map((line) => (
              <HelplineCard key={line.id} line={line} />
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="where-to-start">
        <h2 id="where-to-start">{t('help.whereToStartTitle')}</h2>
        <p>{t('help.whereToStart')}</p>
      </section>
    </>
  );
}
