import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError, type Problem } from './api-problem.js';
import './form-kit.css';

export type { FieldErrors, Problem } from './api-problem.js';

/**
 * Small pieces shared by the account and people pages' forms: a field with its label, hint and error wired to the
 * control (aria-describedby, aria-invalid); an error summary that is a live region and takes focus when a request
 * fails; a busy-aware submit button; and `useFormRun`, which turns an ApiError into those messages.
 */

export interface FormRun {
  busy: boolean;
  problem: Problem | null;
  /** Runs a request; on failure shows the problem and focuses the summary. Resolves true when it succeeded. */
  run: (action: () => Promise<void>) => Promise<boolean>;
  /** Shows a problem found before sending (e.g. a missing field). */
  fail: (problem: Problem) => void;
  clear: () => void;
  /** The id of the form's ErrorSummary. */
  summaryId: string;
}

export function useFormRun(): FormRun {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryId = useId();
  const busyRef = useRef(false);

  useEffect(() => {
    if (focusRequest > 0) document.getElementById(summaryId)?.focus();
  }, [focusRequest, summaryId]);

  const fail = useCallback((p: Problem) => {
    setProblem(p);
    setFocusRequest((n) => n + 1);
  }, []);
  const clear = useCallback(() => setProblem(null), []);
  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      setProblem(null);
      try {
        await action();
        return true;
      } catch (err) {
        fail(describeApiError(err, t));
        return false;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [fail, t],
  );
  return { busy, problem, run, fail, clear, summaryId };
}

/** The form's problems: an assertive live region, focused when a request fails so the reader starts there. */
export function ErrorSummary({ form }: { form: FormRun }) {
  return (
    <div id={form.summaryId} tabIndex={-1} role="alert" className="form-summary">
      {form.problem && <p>{form.problem.summary}</p>}
    </div>
  );
}

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A label, an optional hint and the field's error above its control; the control gets the ids that tie them. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (props: ControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="form-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) })}
    </div>
  );
}

/**
 * A submit (or plain) button that says when it is working. It stays focusable while busy (aria-disabled rather than
 * disabled), so keyboard focus is not thrown to the page's start; `useFormRun` ignores a second press.
 */
export function BusyButton({
  busy,
  label,
  busyLabel,
  type = 'submit',
  variant,
  onClick,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  type?: 'submit' | 'button';
  variant?: 'secondary' | 'danger';
  onClick?: () => void;
}) {
  return (
    <button
      type={type}
      className={`button form-button${variant ? ` ${variant}` : ''}`}
      aria-disabled={busy || undefined}
      onClick={onClick}
    >
      {busy ? busyLabel : label}
    </button>
  );
}

/**
 * The row under a small form opened inside a page part: its submit button and a "Cancel" that closes the form
 * (`onCancel` resets it and puts focus back where the member was).
 */
export function SubmitOrCancel({
  busy,
  label,
  busyLabel,
  cancelLabel,
  onCancel,
  variant,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  variant?: 'danger';
}) {
  return (
    <p className="actions">
      <BusyButton busy={busy} label={label} busyLabel={busyLabel} {...(variant ? { variant } : {})} />
      <button type="button" className="button secondary form-button" onClick={onCancel}>
        {cancelLabel}
      </button>
    </p>
  );
}
