import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorSummary, SubmitOrCancel, useFormRun } from '../../../components/ui/form-kit.js';
import { startThread } from './api.js';
import { BodyField, TitleField } from './body-field.js';

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
  // The member pressed "Start a thread": the form they asked for takes focus.
  useEffect(() => document.getElementById(`${id}-title`)?.focus(), [id]);

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
    <form onSubmit={(e) => void submit(e)} noValidate className="threads-form room-edit" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('threads.form.title')}</h2>
      <ErrorSummary form={form} />
      <TitleField id={`${id}-title`} value={title} onChange={setTitle} error={fields.title} hint={t('threads.form.titleHint')} />
      <BodyField id={`${id}-body`} label={t('threads.form.bodyLabel')} value={body} onChange={setBody} error={fields.body} />
      <SubmitOrCancel
        busy={form.busy}
        label={t('threads.form.submit')}
        busyLabel={t('threads.form.posting')}
        cancelLabel={t('threads.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
