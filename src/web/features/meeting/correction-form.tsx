import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError, sendCorrection } from './api.js';
import { CORRECTION_KINDS, CORRECTION_LIMITS } from './correction-limits.js';

type Field = 'kind' | 'details' | 'contact';
type Failure = 'networkError' | 'rateLimited' | 'gone' | 'serverError';
const FIELDS: Field[] = ['kind', 'details', 'contact'];

interface Values {
  kind: string;
  details: string;
  contact: string;
}

/** A label, an optional hint and the field's error, shown above its control (`id` is the control's). */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** The problems the browser can see before sending; the server checks again and its answer is mapped the same way. */
function check(v: Values, t: (key: string, o?: Record<string, unknown>) => string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!(CORRECTION_KINDS as readonly string[]).includes(v.kind)) errors.kind = t('meeting.correction.errors.kind');
  const details = v.details.trim();
  if (!details) errors.details = t('meeting.correction.errors.detailsRequired');
  else if (details.length > CORRECTION_LIMITS.details)
    errors.details = t('meeting.correction.errors.tooLong', { max: CORRECTION_LIMITS.details });
  if (v.contact.trim().length > CORRECTION_LIMITS.contact)
    errors.contact = t('meeting.correction.errors.tooLong', { max: CORRECTION_LIMITS.contact });
  return errors;
}

/** A 400's per-field details ("body.details") as messages next to those fields. */
function serverErrors(err: RequestError, t: (key: string) => string): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const d of err.body?.error.details ?? []) {
    const field = d.field?.split('.')[1] as Field | undefined;
    if (field && FIELDS.includes(field)) errors[field] = t('meeting.correction.errors.invalid');
  }
  return Object.keys(errors).length > 0 ? errors : { details: t('meeting.correction.errors.invalid') };
}

/**
 * "Report a correction": a disclosure that opens a short form. Sent as JSON to the correction API (stored for the
 * listing's owner). Problems are shown next to their fields and focus moves to the first; a failed send keeps what was
 * written and offers to try again. `received` is true when the server-rendered form was sent before the app took over.
 */
export function CorrectionForm({ meetingId, received }: { meetingId: number; received: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>({ kind: '', details: '', contact: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [phase, setPhase] = useState<'editing' | 'sending' | 'sent'>(received ? 'sent' : 'editing');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    const first = FIELDS.find((f) => errors[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  }, [focusRequest, errors, id]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const found = check(values, t);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return setFocusRequest((n) => n + 1);
    setPhase('sending');
    try {
      const contact = values.contact.trim();
      await sendCorrection(meetingId, { kind: values.kind, details: values.details.trim(), ...(contact ? { contact } : {}) });
      setPhase('sent');
      setOpen(false);
      setValues({ kind: '', details: '', contact: '' });
      // The form goes away; focus goes to the confirmation rather than to the top of the page.
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (err) {
      setPhase('editing');
      const status = err instanceof RequestError ? err.status : -1;
      if (status === 400) {
        setErrors(serverErrors(err as RequestError, t));
        setFocusRequest((n) => n + 1);
      } else setFailure(status === 0 ? 'networkError' : status === 429 ? 'rateLimited' : status === 404 ? 'gone' : 'serverError');
    }
  };

  /** The id, value and state attributes of a field's control; its hint and error describe it. */
  const control = (field: Field, hint: boolean) => ({
    id: `${id}-${field}`,
    value: values[field],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value })),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby':
      [hint ? `${id}-${field}-hint` : '', errors[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') || undefined,
  });

  return (
    <section aria-labelledby={`${id}-title`} className="meeting-correction">
      <h2 id={`${id}-title`}>{t('meeting.correction.title')}</h2>
      <p>{t('meeting.correction.intro')}</p>
      <div role="status" ref={statusRef} tabIndex={-1} className={phase === 'sent' ? 'notice' : undefined}>
        {phase === 'sent' && <p>{t('meeting.correction.received')}</p>}
      </div>
      <button
        type="button"
        className="button secondary"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          if (!open && phase === 'sent') setPhase('editing');
        }}
      >
        {phase === 'sent' && !open ? t('meeting.correction.another') : t('meeting.correction.open')}
      </button>
      {open && (
        <form noValidate onSubmit={(e) => void submit(e)} className="correction-form">
          <Field id={`${id}-kind`} label={t('meeting.correction.kindLabel')} error={errors.kind}>
            <select required {...control('kind', false)}>
              <option value="">{t('meeting.correction.choose')}</option>
              {CORRECTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`meeting.correction.kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={`${id}-details`}
            label={t('meeting.correction.detailsLabel')}
            hint={t('meeting.correction.detailsHint', { max: CORRECTION_LIMITS.details })}
            error={errors.details}
          >
            <textarea required rows={5} maxLength={CORRECTION_LIMITS.details} {...control('details', true)} />
          </Field>
          <Field
            id={`${id}-contact`}
            label={t('meeting.correction.contactLabel')}
            hint={t('meeting.correction.contactHint')}
            error={errors.contact}
          >
            <input type="text" autoComplete="email" maxLength={CORRECTION_LIMITS.contact} {...control('contact', true)} />
          </Field>
          {failure && (
            <div role="alert" className="form-failure">
              <p>{t(`meeting.correction.${failure}`)}</p>
            </div>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={phase === 'sending'}>
              {phase === 'sending'
                ? t('meeting.correction.sending')
                : failure
                  ? t('meeting.correction.retry')
                  : t('meeting.correction.submit')}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('meeting.correction.cancel')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
