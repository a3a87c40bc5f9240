import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrors, type FormErrors } from './form-errors.js';

const NONE: FormErrors = { fields: {} };

/**
 * A form's errors and its summary. `fail` shows them and moves focus to the summary, so a screen reader reads
 * what went wrong and a keyboard user starts from there; each failure re-mounts the summary, so the same error
 * twice is announced twice.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>(NONE);
  const [attempt, setAttempt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);
  const fail = useCallback((next: FormErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  }, []);
  const clear = useCallback(() => setErrors(NONE), []);
  return { errors, fail, clear, attempt, summaryRef };
}

/** Field names to the ids of their inputs, for the summary's links. */
export type FieldIds = Record<string, string>;

/** The error summary at the top of a form: the general problem and a link to each field with one. */
export function ErrorSummary({
  errors,
  ids,
  labels,
  attempt,
  summaryRef,
}: {
  errors: FormErrors;
  ids: FieldIds;
  labels: Record<string, string>;
  attempt: number;
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  if (!hasErrors(errors)) return null;
  const fields = Object.entries(errors.fields).filter(([name]) => ids[name]);
  const focusField = (e: MouseEvent, id: string) => {
    e.preventDefault();
    document.getElementById(id)?.focus();
  };
  return (
    <div
      key={attempt}
      ref={summaryRef}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={`${ids.form}-problem`}
    >
      <h2 id={`${ids.form}-problem`}>{t('auth.errors.title')}</h2>
      {errors.summary && <p>{errors.summary}</p>}
      {fields.length > 0 && (
        <ul>
          {fields.map(([name, message]) => (
            <li key={name}>
              <a href={`#${ids[name]}`} onClick={(e) => focusField(e, ids[name]!)}>
                {labels[name] ? `${labels[name]}: ${message}` : message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid'>;

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function TextField({
  id,
  label,
  hint,
  error,
  optional,
  after,
  ...input
}: InputProps & { id: string; label: string; hint?: ReactNode; error?: string; optional?: boolean; after?: ReactNode }) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t('auth.optional')}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t('auth.errors.prefix')} </span>
          {error}
        </p>
      )}
      <div className="input-row">
        <input id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
        {after}
      </div>
    </div>
  );
}

/** A password input with a "Show" switch: typing a long passphrase blind on a phone is where mistakes happen. */
export function PasswordField(props: Omit<Parameters<typeof TextField>[0], 'type' | 'after'>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <TextField
      {...props}
      type={shown ? 'text' : 'password'}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      after={
        <button
          type="button"
          className="button secondary show-password"
          aria-pressed={shown}
          aria-controls={props.id}
          onClick={() => setShown((s) => !s)}
        >
          {t('auth.showPassword')}
        </button>
      }
    />
  );
}

/** Ids for a form's fields, stable across renders. */
export function useFieldIds<const N extends string>(names: readonly N[]): Record<N | 'form', string> {
  const base = useId();
  const ids = { form: `${base}form` } as Record<N | 'form', string>;
  for (const name of names) ids[name] = `${base}${name}`;
  return ids;
}
