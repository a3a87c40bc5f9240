import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, SubmitOrCancel, useFormRun } from '../../../components/ui/form-kit.js';
import { LIVE_FORM_LIMITS as L, defaultFormat, type LiveMeeting, type MeetingInput } from '../live-api.js';
import { weekdayName } from '../schedule-text.js';
import { FormatEditor } from './format-editor.js';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * Schedule or change a live meeting: weekly on a weekday or once, its local start time in the group's zone, the
 * first (or only) date, duration, cross-talk, minutes per share and the format. Checks what it can before sending
 * (the server checks everything again; docs/groups.md "Validation").
 */
export function MeetingForm({
  meeting,
  zone,
  onSave,
  onCancel,
}: {
  meeting: LiveMeeting | null;
  zone: string;
  onSave: (input: MeetingInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const [announcement, setAnnouncement] = useState('');
  const [m, setM] = useState(() => ({
    title: meeting?.title ?? '',
    recurrence: meeting?.recurrence ?? ('weekly' as const),
    weekday: meeting?.weekday ?? new Date().getDay(),
    start_time: meeting?.start_time ?? '19:00',
    starts_on: meeting?.starts_on ?? today(),
    duration: String(meeting?.duration_minutes ?? 60),
    cross_talk: meeting?.cross_talk ?? false,
    share: String(meeting?.share_minutes ?? 5),
    format: meeting?.format ?? defaultFormat(60, (k) => t(`groups.format.defaults.${k}`)),
  }));
  const set = <K extends keyof typeof m>(key: K, value: (typeof m)[K]) => setM((old) => ({ ...old, [key]: value }));
  const duration = Number(m.duration);
  const errors = form.problem?.fields ?? {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!m.title.trim()) fields.title = t('groups.form.errors.required');
    if (!/^\d{2}:\d{2}$/.test(m.start_time)) fields.start_time = t('groups.meetings.errors.time');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(m.starts_on)) fields.starts_on = t('groups.meetings.errors.date');
    if (!(Number.isInteger(duration) && duration >= L.durationMin && duration <= L.durationMax))
      fields.duration_minutes = t('groups.meetings.errors.duration', { min: L.durationMin, max: L.durationMax });
    const share = Number(m.share);
    if (!(Number.isInteger(share) && share >= 0 && share <= L.shareMinutesMax))
      fields.share_minutes = t('groups.meetings.errors.share', { max: L.shareMinutesMax });
    const total = m.format.reduce((sum, s) => sum + s.minutes, 0);
    if (m.format.some((s) => !s.title.trim() || !Number.isInteger(s.minutes) || s.minutes < 0))
      fields.format = t('groups.meetings.errors.sections');
    else if (Number.isInteger(duration) && total > duration)
      fields.format = t('groups.meetings.errors.formatLong', { total, duration });
    const count = Object.keys(fields).length;
    if (count > 0) return form.fail({ summary: t('account.errors.checkFields', { count }), fields });
    await form.run(() =>
      onSave({
        title: m.title.trim(),
        recurrence: m.recurrence,
        ...(m.recurrence === 'weekly' ? { weekday: m.weekday } : meeting ? { weekday: null } : {}),
        start_time: m.start_time,
        starts_on: m.starts_on,
        duration_minutes: duration,
        cross_talk: m.cross_talk,
        share_minutes: share,
        format: m.format.map((s) => ({
          ...s,
          title: s.title.trim(),
          ...(s.kind === 'reading' ? { text: s.text ?? '' } : { text: undefined }),
        })),
      }),
    );
  };

  return (
    <form
      noValidate
      aria-busy={form.busy}
      onSubmit={(e) => void submit(e)}
      className="card groups-form"
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} tabIndex={-1} data-autofocus>
        {meeting ? t('groups.meetings.editTitle', { title: meeting.title }) : t('groups.meetings.newTitle')}
      </h3>
      <ErrorSummary form={form} />
      <p role="status" className="groups-visually-hidden">
        {announcement}
      </p>
      <Field id={`${id}-name`} label={t('groups.meetings.title')} error={errors.title}>
        {(p) => <input {...p} maxLength={L.titleMax} value={m.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <fieldset className="form-field">
        <legend className="form-legend">{t('groups.meetings.recurrence')}</legend>
        {(['weekly', 'once'] as const).map((r) => (
          <div key={r} className="form-check">
            <input
              type="radio"
              id={`${id}-${r}`}
              name={`${id}-recurrence`}
              checked={m.recurrence === r}
              onChange={() => set('recurrence', r)}
            />
            <label htmlFor={`${id}-${r}`}>{t(`groups.meetings.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      {m.recurrence === 'weekly' && (
        <Field id={`${id}-weekday`} label={t('groups.meetings.weekday')} error={errors.weekday}>
          {(p) => (
            <select {...p} value={m.weekday} onChange={(e) => set('weekday', Number(e.target.value))}>
              {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                <option key={d} value={d}>
                  {weekdayName(d, i18n.language)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id={`${id}-time`}
        label={t('groups.meetings.startTime')}
        hint={t('groups.meetings.zoneHint', { zone })}
        error={errors.start_time}
      >
        {(p) => <input {...p} type="time" value={m.start_time} onChange={(e) => set('start_time', e.target.value)} />}
      </Field>
      <Field
        id={`${id}-date`}
        label={m.recurrence === 'weekly' ? t('groups.meetings.firstDate') : t('groups.meetings.date')}
        error={errors.starts_on}
      >
        {(p) => <input {...p} type="date" value={m.starts_on} onChange={(e) => set('starts_on', e.target.value)} />}
      </Field>
      <Field id={`${id}-duration`} label={t('groups.meetings.duration')} error={errors.duration_minutes}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={L.durationMin}
            max={L.durationMax}
            value={m.duration}
            onChange={(e) => set('duration', e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${id}-share`}
        label={t('groups.meetings.share')}
        hint={t('groups.meetings.shareHint')}
        error={errors.share_minutes}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={0}
            max={L.shareMinutesMax}
            value={m.share}
            onChange={(e) => set('share', e.target.value)}
          />
        )}
      </Field>
      <div className="form-check">
        <input
          type="checkbox"
          id={`${id}-xt`}
          checked={m.cross_talk}
          onChange={(e) => set('cross_talk', e.target.checked)}
          aria-describedby={`${id}-xt-hint`}
        />
        <div>
          <label htmlFor={`${id}-xt`}>{t('groups.meetings.crossTalk')}</label>
          <p id={`${id}-xt-hint`} className="form-hint">
            {t('groups.meetings.crossTalkHint')}
          </p>
        </div>
      </div>
      <FormatEditor
        sections={m.format}
        onChange={(format) => set('format', format)}
        duration={Number.isFinite(duration) ? duration : 0}
        error={errors.format}
        announce={setAnnouncement}
      />
      <SubmitOrCancel
        busy={form.busy}
        label={meeting ? t('groups.meetings.save') : t('groups.meetings.create')}
        busyLabel={t('groups.working')}
        cancelLabel={t('groups.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
