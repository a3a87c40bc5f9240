import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { HelplineCards, linesFor, useHelpCountry } from '../../../components/ui/helplines.js';
import { REPORT_NOTE_MAX, REPORT_REASONS, sendReport, type ReportKind, type ReportReason } from './api.js';

/**
 * Reporting a message (issue 7, "Safety within reach"): a reason and an optional note, sent to the group's
 * facilitators and the moderators. Choosing "self-harm" shows the help lines at once, in the dialog, since the
 * person reporting may be the one at risk. A native modal <dialog>: focus stays inside, Escape closes, and focus
 * returns to the message's actions. Thread posts (`kind="post"`) are reported with the same dialog.
 */
export function ReportDialog({
  message,
  kind = 'message',
  onClose,
}: {
  /** The message or post being reported; null when the dialog is shut. */
  message: { id: number; author: string | null } | null;
  kind?: ReportKind;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const form = useFormRun();
  const [reason, setReason] = useState<ReportReason | ''>('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const [missing, setMissing] = useState(false);
  const [helpHint, setHelpHint] = useState(false);
  const [country] = useHelpCountry();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (message && !dialog.open) {
      opener.current = document.activeElement;
      setReason('');
      setNote('');
      setSent(false);
      setMissing(false);
      setHelpHint(false);
      form.clear();
      dialog.showModal();
      dialog.querySelector<HTMLElement>('input, button')?.focus();
    } else if (!message && dialog.open) dialog.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new message only
  }, [message]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!message) return;
    if (!reason) return setMissing(true);
    const ok = await form.run(async () => {
      // The server says when to offer help (a self-harm report): it stays on screen after sending.
      setHelpHint((await sendReport(kind, message.id, reason, note))?.helplines_hint === true);
    });
    if (ok) setSent(true);
  };
  const restore = () => {
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog room-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={restore}
    >
      <h2 id={`${id}-title`}>{kind === 'post' ? t('threads.report.title') : t('room.report.title')}</h2>
      {sent ? (
        <>
          <p role="status">{t('room.report.sent')}</p>
          {helpHint && <HelpLines id={id} country={country} />}
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>
            {t(kind === 'post' ? 'threads.report.intro' : 'room.report.intro', {
              author: message?.author ?? t('room.formerMember'),
            })}
          </p>
          <ErrorSummary form={form} />
          <fieldset className="form-field" aria-describedby={missing ? `${id}-missing` : undefined}>
            <legend className="form-legend">{t('room.report.reason')}</legend>
            {missing && (
              <p id={`${id}-missing`} className="form-error">
                {t('room.report.chooseReason')}
              </p>
            )}
            {REPORT_REASONS.map((r) => (
              <div className="form-check" key={r}>
                <input
                  type="radio"
                  id={`${id}-${r}`}
                  name={`${id}-reason`}
                  value={r}
                  checked={reason === r}
                  onChange={() => {
                    setReason(r);
                    setMissing(false);
                  }}
                />
                <label htmlFor={`${id}-${r}`}>{t(`room.report.reasons.${r}`)}</label>
              </div>
            ))}
          </fieldset>
          {reason === 'self_harm' && <HelpLines id={id} country={country} />}
          <div className="form-field">
            <label htmlFor={`${id}-note`}>{t('room.report.note')}</label>
            <p id={`${id}-note-hint`} className="form-hint">
              {t('room.report.noteHint')}
            </p>
            <textarea
              id={`${id}-note`}
              aria-describedby={`${id}-note-hint`}
              value={note}
              maxLength={REPORT_NOTE_MAX}
              rows={3}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <p className="actions">
            <button type="submit" className="button form-button" aria-disabled={form.busy || undefined}>
              {form.busy ? t('room.report.sending') : t('room.report.send')}
            </button>
            <button type="button" className="button secondary form-button" onClick={onClose}>
              {t('room.report.cancel')}
            </button>
          </p>
        </form>
      )}
      {sent && (
        <p className="actions">
          <button type="button" className="button form-button" onClick={onClose}>
            {t('room.report.close')}
          </button>
        </p>
      )}
    </dialog>
  );
}

/** The help lines inside the dialog, for a report that someone may hurt themselves. */
function HelpLines({ id, country }: { id: string; country: ReturnType<typeof useHelpCountry>[0] }) {
  const { t } = useTranslation();
  return (
    <section className="room-report-help" aria-labelledby={`${id}-help`}>
      <h3 id={`${id}-help`}>{t('room.report.helpTitle')}</h3>
      <p>{t('help.intro')}</p>
      <HelplineCards lines={linesFor(country)} />
    </section>
  );
}
