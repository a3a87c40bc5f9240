import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title.js';

const JOBS = ['find', 'meet', 'keep', 'listings'] as const;

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.tagline'));
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
      </section>
      <section className="callout" aria-labelledby="new-title">
        <h2 id="new-title">{t('home.newTitle')}</h2>
        <p>{t('home.newBody')}</p>
        <p>
          <Link to="/find-a-group" className="button">
            {t('home.newCta')}
          </Link>
        </p>
      </section>
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">{t('home.jobsTitle')}</h2>
        <ul className="card-grid">
          {JOBS.map((job) => (
            <li key={job} className="card">
              <h3>{t(`home.${job}Title`)}</h3>
              <p>{t(`home.${job}Body`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="callout" aria-labelledby="help-title">
        <h2 id="help-title">{t('home.helpTitle')}</h2>
        <p>{t('home.helpBody')}</p>
        <p>
          <Link to="/help" className="button">
            {t('home.helpCta')}
          </Link>
        </p>
      </section>
    </>
  );
}
