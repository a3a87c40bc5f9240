import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, SubmitOrCancel, useFormRun } from '../../../components/ui/form-kit.js';
import { editPost, type Post } from './api.js';
import { BodyField, TitleField } from './body-field.js';

/** Editing your own post in place (an opening post has its title too); "Cancel" leaves it as it was. */
export function PostEdit({ post, onDone }: { post: Post; onDone: (saved: Post | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const opening = post.id === post.thread_id;
  const [title, setTitle] = useState(post.title ?? '');
  const [body, setBody] = useState(post.body ?? '');
  const fields = form.problem?.fields ?? {};
  // The member asked to edit: focus goes to the text they will change.
  useEffect(() => document.getElementById(`${id}-${opening ? 'title' : 'body'}`)?.focus(), [id, opening]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (opening && !title.trim()) missing.title = t('threads.form.titleMissing');
    if (!body.trim()) missing.body = t('threads.form.bodyMissing');
    const count = Object.keys(missing).length;
    if (count > 0) return form.fail({ summary: t('account.errors.checkFields', { count }), fields: missing });
    let saved: Post | null = null;
    if (await form.run(async () => void (saved = await editPost(post.id, body, opening ? title.trim() : undefined))))
      onDone(saved);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="threads-form room-edit">
      <ErrorSummary form={form} />
      {opening && <TitleField id={`${id}-title`} value={title} onChange={setTitle} error={fields.title} />}
      <BodyField id={`${id}-body`} label={t('threads.post.editLabel')} value={body} onChange={setBody} error={fields.body} />
      <SubmitOrCancel
        busy={form.busy}
        label={t('threads.post.save')}
        busyLabel={t('threads.post.saving')}
        cancelLabel={t('threads.cancel')}
        onCancel={() => onDone(null)}
      />
    </form>
  );
}
