import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getMapTiles, type MapTiles, type SearchResult } from '../../lib/meetings-api.js';
import { whenText, whereText } from '../../lib/meeting-format.js';

// Leaflet and the clustering come with the map only, when someone opens it.
const MeetingMap = lazy(() => import('../../components/ui/meeting-map.js').then((m) => ({ default: m.MeetingMap })));

/** The operator's tile settings; null until known. A failed request means no tiles, not no map. */
function useMapTiles(): MapTiles | null {
  const [tiles, setTiles] = useState<MapTiles | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    getMapTiles(abort.signal).then(setTiles, () => {
      if (!abort.signal.aborted) setTiles({ tile_url: null, attribution: null });
    });
    return () => abort.abort();
  }, []);
  return tiles;
}

/**
 * The results shown so far on a map: those with a place (online-only meetings have none, and the list says so).
 * "Show more" adds to both views.
 */
export function ResultsMap(props: { results: SearchResult[]; viewerZone: string; center?: { lat: number; lng: number } }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const tiles = useMapTiles();
  const locale = i18n.resolvedLanguage;
  const points = useMemo(
    () =>
      props.results.flatMap(({ meeting, next }) =>
        meeting.lat === null || meeting.lng === null || meeting.attendance === 'online'
          ? []
          : [
              {
                id: meeting.id,
                lat: meeting.lat,
                lng: meeting.lng,
                name: meeting.name,
                detail: [next ? whenText(next, meeting.timezone, props.viewerZone, locale).viewer : null, whereText(meeting)]
                  .filter(Boolean)
                  .join(' · '),
                href: `/meetings/${meeting.id}`,
              },
            ],
      ),
    [props.results, props.viewerZone, locale],
  );
  const unplaced = props.results.length - points.length;
  return (
    <div className="finder-map">
      {unplaced > 0 && <p className="meta">{t('finder.mapUnplaced', { count: unplaced })}</p>}
      {tiles && (
        <Suspense fallback={<p>{t('finder.loading')}</p>}>
          <MeetingMap
            points={points}
            tileUrl={tiles.tile_url}
            attribution={tiles.attribution}
            center={props.center}
            onOpen={(href) => void navigate(href)}
          />
        </Suspense>
      )}
    </div>
  );
}
