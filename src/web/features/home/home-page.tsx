import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title.js';

const JOBS = ['find', 'meet', 'keep', 'listings'] as const;

/** A highlighted section leading somewhere: its title, a sentence and one button (keys `home.<name>Title` etc.). */
function Callout({ name, to }: { name: 'new' | 'help'; to: string }) {
  const { t } = useTranslation();
  return (
    <section className="callout" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>{t(`home.${name}Title`)}</h2>
      <p>{t(`home.${name}Body`)}</p>
      <p>
        <Link to={to} className="button">
          {t(`home.${name}Cta`)}
        </Link>
      </p>
    </section>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.tagline'));
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
      </section>
      <Callout name="new" to="/find-a-group" />
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
      <Callout name="help" to="/help" />
    </>
  );
}
