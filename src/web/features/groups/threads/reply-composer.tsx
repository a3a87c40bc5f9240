import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton, ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { postReply, type Post } from './api.js';
import { BodyField } from './body-field.js';

/**
 * Replying to a thread. Unlike chat, Enter makes a new line (a reply is often long); the button posts. After
 * posting, the text is cleared, focus stays here and a polite status says it went.
 */
export function ReplyComposer({ threadId, onPosted }: { threadId: number; onPosted: (post: Post) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const [body, setBody] = useState('');
  const [status, setStatus] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    if (!body.trim()) {
      const fields = { body: t('threads.form.bodyMissing') };
      return form.fail({ summary: t('account.errors.checkFields', { count: 1 }), fields });
    }
    let made: Post | null = null;
    if (await form.run(async () => void (made = await postReply(threadId, body)))) {
      setBody('');
      setStatus(t('threads.reply.posted'));
      if (made) onPosted(made);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="threads-form room-edit">
      <ErrorSummary form={form} />
      <BodyField
        id={`${id}-body`}
        label={t('threads.reply.label')}
        value={body}
        onChange={setBody}
        error={form.problem?.fields.body}
        rows={4}
      />
      <p className="actions">
        <BusyButton busy={form.busy} label={t('threads.reply.submit')} busyLabel={t('threads.form.posting')} />
      </p>
      <p role="status" className="threads-status">
        {status}
      </p>
    </form>
  );
}
