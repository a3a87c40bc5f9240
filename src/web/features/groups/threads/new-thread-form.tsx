import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { THREAD_LIMITS } from '../../../../shared/thread-limits.js';
import { BusyButton, ErrorSummary, Field, useFormRun } from '../../../components/ui/form-kit.js';
import { startThread } from './api.js';
import { BodyField } from './body-field.js';

/**
 * "Start a thread": a title (up to 140 characters) and the opening post (up to 4,000, the Markdown subset). Missing
 * fields are listed in the error summary and marked on the fields; on success the new thread opens.
 */
export function NewThreadForm({ slug, onCancel }: { slug: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const fields = form.problem?.fields ?? {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!title.trim()) missing.title = t('threads.form.titleMissing');
    if (!body.trim()) missing.body = t('threads.form.bodyMissing');
    const count = Object.keys(missing).length;
    if (count > 0) return form.fail({ summary: t('account.errors.checkFields', { count }), fields: missing });
    let made = 0;
    const ok = await form.run(async () => {
      made = (await startThread(slug, title.trim(), body)).post.id;
    });
    if (ok) void navigate(`/groups/${encodeURIComponent(slug)}/threads/${made}`);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="threads-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('threads.form.title')}</h2>
      <ErrorSummary form={form} />
      <Field id={`${id}-title`} label={t('threads.form.titleLabel')} hint={t('threads.form.titleHint')} error={fields.title}>
        {(props) => (
          <input
            {...props}
            type="text"
            value={title}
            maxLength={THREAD_LIMITS.titleMax}
            onChange={(e) => setTitle(e.target.value)}
            // The member pressed "Start a thread": the form they asked for takes focus.
            autoFocus
          />
        )}
      </Field>
      <BodyField id={`${id}-body`} label={t('threads.form.bodyLabel')} value={body} onChange={setBody} error={fields.body} />
      <p className="actions">
        <BusyButton busy={form.busy} label={t('threads.form.submit')} busyLabel={t('threads.form.posting')} />
        <button type="button" className="button secondary form-button" onClick={onCancel}>
          {t('threads.cancel')}
        </button>
      </p>
    </form>
  );
}
