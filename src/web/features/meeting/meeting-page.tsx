import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import type { MeetingDetail } from './api.js';
import { CorrectionForm } from './correction-form.js';
import { NotesSection, OnlineSection, TraditionSection, TypesSections, WhereSection } from './details-sections.js';
import { SaveToggle } from './save-toggle.js';
import { TEMPORARILY_CLOSED } from './type-explanations.js';
import { useMeeting, viewerZone } from './use-meeting.js';
import { StatusBadge, WhenSection } from './when-section.js';
import './meeting.css';

function Meeting({ meeting, received }: { meeting: MeetingDetail; received: boolean }) {
  const { t } = useTranslation();
  const meta = [meeting.fellowship, t(`meeting.attendance.${meeting.attendance}`)].filter(Boolean).join(' · ');
  return (
    <article className="meeting-app" aria-labelledby="meeting-title">
      <h1 id="meeting-title">{meeting.name}</h1>
      <p className="meeting-meta">
        {meta} <StatusBadge next={meeting.next_occurrences[0]} />
      </p>
      {meeting.types.includes(TEMPORARILY_CLOSED) && <p className="notice">{t('meeting.temporarilyClosed')}</p>}
      <SaveToggle meeting={meeting} />
      <WhenSection meeting={meeting} zone={viewerZone()} />
      <WhereSection meeting={meeting} />
      <OnlineSection meeting={meeting} />
      <TypesSections meeting={meeting} />
      <NotesSection meeting={meeting} />
      <TraditionSection meeting={meeting} />
      <CorrectionForm meetingId={meeting.id} received={received} />
    </article>
  );
}

/**
 * `/meetings/:id`. The server sends this page as complete HTML first (it works with JavaScript off); once the app has
 * loaded it draws the same meeting from `GET /api/meetings/:id`, with times on the viewer's clock, saving and the
 * correction form.
 */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { state, retry } = useMeeting(id);
  const title =
    state.status === 'ready'
      ? state.meeting.name
      : state.status === 'not-found'
        ? t('meeting.notFoundTitle')
        : state.status === 'error'
          ? t('meeting.errorTitle')
          : t('meeting.loadingTitle');
  useDocumentTitle(title);

  if (state.status === 'ready') return <Meeting meeting={state.meeting} received={params.get('correction') === 'received'} />;
  if (state.status === 'loading')
    return (
      <p role="status" className="meeting-muted">
        {t('meeting.loading')}
      </p>
    );
  return (
    <div className="meeting-app">
      <h1>{title}</h1>
      {state.status === 'not-found' ? (
        <p>{t('meeting.notFound')}</p>
      ) : (
        <div role="alert">
          <p>{state.network ? t('meeting.networkError') : t('meeting.serverError')}</p>
        </div>
      )}
      <p className="actions">
        {state.status === 'error' && (
          <button type="button" className="button" onClick={retry}>
            {t('meeting.retry')}
          </button>
        )}
        <Link className="button secondary" to="/meetings">
          {t('meeting.findMeeting')}
        </Link>
      </p>
    </div>
  );
}
