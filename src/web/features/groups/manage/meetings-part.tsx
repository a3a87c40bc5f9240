import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import type { GroupPage } from '../api.js';
import { cancelMeeting, createMeeting, updateMeeting, type LiveMeeting, type MeetingInput } from '../live-api.js';
import { scheduleText } from '../schedule-text.js';
import { ManageSection } from './manage-section.js';
import { MeetingForm } from './meeting-form.js';

type Editing = { meeting: LiveMeeting | null } | null;

/** The group's live meetings: schedule a new one, change one, or cancel one (asked first). Every change is audited. */
export function MeetingsPart({
  group,
  meetings,
  onChanged,
}: {
  group: GroupPage;
  meetings: LiveMeeting[];
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const form = useFormRun();
  const [editing, setEditing] = useState<Editing>(null);
  const [cancelling, setCancelling] = useState<LiveMeeting | null>(null);
  const [status, setStatus] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formWrap = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  // The form opens where the reader is: focus moves to its heading.
  useEffect(() => {
    if (editing) formWrap.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [editing]);

  const open = (meeting: LiveMeeting | null) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setStatus('');
    setEditing({ meeting });
  };
  const close = () => {
    setEditing(null);
    requestAnimationFrame(() => (opener.current?.isConnected ? opener.current : headingRef.current)?.focus());
  };
  const save = async (input: MeetingInput) => {
    const meeting = editing?.meeting;
    const saved = meeting ? await updateMeeting(group.slug, meeting.id, input) : await createMeeting(group.slug, input);
    setEditing(null);
    setStatus(
      meeting ? t('groups.meetings.saved', { title: saved.title }) : t('groups.meetings.created', { title: saved.title }),
    );
    onChanged();
    headingRef.current?.focus();
  };
  const cancel = async () => {
    const m = cancelling;
    setCancelling(null);
    if (!m) return;
    const ok = await form.run(() => cancelMeeting(group.slug, m.id).then(() => undefined));
    if (ok) {
      setStatus(t('groups.meetings.cancelled', { title: m.title }));
      onChanged();
      headingRef.current?.focus();
    }
  };

  return (
    <ManageSection title={t('groups.meetings.heading')} headingRef={headingRef}>
      <p role="status" className="groups-status">
        {status}
      </p>
      <ErrorSummary form={form} />
      {meetings.length === 0 ? (
        <p>{t('groups.schedule.none')}</p>
      ) : (
        <ul className="groups-list">
          {meetings.map((m) => (
            <li key={m.id} className="card">
              <h3>{m.title}</h3>
              <p>
                {scheduleText(m, t, i18n.language)} · {t('groups.schedule.minutes', { count: m.duration_minutes })}
              </p>
              <p className="groups-muted">
                {m.format.map((s) => `${s.title} (${t('groups.schedule.minutes', { count: s.minutes })})`).join(' · ')}
              </p>
              <p className="actions">
                <button
                  type="button"
                  className="button secondary form-button"
                  aria-label={t('groups.meetings.editNamed', { title: m.title })}
                  onClick={() => open(m)}
                >
                  {t('groups.meetings.edit')}
                </button>
                <button
                  type="button"
                  className="button secondary form-button"
                  aria-label={t('groups.meetings.cancelNamed', { title: m.title })}
                  onClick={() => setCancelling(m)}
                >
                  {t('groups.meetings.cancelMeeting')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
      <div ref={formWrap}>
        {editing ? (
          <MeetingForm
            key={editing.meeting?.id ?? 'new'}
            meeting={editing.meeting}
            zone={group.time_zone}
            onSave={save}
            onCancel={close}
          />
        ) : (
          <p>
            <button type="button" className="button form-button" onClick={() => open(null)}>
              {t('groups.meetings.add')}
            </button>
          </p>
        )}
      </div>
      <ConfirmDialog
        open={cancelling !== null}
        title={t('groups.meetings.confirmCancel', { title: cancelling?.title ?? '' })}
        confirmLabel={t('groups.meetings.cancelMeeting')}
        cancelLabel={t('groups.meetings.keep')}
        danger
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(null)}
      >
        <p>{t('groups.meetings.cancelBody')}</p>
      </ConfirmDialog>
    </ManageSection>
  );
}
