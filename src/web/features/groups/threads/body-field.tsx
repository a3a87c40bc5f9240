import { useTranslation } from 'react-i18next';
import { THREAD_LIMITS } from '../../../../shared/thread-limits.js';
import { Field } from '../../../components/ui/form-kit.js';

/**
 * A post's text: label, the Markdown subset in words, the characters left of 4,000 (a polite count, shown
 * strongly near the end) and the field's error, all tied to the textarea.
 */
export function BodyField({
  id,
  label,
  value,
  onChange,
  error,
  rows = 5,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  rows?: number;
}) {
  const { t } = useTranslation();
  const left = THREAD_LIMITS.bodyMax - value.length;
  return (
    <Field id={id} label={label} hint={t('threads.form.bodyHint')} error={error}>
      {(props) => (
        <>
          <textarea
            {...props}
            aria-describedby={[props['aria-describedby'], `${id}-count`].filter(Boolean).join(' ')}
            value={value}
            maxLength={THREAD_LIMITS.bodyMax}
            rows={rows}
            onChange={(e) => onChange(e.target.value)}
          />
          <p id={`${id}-count`} className={left < 200 ? 'room-count room-count-low' : 'room-count'}>
            {t('threads.form.left', { count: left })}
          </p>
        </>
      )}
    </Field>
  );
}

/** A thread's title: up to 140 characters. */
export function TitleField({
  id,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('threads.form.titleLabel')} hint={hint} error={error}>
      {(props) => (
        <input
          {...props}
          type="text"
          value={value}
          maxLength={THREAD_LIMITS.titleMax}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
