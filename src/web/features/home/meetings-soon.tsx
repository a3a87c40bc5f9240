import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LocateButton } from '../../components/ui/locate-button.js';
import { PlaceBox } from '../../components/ui/place-box.js';
import { ResultList } from '../../components/ui/result-list.js';
import { useMeetingSearch } from '../../lib/use-meeting-search.js';
import { viewerZone } from '../../lib/viewer-zone.js';

/** Results shown on the home page per list: a glance, with "See all" leading to the finder. */
const SHOWN = 5;

/** A short list of what starts soonest for `query` (the finder's URL parameters), or a line saying there is none. */
function SoonList(props: { query: URLSearchParams; empty: string; all: string; allLabel: string }) {
  const { t } = useTranslation();
  const zone = useMemo(() => viewerZone(), []);
  const api = new URLSearchParams(props.query);
  api.set('tz', zone);
  api.set('limit', String(SHOWN));
  const search = useMeetingSearch(api.toString());
  return (
    <div aria-busy={search.loading}>
      {search.error ? (
        <p role="alert">
          {t('home.loadError')}{' '}
          <button type="button" className="finder-button secondary" onClick={search.retry}>
            {t('home.retry')}
          </button>
        </p>
      ) : !search.data ? (
        <p>{t('home.loading')}</p>
      ) : search.data.results.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ResultList results={search.data.results} viewerZone={zone} units={search.data.units} focusFrom={null} />
      )}
      <p>
        <Link to={props.all}>{props.allLabel}</Link>
      </p>
    </div>
  );
}

/**
 * "What can I join soon?": meetings near a place starting within the hour (the place typed, or the device's position
 * after a tap on "Use my location", never before), and online meetings starting within the hour.
 */
export function MeetingsSoon() {
  const { t } = useTranslation();
  const [where, setWhere] = useState<{ label: string; params: Record<string, string> } | null>(null);
  const near = where ? new URLSearchParams({ ...where.params, when: 'soon', sort: 'soonest', online: 'exclude' }) : null;
  const online = new URLSearchParams({ online: 'only', when: 'soon', sort: 'soonest' });
  return (
    <>
      <section aria-labelledby="soon-near-title" className="meeting-search">
        <h2 id="soon-near-title">{t('home.soonNearTitle')}</h2>
        <PlaceBox
          label={where?.label ?? ''}
          onPick={(p) => setWhere({ label: p.label, params: { near: p.id } })}
          onClear={() => setWhere(null)}
        />
        <LocateButton
          onLocate={(lat, lng) =>
            setWhere({ label: t('finder.myLocationLabel'), params: { lat: String(lat), lng: String(lng) } })
          }
        />
        {near && (
          <SoonList
            query={near}
            empty={t('home.soonNearNone', { place: where!.label })}
            all={`/meetings?${new URLSearchParams({ ...where!.params, sort: 'soonest' }).toString()}`}
            allLabel={t('home.soonNearAll')}
          />
        )}
      </section>
      <section aria-labelledby="soon-online-title">
        <h2 id="soon-online-title">{t('home.soonOnlineTitle')}</h2>
        <SoonList
          query={online}
          empty={t('home.soonOnlineNone')}
          all={`/meetings?${new URLSearchParams({ online: 'only', when: 'today', sort: 'soonest' }).toString()}`}
          allLabel={t('home.soonOnlineAll')}
        />
      </section>
    </>
  );
}
