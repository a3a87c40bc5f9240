import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteAccount } from '../../lib/account-settings-api.js';
import { BusyButton, ErrorSummary, Field, useFormRun } from '../../components/ui/form-kit.js';
import { useAccount } from './use-account.js';
import { Section } from './section.js';

export type PostsChoice = 'delete' | 'keep';

/**
 * The danger zone: deleting the account for good. The password, a choice about group posts, and a box saying the
 * member understands; the page then shows what was deleted.
 */
export function DeleteSection({ onDeleted }: { onDeleted: (posts: PostsChoice) => void }) {
  const { t } = useTranslation();
  const { setState } = useAccount();
  const id = useId();
  const form = useFormRun();
  const [password, setPassword] = useState('');
  const [posts, setPosts] = useState<PostsChoice | ''>('');
  const [sure, setSure] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (!password) fields.password = t('account.password.currentMissing');
    if (!posts) fields.posts = t('account.delete.postsMissing');
    if (!sure) fields.sure = t('account.delete.sureMissing');
    if (Object.keys(fields).length > 0)
      return form.fail({ summary: t('account.errors.checkFields', { count: Object.keys(fields).length }), fields });
    const choice = posts as PostsChoice;
    const ok = await form.run(async () => setState(await deleteAccount(password, choice)));
    if (ok) onDeleted(choice);
  };

  const err = form.problem?.fields;
  return (
    <Section title={t('account.delete.title')} className="account-danger">
      <p>{t('account.delete.intro')}</p>
      <form noValidate aria-busy={form.busy} onSubmit={(e) => void submit(e)}>
        <ErrorSummary form={form} />
        <fieldset className="form-field" aria-describedby={err?.posts ? `${id}-posts-error` : undefined}>
          <legend className="form-legend">{t('account.delete.posts')}</legend>
          {err?.posts && (
            <p id={`${id}-posts-error`} className="form-error">
              {err.posts}
            </p>
          )}
          {(['delete', 'keep'] as const).map((choice) => (
            <div className="form-check" key={choice}>
              <input
                id={`${id}-posts-${choice}`}
                type="radio"
                name={`${id}-posts`}
                value={choice}
                checked={posts === choice}
                onChange={() => setPosts(choice)}
              />
              <label htmlFor={`${id}-posts-${choice}`}>{t(`account.delete.posts_${choice}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field id={`${id}-password`} label={t('account.delete.password')} error={err?.password}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {err?.sure && (
          <p id={`${id}-sure-error`} className="form-error">
            {err.sure}
          </p>
        )}
        <div className="form-check">
          <input
            id={`${id}-sure`}
            type="checkbox"
            checked={sure}
            aria-invalid={err?.sure ? true : undefined}
            aria-describedby={err?.sure ? `${id}-sure-error` : undefined}
            onChange={(e) => setSure(e.target.checked)}
          />
          <label htmlFor={`${id}-sure`}>{t('account.delete.sure')}</label>
        </div>
        <p className="actions">
          <BusyButton busy={form.busy} variant="danger" label={t('account.delete.submit')} busyLabel={t('account.working')} />
        </p>
      </form>
    </Section>
  );
}
