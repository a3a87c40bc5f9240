import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { useSession } from '../../../lib/session.js';
import { canFacilitate, canRead } from '../group-access.js';
import { GroupFacts } from './group-facts.js';
import { JoinPart } from './join-part.js';
import { LiveNow } from './live-now.js';
import { SchedulePart } from './schedule-part.js';
import { useGroup } from './use-group.js';
import '../groups.css';

/**
 * `/groups/:slug`: a group's public page (docs/groups.md "Who may do what": anyone may read it). Its description,
 * facts, what happens to live-meeting chat, the schedule in the viewer's and the group's time, the code of conduct
 * and joining; members also get the rooms under way and links to the open room, threads and strategies.
 */
export function GroupPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { state: session } = useSession();
  const { state, reload, setGroup } = useGroup(slug);
  useDocumentTitle(
    state.status === 'ready'
      ? state.group.name
      : state.status === 'loading'
        ? t('groups.loading')
        : t(`groups.page.problem.${state.status}`),
  );

  if (state.status === 'loading') return <p role="status">{t('groups.loading')}</p>;
  if (state.status !== 'ready')
    return (
      <div className="groups-page">
        <h1>{t(`groups.page.problem.${state.status}`)}</h1>
        <p>
          {state.status === 'error' && state.network ? t('groups.networkError') : t(`groups.page.problem.${state.status}Body`)}
        </p>
        <p className="actions">
          {state.status === 'error' && (
            <button type="button" className="button form-button" onClick={reload}>
              {t('groups.retry')}
            </button>
          )}
          <Link className="button secondary" to="/groups">
            {t('groups.page.toDirectory')}
          </Link>
        </p>
      </div>
    );

  const { group, meetings } = state;
  const account = session?.account;
  const reader = canRead(group, account);
  const base = `/groups/${encodeURIComponent(group.slug)}`;
  return (
    <div className="groups-page">
      <p className="groups-back">
        <Link to="/groups">{t('groups.page.toDirectory')}</Link>
      </p>
      <h1>{group.name}</h1>
      {group.archived && <p className="callout">{t('groups.page.archived')}</p>}
      <p className="groups-text">{group.description}</p>
      <LiveNow group={group} meetings={meetings} reader={reader} />
      {reader && (
        <nav aria-label={t('groups.page.memberNav')} className="groups-member-nav">
          <ul>
            {group.open_room_id !== null && (
              <li>
                <Link to={`/rooms/${group.open_room_id}`}>{t('groups.page.openRoom')}</Link>
              </li>
            )}
            <li>
              <Link to={`${base}/threads`}>{t('groups.page.threads')}</Link>
            </li>
            <li>
              <Link to={`${base}/strategies`}>{t('groups.page.strategies')}</Link>
            </li>
            {canFacilitate(group, account) && (
              <li>
                <Link to={`${base}/manage`}>{t('groups.page.manage')}</Link>
              </li>
            )}
          </ul>
        </nav>
      )}
      <GroupFacts group={group} />
      <SchedulePart group={group} meetings={meetings} />
      <section aria-labelledby="group-conduct" className="groups-section">
        <h2 id="group-conduct">{t('groups.page.conduct')}</h2>
        <p className="groups-text groups-conduct">{group.code_of_conduct}</p>
      </section>
      <JoinPart group={group} onChanged={setGroup} onStale={reload} />
    </div>
  );
}
