import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_LIMITS, type MessageView } from '../../../../shared/chat-protocol.js';
import { MarkdownView } from '../../../components/ui/markdown-view.js';

export interface MessagePermissions {
  own: boolean;
  /** The author may still edit or delete it (their own, within the window). */
  changeable: boolean;
  /** Facilitators and moderators: hide/unhide, pin/unpin. */
  leads: boolean;
}

export interface MessageHandlers {
  edit: (id: number, body: string) => boolean;
  askDelete: (message: MessageView) => void;
  report: (message: MessageView) => void;
  facilitate: (action: 'hide' | 'unhide' | 'pin' | 'unpin', id: number) => void;
}

/** The body, or what stands in for it: deleted, or hidden pending review (with the text for facilitators). */
export function MessageBody({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  if (message.deleted) return <p className="room-placeholder">{t('room.message.deleted')}</p>;
  if (message.body === null) return <p className="room-placeholder">{t('room.message.hidden')}</p>;
  return (
    <>
      {message.hidden && <p className="room-placeholder">{t('room.message.hiddenForOthers')}</p>}
      <MarkdownView source={message.body} className="room-body" />
    </>
  );
}

/** Who wrote it and when; "former member" for an account that was deleted with its posts kept. */
export function MessageMeta({ message }: { message: MessageView }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(message.created_at));
  return (
    <p className="room-message-meta">
      <span className={message.author ? 'room-author' : 'room-author room-former'}>
        {message.author ?? t('room.formerMember')}
      </span>{' '}
      <time dateTime={message.created_at}>{time}</time>
      {message.edited_at && !message.deleted && <span className="room-edited"> {t('room.message.edited')}</span>}
      {message.pinned && <span className="badge room-pin-badge">{t('room.message.pinned')}</span>}
    </p>
  );
}

/** One message with its actions (a disclosure, so the list stays calm and every action is one keyboard stop away). */
export function MessageItem({ message, can, on }: { message: MessageView; can: MessagePermissions; on: MessageHandlers }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);
  const item = useRef<HTMLLIElement>(null);
  /** Leaves the edit box; focus returns to the message rather than to the page's start. */
  const stopEditing = () => {
    setDraft(null);
    setProblem('');
    requestAnimationFrame(() => item.current?.focus());
  };
  /** Runs an action from the menu and folds the menu away. */
  const act = (fn: () => void) => () => {
    menu.current?.removeAttribute('open');
    fn();
  };
  const author = message.author ?? t('room.formerMember');

  const save = () => {
    if (draft === null || draft.trim() === '') return;
    if (!on.edit(message.id, draft)) return setProblem(t('room.notConnected'));
    stopEditing();
  };
  const hasActions = !message.deleted && (can.changeable || !can.own || can.leads);

  return (
    <li className={`room-message${can.own ? ' room-message-own' : ''}`} id={`message-${message.id}`} ref={item} tabIndex={-1}>
      <MessageMeta message={message} />
      {draft === null ? (
        <MessageBody message={message} />
      ) : (
        <div className="room-edit">
          <label htmlFor={`${id}-edit`}>{t('room.message.editLabel')}</label>
          <textarea
            id={`${id}-edit`}
            value={draft}
            maxLength={CHAT_LIMITS.bodyMax}
            rows={3}
            onChange={(e) => setDraft(e.target.value)}
            // The member asked to edit this very text: focus goes to it.
            autoFocus
          />
          {problem && <p className="form-error">{problem}</p>}
          <p className="actions">
            <button type="button" className="button form-button" onClick={save}>
              {t('room.message.save')}
            </button>
            <button type="button" className="button secondary form-button" onClick={stopEditing}>
              {t('room.message.cancel')}
            </button>
          </p>
        </div>
      )}
      {hasActions && draft === null && (
        <details className="room-actions" ref={menu}>
          <summary>
            {t('room.message.actions')}
            <span className="visually-hidden"> {t('room.message.actionsFor', { author })}</span>
          </summary>
          <div className="room-action-buttons">
            {can.changeable && (
              <>
                <button type="button" onClick={act(() => setDraft(message.body ?? ''))}>
                  {t('room.message.edit')}
                </button>
                <button type="button" onClick={act(() => on.askDelete(message))}>
                  {t('room.message.delete')}
                </button>
              </>
            )}
            {!can.own && (
              <button type="button" onClick={act(() => on.report(message))}>
                {t('room.message.report')}
              </button>
            )}
            {can.leads && (
              <>
                <button type="button" onClick={act(() => on.facilitate(message.hidden ? 'unhide' : 'hide', message.id))}>
                  {message.hidden ? t('room.message.unhide') : t('room.message.hide')}
                </button>
                <button type="button" onClick={act(() => on.facilitate(message.pinned ? 'unpin' : 'pin', message.id))}>
                  {message.pinned ? t('room.message.unpin') : t('room.message.pin')}
                </button>
              </>
            )}
          </div>
        </details>
      )}
    </li>
  );
}
