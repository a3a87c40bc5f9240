import { useRef, useState, type ElementType } from 'react';
import { useTranslation } from 'react-i18next';
import { MarkdownView } from '../../../components/ui/markdown-view.js';
import type { Post, ReactionKindName } from './api.js';
import { PostEdit } from './post-edit.js';
import { PostMenu, type PostAction } from './post-menu.js';
import { ReactionBar } from './reaction-bar.js';
import { ReactionCounts } from './reaction-counts.js';

/** What this reader may do with one post (worked out by the thread page from the group and the session). */
export interface PostPermissions {
  edit: boolean;
  remove: boolean;
  report: boolean;
  hide: boolean;
  block: boolean;
  react: boolean;
  /** Replies only: the thread's author (while they may post) and facilitators mark helpful coping strategies. */
  markHelpful: boolean;
}

/** The text, or what stands in for it: deleted, by someone you blocked, hidden for review (leads see it, marked). */
function PostBody({ post }: { post: Post }) {
  const { t } = useTranslation();
  if (post.deleted) return <p className="room-placeholder">{t('threads.post.deleted')}</p>;
  if (post.blocked) return <p className="room-placeholder">{t('threads.post.blocked')}</p>;
  if (post.body === null) return <p className="room-placeholder">{t('threads.post.hidden')}</p>;
  return (
    <>
      {post.hidden && <p className="room-placeholder">{t('threads.post.hiddenForOthers')}</p>}
      <MarkdownView source={post.body} className="room-body" />
    </>
  );
}

/**
 * One post of a thread: who and when, badges (edited, helpful coping strategy), the text drawn from the Markdown
 * subset (never as HTML), support reactions, the helpful mark for those who may set it, and the post's actions.
 */
export function PostItem({
  post,
  can,
  as: Tag = 'li',
  onReact,
  onHelpful,
  onAction,
  onEdited,
}: {
  post: Post;
  can: PostPermissions;
  as?: ElementType;
  onReact: (post: Post, kind: ReactionKindName, on: boolean) => void;
  onHelpful: (post: Post, on: boolean) => void;
  onAction: (post: Post, action: PostAction) => void;
  onEdited: (post: Post) => void;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const item = useRef<HTMLElement>(null);
  const author = post.author ?? t('room.formerMember');
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(post.created_at),
  );
  const done = (saved: Post | null) => {
    setEditing(false);
    if (saved) onEdited(saved);
    requestAnimationFrame(() => item.current?.focus());
  };
  const shown = !post.deleted && !post.blocked;

  return (
    <Tag
      ref={item}
      id={`post-${post.id}`}
      tabIndex={-1}
      className={`room-message threads-post${post.mine ? ' room-message-own' : ''}`}
    >
      <p className="room-message-meta">
        <span className={post.author ? 'room-author' : 'room-author room-former'}>
          {post.blocked ? t('threads.post.someoneBlocked') : author}
        </span>{' '}
        <time dateTime={post.created_at}>{time}</time>
        {post.edited && shown && <span className="room-edited"> {t('room.message.edited')}</span>}
        {post.helpful && <span className="badge threads-helpful-badge">{t('threads.helpful.badge')}</span>}
      </p>
      {editing ? <PostEdit post={post} onDone={done} /> : <PostBody post={post} />}
      {shown && !editing && (
        <div className="threads-post-tools">
          {can.react ? (
            <ReactionBar post={post} author={author} onToggle={(kind, on) => onReact(post, kind, on)} />
          ) : (
            <ReactionCounts counts={post.reactions.counts} />
          )}
          {can.markHelpful && (
            <button
              type="button"
              className="threads-helpful-toggle"
              aria-pressed={post.helpful}
              onClick={() => onHelpful(post, !post.helpful)}
            >
              {t('threads.helpful.toggle')}
            </button>
          )}
        </div>
      )}
      {!editing && !post.deleted && (
        <PostMenu post={post} author={author} can={can} onEdit={() => setEditing(true)} onAction={(a) => onAction(post, a)} />
      )}
    </Tag>
  );
}
