import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  dayListText,
  savedStore,
  useSavedMeetings,
  wallTimeText,
  zoneNameText,
  type SavedMeeting,
} from '../../lib/saved-meetings.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import './saved.css';

/** "Every Tuesday at 7:30 PM", on the group's clock, naming its zone when it is not the viewer's. */
function useWhen(): (m: SavedMeeting) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage;
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (m) => {
    if (m.days.length === 0 || !m.time) return t('saved.byAppointment');
    const start = wallTimeText(m.time, locale);
    const time =
      m.timezone && m.timezone !== viewer ? t('saved.ownZone', { time: start, zone: zoneNameText(m.timezone, locale) }) : start;
    return t('saved.weekly', { days: dayListText(m.days, locale), start: time });
  };
}

/**
 * `/saved`: the meetings kept on this device (src/web/lib/saved-meetings.ts). Drawn from the stored summaries alone,
 * so it works offline. When accounts exist (issue 6) this list will sync to the account; until then it never leaves
 * the device.
 */
export function SavedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('saved.title'));
  const meetings = useSavedMeetings();
  const when = useWhen();
  const [message, setMessage] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  const remove = (m: SavedMeeting) => {
    const kept = savedStore.remove(m.id);
    setMessage(kept ? t('saved.removed', { name: m.name }) : t('saved.notKept'));
    // The button is gone with its row: put focus somewhere stable rather than lose it to <body>.
    headingRef.current?.focus();
  };

  return (
    <div className="saved-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('saved.title')}
      </h1>
      <p className="lead">{t('saved.intro')}</p>
      <p role="status" className="saved-status">
        {message}
      </p>
      {meetings.length === 0 ? (
        <div className="saved-empty">
          <p>{t('saved.empty')}</p>
          <p>
            <Link className="button" to="/meetings">
              {t('saved.find')}
            </Link>
          </p>
        </div>
      ) : (
        <>
          <h2 className="saved-count">{t('saved.count', { count: meetings.length })}</h2>
          <ul className="saved-list">
            {meetings.map((m) => (
              <li key={m.id} className="card">
                <h3>
                  <Link to={`/meetings/${m.id}`}>{m.name}</Link>
                </h3>
                <p>{when(m)}</p>
                {(m.fellowship || m.where) && <p className="saved-meta">{[m.fellowship, m.where].filter(Boolean).join(' · ')}</p>}
                {/* The visible word starts the accessible name (WCAG 2.5.3), which also says which meeting. */}
                <button
                  type="button"
                  className="saved-remove"
                  aria-label={t('saved.removeLabel', { name: m.name })}
                  onClick={() => remove(m)}
                >
                  {t('saved.remove')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
