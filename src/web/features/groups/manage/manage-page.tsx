import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { signInHref } from '../../../lib/next-path.js';
import { useSession } from '../../../lib/session.js';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { canFacilitate } from '../group-access.js';
import { useGroup } from '../group/use-group.js';
import { EditPart } from './edit-part.js';
import { MeetingsPart } from './meetings-part.js';
import { MembersPart } from './members-part.js';
import { ProofsPart } from './proofs-part.js';
import { Refusal } from './refusal.js';
import { ReportsPart } from './reports-part.js';
import '../groups.css';

/**
 * `/groups/:slug/manage`: the group's facilitators' (and moderators') page: people first (requests waiting), then
 * live meetings, proofs of attendance asked for, open reports, and the group's own settings. The server decides
 * each request (`group.facilitate`, with a second factor); this page says why when it would refuse.
 */
export function ManagePage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { state: session, loading } = useSession();
  const { state, reload, setGroup } = useGroup(slug);
  const name = state.status === 'ready' ? state.group.name : '';
  useDocumentTitle(t('groups.manage.title', { name }));

  if (loading || state.status === 'loading') return <p role="status">{t('groups.loading')}</p>;
  if (state.status !== 'ready')
    return (
      <div className="groups-page">
        <h1>{t(`groups.page.problem.${state.status}`)}</h1>
        <p>
          <Link to="/groups">{t('groups.page.toDirectory')}</Link>
        </p>
      </div>
    );
  const { group, meetings } = state;
  const account = session?.account;
  const gate = !account
    ? 'signed-out'
    : !canFacilitate(group, account)
      ? 'facilitate'
      : !session?.second_factor
        ? 'second_factor'
        : null;
  const here = `/groups/${encodeURIComponent(group.slug)}`;

  return (
    <div className="groups-page">
      <p className="groups-back">
        <Link to={here}>{t('groups.manage.back', { name: group.name })}</Link>
      </p>
      <h1>{t('groups.manage.title', { name: group.name })}</h1>
      {gate === 'signed-out' ? (
        <p>
          <Link className="button" to={signInHref(`${here}/manage`)}>
            {t('groups.join.signIn')}
          </Link>
        </p>
      ) : gate ? (
        <Refusal reason={gate} />
      ) : (
        <>
          {group.archived && <p className="callout">{t('groups.page.archived')}</p>}
          <MembersPart group={group} onChanged={reload} />
          <MeetingsPart group={group} meetings={meetings} onChanged={reload} />
          <ProofsPart group={group} />
          <ReportsPart group={group} />
          <EditPart group={group} onSaved={setGroup} />
        </>
      )}
    </div>
  );
}
