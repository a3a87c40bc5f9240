import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MarkdownView } from '../../../components/ui/markdown-view.js';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { fetchGroup, fetchStrategies } from './api.js';
import { GroupFrame, LoadProblem } from './group-frame.js';
import { useLoad } from './use-load.js';
import { useMore } from './use-more.js';
import { ShowMore } from './show-more.js';
import '../room/room.css';
import './threads.css';

/**
 * `/groups/:slug/strategies`: the group's collected coping strategies (issue 7: replies marked "helpful coping
 * strategy"), newest first, each with a link to the reply in its thread.
 */
export function StrategiesPage() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const { state, reload } = useLoad(slug || null, () => Promise.all([fetchGroup(slug), fetchStrategies(slug, null)]));
  const ready = state.status === 'ready' ? state.data : null;
  const first = useMemo(() => (ready ? { items: ready[1].strategies, next: ready[1].next_cursor } : null), [ready]);
  const page = useCallback(
    (cursor: string) => fetchStrategies(slug, cursor).then((r) => ({ items: r.strategies, next: r.next_cursor })),
    [slug],
  );
  const list = useMore(first, page);
  useDocumentTitle(ready ? `${t('threads.strategies.title')}: ${ready[0].name}` : t('threads.strategies.title'));
  if (!ready) return <LoadProblem state={state} slug={slug} retry={reload} />;
  // Someone you blocked stays out of sight here too (docs/groups.md "Safety").
  const shown = list.items.filter((s) => !s.blocked);
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));

  return (
    <GroupFrame slug={slug} groupName={ready[0].name} title={t('threads.strategies.title')}>
      <p className="lead">{t('threads.strategies.intro')}</p>
      {shown.length === 0 ? (
        <p className="room-empty">{t('threads.strategies.empty')}</p>
      ) : (
        <ul className="threads-list">
          {shown.map((s) => (
            <li key={s.id} className="card threads-item">
              <h2 className="threads-strategy-title">
                <Link
                  to={`/groups/${encodeURIComponent(slug)}/threads/${s.thread_id}#post-${s.id}`}
                  {...(s.id === list.firstNew ? { 'data-first-new': '' } : {})}
                >
                  {s.thread_title ?? t('threads.post.untitled')}
                </Link>
              </h2>
              {s.body !== null ? (
                <MarkdownView source={s.body} className="room-body" />
              ) : (
                <p className="room-placeholder">{t('threads.post.hidden')}</p>
              )}
              <p className="room-message-meta">
                <span className={s.author ? 'room-author' : 'room-author room-former'}>{s.author ?? t('room.formerMember')}</span>
                <time dateTime={s.created_at}>{when(s.created_at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <ShowMore list={list} label={t('threads.more')} />
    </GroupFrame>
  );
}
