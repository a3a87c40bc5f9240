import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post } from './api.js';
import type { PostPermissions } from './post-item.js';

export type PostAction = 'delete' | 'report' | 'hide' | 'unhide' | 'block';

/** A post's actions in a disclosure (as the room's messages have them): one keyboard stop per post until opened. */
export function PostMenu({
  post,
  author,
  can,
  onEdit,
  onAction,
}: {
  post: Post;
  author: string;
  can: PostPermissions;
  onEdit: () => void;
  onAction: (action: PostAction) => void;
}) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const act = (fn: () => void) => () => {
    menu.current?.removeAttribute('open');
    fn();
  };
  const hasAny = can.edit || can.remove || can.report || can.hide || can.block;
  if (!hasAny) return null;
  return (
    <details className="room-actions" ref={menu}>
      <summary>
        {t('room.message.actions')}
        <span className="visually-hidden"> {t('threads.post.actionsFor', { author })}</span>
      </summary>
      <div className="room-action-buttons">
        {can.edit && (
          <button type="button" onClick={act(onEdit)}>
            {t('room.message.edit')}
          </button>
        )}
        {can.remove && (
          <button type="button" onClick={act(() => onAction('delete'))}>
            {t('room.message.delete')}
          </button>
        )}
        {can.report && (
          <button type="button" onClick={act(() => onAction('report'))}>
            {t('room.message.report')}
          </button>
        )}
        {can.hide && (
          <button type="button" onClick={act(() => onAction(post.hidden ? 'unhide' : 'hide'))}>
            {post.hidden ? t('room.message.unhide') : t('room.message.hide')}
          </button>
        )}
        {can.block && (
          <button type="button" onClick={act(() => onAction('block'))}>
            {t('threads.block.action', { author })}
          </button>
        )}
      </div>
    </details>
  );
}
