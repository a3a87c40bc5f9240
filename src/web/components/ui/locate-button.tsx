import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './meeting-search.css';

/** A point from the browser rounded to 3 decimals (about 100 m): the URL may be shared, a home address should not. */
export const coarse = (n: number): number => Math.round(n * 1000) / 1000;

type Status = 'idle' | 'locating' | 'denied' | 'failed';

/**
 * "Use my location": the browser is asked for the position only when this button is pressed, never on page load.
 * The point is rounded to about 100 m and only used in the search request (the server neither stores nor logs
 * query strings, see docs/architecture.md), which the note beside the button says in plain words.
 */
export function LocateButton(props: { onLocate: (lat: number, lng: number) => void }) {
  const { t } = useTranslation();
  const noteId = useId();
  const [status, setStatus] = useState<Status>('idle');
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const locate = () => {
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setStatus('idle');
        props.onLocate(coarse(pos.coords.latitude), coarse(pos.coords.longitude));
      },
      (err) => setStatus(err.code === err.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: false, maximumAge: 300_000, timeout: 15_000 },
    );
  };

  if (!supported) return null;
  return (
    <div className="finder-locate">
      <button
        type="button"
        className="finder-button secondary"
        onClick={locate}
        disabled={status === 'locating'}
        aria-describedby={noteId}
      >
        {status === 'locating' ? t('finder.locating') : t('finder.useMyLocation')}
      </button>
      <p id={noteId} className="finder-note">
        {t('finder.locationNote')}
      </p>
      {(status === 'denied' || status === 'failed') && (
        <p role="alert" className="finder-error-text">
          {t(status === 'denied' ? 'finder.locationDenied' : 'finder.locationFailed')}
        </p>
      )}
    </div>
  );
}
