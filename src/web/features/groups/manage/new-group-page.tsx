import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { signInHref } from '../../../lib/next-path.js';
import { useSession } from '../../../lib/session.js';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { BusyButton, ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { createGroup } from '../api.js';
import { canCreateGroups } from '../group-access.js';
import { fieldsOf, isProblem, newDraft, type GroupDraft } from './group-draft.js';
import { GroupFields } from './group-fields.js';
import { Refusal, refusalOf } from './refusal.js';
import '../groups.css';

/**
 * `/groups/new`: start a group (docs/groups.md: a facilitator grant, an organisation admin or a site admin, signed
 * in with a second factor; the creator becomes its first facilitator). On success, the group's page.
 */
export function NewGroupPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('groups.create.title'));
  const navigate = useNavigate();
  const { state, loading } = useSession();
  const form = useFormRun();
  const [draft, setDraft] = useState<GroupDraft>(() => newDraft(t, i18n.language));
  const [refused, setRefused] = useState<ReturnType<typeof refusalOf>>(null);

  if (loading) return <p role="status">{t('groups.loading')}</p>;
  const account = state?.account;
  const gate = !account ? 'signed-out' : !canCreateGroups(account) ? 'role' : !state?.second_factor ? 'second_factor' : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = fieldsOf(draft, t);
    if (isProblem(fields)) return form.fail(fields);
    let slug = '';
    const ok = await form.run(async () => {
      try {
        slug = (await createGroup({ ...fields, open_room_slow_mode_seconds: draft.slow })).slug;
      } catch (err) {
        setRefused(refusalOf(err, 'role'));
        throw err;
      }
    });
    if (ok) void navigate(`/groups/${encodeURIComponent(slug)}`);
  };

  return (
    <div className="groups-page">
      <p className="groups-back">
        <Link to="/groups">{t('groups.page.toDirectory')}</Link>
      </p>
      <h1>{t('groups.create.title')}</h1>
      {gate === 'signed-out' ? (
        <>
          <p>{t('groups.create.signedOut')}</p>
          <p>
            <Link className="button" to={signInHref('/groups/new')}>
              {t('groups.join.signIn')}
            </Link>
          </p>
        </>
      ) : gate ? (
        <Refusal reason={gate} />
      ) : (
        <>
          <p className="lead">{t('groups.create.intro')}</p>
          {refused && <Refusal reason={refused} />}
          <form noValidate aria-busy={form.busy} onSubmit={(e) => void submit(e)} className="groups-form">
            <ErrorSummary form={form} />
            <GroupFields draft={draft} onChange={setDraft} errors={form.problem?.fields} creating />
            <p className="actions">
              <BusyButton busy={form.busy} label={t('groups.create.submit')} busyLabel={t('groups.working')} />
            </p>
          </form>
        </>
      )}
    </div>
  );
}
