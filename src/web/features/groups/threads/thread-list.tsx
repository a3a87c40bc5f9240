import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ThreadSummary } from './api.js';
import { ReactionCounts } from './reaction-counts.js';

/** The group's threads, latest activity first: title, who started it, replies, last activity, support given. */
export function ThreadList({ slug, threads, firstNew }: { slug: string; threads: ThreadSummary[]; firstNew: number | null }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  if (threads.length === 0) return <p className="room-empty">{t('threads.empty')}</p>;
  return (
    <ul className="threads-list">
      {threads.map((th) => (
        <li key={th.id} className="card threads-item">
          <h3>
            <Link
              to={`/groups/${encodeURIComponent(slug)}/threads/${th.id}`}
              // "Show more": focus moves to the first thread it brought.
              {...(th.id === firstNew ? { 'data-first-new': '' } : {})}
            >
              {th.title ?? t(th.deleted ? 'threads.post.deletedThread' : 'threads.post.hiddenThread')}
            </Link>
          </h3>
          <p className="room-message-meta">
            <span className={th.author ? 'room-author' : 'room-author room-former'}>{th.author ?? t('room.formerMember')}</span>
            <span>{t('threads.replies', { count: th.reply_count })}</span>
            <span>
              {t('threads.lastActivity')} <time dateTime={th.last_activity_at}>{when(th.last_activity_at)}</time>
            </span>
          </p>
          <ReactionCounts counts={th.reactions} />
        </li>
      ))}
    </ul>
  );
}
