import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { savedStore, useIsSaved, type SavedMeeting } from '../../lib/saved-meetings.js';
import type { MeetingDetail } from './api.js';
import { daysOf } from './schedule.js';

/** What the saved list needs to show this meeting with no request (offline, or once it has left the directory). */
function summaryOf(m: MeetingDetail): Omit<SavedMeeting, 'savedAt'> {
  const where = m.attendance === 'online' ? null : [m.location, m.formatted_address].filter(Boolean).join(', ') || null;
  return {
    id: m.id,
    name: m.name,
    fellowship: m.fellowship ?? null,
    attendance: m.attendance,
    days: daysOf(m),
    time: m.time ?? null,
    endTime: m.end_time ?? null,
    timezone: m.timezone ?? null,
    where,
  };
}

/**
 * A toggle button (aria-pressed) that keeps the meeting on this device. Its label stays the same, as a toggle's must;
 * what happened is said in a status line beside it, with a link to the list.
 */
export function SaveToggle({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const saved = useIsSaved(meeting.id);
  const [message, setMessage] = useState<'saved' | 'unsaved' | 'notKept' | null>(null);
  const toggle = () => {
    if (saved) {
      savedStore.remove(meeting.id);
      setMessage('unsaved');
    } else {
      setMessage(savedStore.save(summaryOf(meeting)) ? 'saved' : 'notKept');
    }
  };
  return (
    <div className="meeting-save">
      <button type="button" className="meeting-toggle" aria-pressed={saved} onClick={toggle}>
        <span aria-hidden="true" className="meeting-toggle-mark">
          {saved ? '★' : '☆'}
        </span>{' '}
        {t('meeting.save')}
      </button>
      <p role="status" className="meeting-muted">
        {message && t(`meeting.${message}`)} {message && message !== 'unsaved' && <Link to="/saved">{t('saved.title')}</Link>}
      </p>
    </div>
  );
}
