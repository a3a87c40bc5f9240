import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { viewerZone } from '../../lib/viewer-zone.js';
import { FiltersPanel } from './filters-panel.js';
import { LocateButton } from '../../components/ui/locate-button.js';
import { PlaceBox } from '../../components/ui/place-box.js';
import { ResultList } from '../../components/ui/result-list.js';
import { ResultsMap } from './results-map.js';
import {
  defaultUnits,
  FINDER_LIMITS,
  parseFinderParams,
  SORTS,
  toApiQuery,
  toFinderParams,
  type FinderState,
  type Sort,
  VIEWS,
} from './search-state.js';
import { useMeetingSearch } from '../../lib/use-meeting-search.js';
import { usePlaceLabel } from './use-place-label.js';
import './finder.css';

/** Meeting search results at /meetings: the whole search is in the query string (see search-state.ts). */
export function FinderPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('finder.title'));
  const [params, setParams] = useSearchParams();
  const urlState = useMemo(() => parseFinderParams(params), [params]);
  // The router applies a URL change in a transition, so a control bound to the URL alone would not move until it
  // commits (a tapped option that seems not to respond). The search just asked for shows at once; the URL catches up.
  const [asked, setAsked] = useState<{ from: URLSearchParams; state: FinderState } | null>(null);
  const state = asked && asked.from === params ? asked.state : urlState;
  const zone = useMemo(() => viewerZone(), []);
  const units = state.units ?? defaultUnits(navigator.language);
  const apiQuery = toApiQuery(state, { tz: zone, units }).toString();
  const search = useMeetingSearch(apiQuery);
  const place = usePlaceLabel(state.near);
  const [focusFrom, setFocusFrom] = useState<{ query: string; index: number } | null>(null);

  const [words, setWords] = useState(state.q ?? '');
  const [shownQ, setShownQ] = useState(state.q);
  if (state.q !== shownQ) {
    setShownQ(state.q);
    setWords(state.q ?? '');
  }

  const update = (next: FinderState) => {
    setAsked({ from: params, state: next });
    setParams(toFinderParams(next));
  };
  const view = state.view ?? 'list';
  // One object per point searched, so the map is not rebuilt on every render.
  const center = useMemo(
    () => (state.lat !== undefined && state.lng !== undefined ? { lat: state.lat, lng: state.lng } : undefined),
    [state.lat, state.lng],
  );
  const hasPoint = Boolean(state.near) || state.lat !== undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update({ ...state, q: words.trim() || undefined });
  };

  const data = search.data;
  const status = search.loading
    ? t(data ? 'finder.updating' : 'finder.loading')
    : search.error || !data
      ? ''
      : data.total === 0
        ? t('finder.countNone')
        : t('finder.count', { count: data.total });

  return (
    <div className="finder">
      <h1>{t('finder.title')}</h1>
      <form className="finder-search" role="search" aria-label={t('finder.searchLabel')} onSubmit={onSubmit}>
        <PlaceBox
          label={state.lat !== undefined ? t('finder.myLocationLabel') : place.label}
          onPick={(p) => {
            place.remember(p.id, p.label);
            update({ ...state, near: p.id, lat: undefined, lng: undefined });
          }}
          onClear={() => update({ ...state, near: undefined, lat: undefined, lng: undefined })}
        />
        <LocateButton onLocate={(lat, lng) => update({ ...state, near: undefined, lat, lng })} />
        <div className="finder-words">
          <label htmlFor="finder-q">{t('finder.wordsLabel')}</label>
          <input
            id="finder-q"
            type="search"
            maxLength={FINDER_LIMITS.q}
            value={words}
            onChange={(e) => setWords(e.currentTarget.value)}
          />
        </div>
        <p>
          <button type="submit" className="finder-button">
            {t('finder.searchButton')}
          </button>
        </p>
      </form>

      <FiltersPanel state={state} facets={data?.facets ?? null} units={units} update={update} />

      <section aria-labelledby="finder-results-title" className="finder-results-section">
        <div className="finder-results-head">
          <h2 id="finder-results-title">{t('finder.resultsTitle')}</h2>
          <div className="finder-view" role="group" aria-label={t('finder.view.label')}>
            {VIEWS.map((v) => (
              <button
                key={v}
                type="button"
                className="finder-button secondary"
                aria-pressed={view === v}
                onClick={() => update({ ...state, view: v === 'list' ? undefined : v })}
              >
                {t(`finder.view.${v}`)}
              </button>
            ))}
          </div>
          <div className="finder-sort">
            <label htmlFor="finder-sort">{t('finder.sortLabel')}</label>
            <select
              id="finder-sort"
              value={state.sort ?? (hasPoint ? 'distance' : 'soonest')}
              onChange={(e) => update({ ...state, sort: e.currentTarget.value as Sort })}
            >
              {SORTS.filter((s) => s !== 'distance' || hasPoint).map((s) => (
                <option key={s} value={s}>
                  {t(`finder.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="finder-status" role="status" aria-live="polite">
          {status}
        </p>
        {search.error && (
          <div className="finder-error" role="alert">
            {search.error.status === 400 ? (
              <p>
                {t('finder.badSearch')} <Link to="/meetings">{t('finder.newSearch')}</Link>
              </p>
            ) : (
              <>
                <p>{t('finder.loadError')}</p>
                <button type="button" className="finder-button" onClick={search.retry}>
                  {t('finder.retry')}
                </button>
              </>
            )}
          </div>
        )}
        {data && (
          <div aria-busy={search.loading}>
            {view === 'map' ? (
              <ResultsMap results={data.results} viewerZone={zone} center={center} />
            ) : (
              <ResultList
                results={data.results}
                viewerZone={zone}
                units={data.units}
                focusFrom={focusFrom?.query === apiQuery ? focusFrom.index : null}
              />
            )}
            {data.next_cursor && !search.loading && (
              <p className="finder-more">
                <button
                  type="button"
                  className="finder-button secondary"
                  // Not `disabled`: a disabled button drops focus to <body> while the page loads.
                  aria-disabled={search.loadingMore}
                  onClick={() => {
                    if (search.loadingMore) return;
                    setFocusFrom({ query: apiQuery, index: data.results.length });
                    search.loadMore();
                  }}
                >
                  {search.loadingMore ? t('finder.loadingMore') : search.moreError ? t('finder.retryMore') : t('finder.showMore')}
                </button>
                {search.moreError && (
                  <span role="alert" className="finder-error-text">
                    {' '}
                    {t('finder.loadError')}
                  </span>
                )}
              </p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
