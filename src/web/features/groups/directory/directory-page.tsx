import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { useSession } from '../../../lib/session.js';
import { APPROACHES, GROUP_FORM_LIMITS, listGroups, type Approach, type GroupSummary } from '../api.js';
import { canCreateGroups } from '../group-access.js';
import { LANGUAGE_CHOICES, languageName } from '../schedule-text.js';
import { GroupCard } from './group-card.js';
import '../groups.css';

type Listing = { status: 'loading' } | { status: 'error' } | { status: 'ready'; groups: GroupSummary[]; next: string | null };

/**
 * `/groups`: the online group directory (issue 7: "anyone can browse groups"), no sign-in needed. The search lives
 * in the query string (`q`, `approach`, `language`) so it can be shared and walked with back/forward; "Show more"
 * adds the next page below and moves focus to its first group.
 */
export function DirectoryPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('groups.directory.title'));
  const { state } = useSession();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const approach = (APPROACHES as readonly string[]).includes(params.get('approach') ?? '')
    ? (params.get('approach') as Approach)
    : '';
  const language = params.get('language') ?? '';
  const [words, setWords] = useState(q);
  const [more, setMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const firstNew = useRef<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // The answer is kept with the search it answers, so a new search shows "Loading" until its own answer comes.
  const key = JSON.stringify([q, approach, language, attempt]);
  const [answer, setAnswer] = useState<{ key: string; listing: Listing } | null>(null);
  const listing: Listing = answer?.key === key ? answer.listing : { status: 'loading' };
  const setListing = (next: Listing) => setAnswer({ key, listing: next });
  useEffect(() => {
    let live = true;
    listGroups({ q: q || undefined, approach: approach || undefined, language: language || undefined }).then(
      (page) => live && setAnswer({ key, listing: { status: 'ready', groups: page.groups, next: page.next_cursor } }),
      () => live && setAnswer({ key, listing: { status: 'error' } }),
    );
    return () => {
      live = false;
    };
  }, [q, approach, language, key]);

  // After "Show more", the reader continues at the first group it added.
  useEffect(() => {
    if (firstNew.current === null) return;
    listRef.current?.querySelectorAll<HTMLAnchorElement>('h3 a')[firstNew.current]?.focus();
    firstNew.current = null;
  }, [answer]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: name !== 'q' });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilter('q', words.trim());
  };
  const showMore = async () => {
    if (listing.status !== 'ready' || !listing.next || more) return;
    setMore(true);
    try {
      const page = await listGroups({
        q: q || undefined,
        approach: approach || undefined,
        language: language || undefined,
        cursor: listing.next,
      });
      firstNew.current = listing.groups.length;
      setListing({ status: 'ready', groups: [...listing.groups, ...page.groups], next: page.next_cursor });
    } catch {
      setListing({ status: 'error' });
    } finally {
      setMore(false);
    }
  };
  const filtered = Boolean(q || approach || language);

  return (
    <div className="groups-page">
      <h1>{t('groups.directory.title')}</h1>
      <p className="lead">{t('groups.directory.intro')}</p>
      {canCreateGroups(state?.account) && (
        <p>
          <Link className="button secondary" to="/groups/new">
            {t('groups.directory.create')}
          </Link>
        </p>
      )}
      <form role="search" noValidate onSubmit={search} className="groups-search" aria-label={t('groups.directory.searchTitle')}>
        <div className="form-field">
          <label htmlFor={`${id}-q`}>{t('groups.directory.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            maxLength={GROUP_FORM_LIMITS.searchMax}
            value={words}
            onChange={(e) => setWords(e.target.value)}
          />
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-approach`}>{t('groups.fields.approach')}</label>
          <select id={`${id}-approach`} value={approach} onChange={(e) => setFilter('approach', e.target.value)}>
            <option value="">{t('groups.directory.anyApproach')}</option>
            {APPROACHES.map((a) => (
              <option key={a} value={a}>
                {t(`groups.approaches.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-language`}>{t('groups.fields.language')}</label>
          <select id={`${id}-language`} value={language} onChange={(e) => setFilter('language', e.target.value)}>
            <option value="">{t('groups.directory.anyLanguage')}</option>
            {LANGUAGE_CHOICES.map((l) => (
              <option key={l} value={l}>
                {languageName(l, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" className="button form-button">
            {t('groups.directory.searchButton')}
          </button>
        </p>
      </form>
      <section aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`}>{t('groups.directory.results')}</h2>
        <p role="status">
          {listing.status === 'loading'
            ? t('groups.loading')
            : listing.status === 'ready' && listing.groups.length === 0
              ? filtered
                ? t('groups.directory.noneFiltered')
                : t('groups.directory.none')
              : listing.status === 'ready'
                ? t('groups.directory.shown', { count: listing.groups.length })
                : ''}
        </p>
        {listing.status === 'error' && (
          <div className="callout">
            <p>{t('groups.loadError')}</p>
            <button type="button" className="button form-button" onClick={() => setAttempt((n) => n + 1)}>
              {t('groups.retry')}
            </button>
          </div>
        )}
        {listing.status === 'ready' && listing.groups.length > 0 && (
          <ul ref={listRef} className="groups-list">
            {listing.groups.map((g) => (
              <GroupCard key={g.slug} group={g} />
            ))}
          </ul>
        )}
        {listing.status === 'ready' && listing.next && (
          <p>
            <button
              type="button"
              className="button secondary form-button"
              aria-disabled={more || undefined}
              onClick={() => void showMore()}
            >
              {more ? t('groups.loading') : t('groups.directory.more')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
