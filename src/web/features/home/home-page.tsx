import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { MeetingsSoon } from './meetings-soon.js';

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

/**
 * Words to search for, leading to the finder. A plain GET form to /meetings, so it works before the app has loaded;
 * once it has, the app routes without a reload.
 */
function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [words, setWords] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = words.trim();
    void navigate(q ? `/meetings?${new URLSearchParams({ q }).toString()}` : '/meetings');
  };
  return (
    <form action="/meetings" method="get" role="search" className="meeting-search home-search" onSubmit={submit}>
      <label htmlFor={id}>{t('home.searchLabel')}</label>
      <input id={id} name="q" type="search" maxLength={200} value={words} onChange={(e) => setWords(e.currentTarget.value)} />
      <button type="submit" className="finder-button">
        {t('home.searchButton')}
      </button>
    </form>
  );
}

/** The first page: what can I join soon, a search, a way in for newcomers, and help one tap away. */
export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.tagline'));
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <SearchBox />
      </section>
      <MeetingsSoon />
      <Callout name="new" to="/find-a-group" />
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">{t('home.jobsTitle')}</h2>
        <ul className="card-grid">
          {JOBS.map((job) => (
            <li key={job} className="card">
              <h3>{t(`home.${job}Title`)}</h3>
              <p>{t(`home.${job}Body`)}</p>
              {job === 'meet' && (
                <p>
                  <Link to="/groups">{t('groups.homeLink')}</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
      <Callout name="help" to="/help" />
    </>
  );
}
