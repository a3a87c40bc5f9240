import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_LIMITS, type MessageView } from '../../../../shared/chat-protocol.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import type { PendingSend } from '../chat/chat-client.js';
import { MessageBody, MessageItem, MessageMeta, type MessageHandlers } from './message-item.js';
import { canChange } from './post-block.js';
import { ReportDialog } from './report-dialog.js';
import { errorText } from './room-text.js';
import type { You } from './use-room.js';

/** Within this many pixels of the end, a new message keeps the list scrolled to the end; further up, it stays put. */
const STICK_PX = 80;

/**
 * The conversation: pinned messages first, then every message in the order it was posted, then this member's
 * messages still on their way (or refused, with the reason and "Try again"). The list scrolls by itself only when
 * the reader is already at its end, and never takes focus; new messages are read out by the announcer.
 */
export function MessageList({
  messages,
  pending,
  you,
  now,
  edit,
  remove,
  facilitate,
  retry,
  discard,
}: {
  messages: MessageView[];
  pending: PendingSend[];
  you: You | null;
  now: number;
  edit: (id: number, body: string) => boolean;
  remove: (id: number) => boolean;
  facilitate: (action: 'hide' | 'unhide' | 'pin' | 'unpin', id: number) => void;
  retry: (nonce: string) => void;
  discard: (nonce: string) => void;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const [deleting, setDeleting] = useState<MessageView | null>(null);
  const [reporting, setReporting] = useState<MessageView | null>(null);
  const leads = you?.role === 'facilitator' || you?.role === 'moderator';
  const pinned = messages.filter((m) => m.pinned && !m.deleted);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length]);

  const on: MessageHandlers = {
    edit,
    askDelete: setDeleting,
    report: setReporting,
    facilitate,
  };

  return (
    <>
      {pinned.length > 0 && (
        <section className="room-pinned" aria-labelledby="room-pinned-title">
          <h2 id="room-pinned-title">{t('room.pinnedTitle')}</h2>
          <ul>
            {pinned.map((m) => (
              <li key={m.id}>
                <MessageMeta message={m} />
                <MessageBody message={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="room-messages" aria-labelledby="room-messages-title">
        <h2 id="room-messages-title" className="visually-hidden">
          {t('room.messagesTitle')}
        </h2>
        <div
          ref={scroller}
          className="room-scroll"
          // Focusable, so the list can be scrolled with the keyboard.
          tabIndex={0}
          aria-labelledby="room-messages-title"
          role="region"
          onScroll={(e) => {
            const el = e.currentTarget;
            atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
          }}
        >
          {messages.length === 0 && pending.length === 0 && <p className="room-empty">{t('room.empty')}</p>}
          <ol className="room-list">
            {messages.map((m) => (
              <MessageItem
                key={m.id}
                message={m}
                can={{
                  own: you !== null && m.author === you.handle,
                  changeable: canChange(m, you, now, CHAT_LIMITS.editWindowMinutes),
                  leads,
                }}
                on={on}
              />
            ))}
            {pending.map((p) => (
              <li key={p.nonce} className="room-message room-message-own room-pending">
                <p className="room-message-meta">
                  <span className="room-author">{you?.handle}</span>{' '}
                  {p.failed ? (
                    <strong className="form-error">{t('room.pending.failed', { reason: errorText(p.failed, t) })}</strong>
                  ) : (
                    <span>{t('room.pending.sending')}</span>
                  )}
                </p>
                <p className="room-body">{p.body}</p>
                {p.failed && (
                  <p className="actions">
                    <button type="button" className="button secondary form-button" onClick={() => retry(p.nonce)}>
                      {t('room.pending.retry')}
                    </button>
                    <button type="button" className="button secondary form-button" onClick={() => discard(p.nonce)}>
                      {t('room.pending.discard')}
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ol>
        </div>
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={t('room.message.deleteTitle')}
        confirmLabel={t('room.message.delete')}
        cancelLabel={t('room.message.cancel')}
        danger
        onConfirm={() => {
          if (deleting) remove(deleting.id);
          setDeleting(null);
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>{t('room.message.deleteBody')}</p>
      </ConfirmDialog>
      <ReportDialog message={reporting} onClose={() => setReporting(null)} />
    </>
  );
}
