import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../../shared/chat-protocol.js';
import { markdownText, parseMarkdownLite } from '../../../../shared/markdown-lite.js';

/** At most one announcement this often, so a busy room does not talk over itself (issue 7: polite, never focus). */
const THROTTLE_MS = 3000;
/** Characters of a message read out; the rest is in the list. */
const READ_MAX = 140;

/**
 * New messages from others, read by screen readers through a polite live region that is always in the page. Messages
 * that arrive within the throttle are gathered: one is read as "Sam said: …", several as "3 new messages. The
 * latest, Sam said: …". Focus never moves.
 */
export function useAnnouncer(): { text: string; announce: (message: MessageView) => void } {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const queue = useRef<MessageView[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastAt = useRef(0);

  const flush = useCallback(() => {
    timer.current = null;
    const batch = queue.current;
    queue.current = [];
    const latest = batch[batch.length - 1];
    if (!latest) return;
    lastAt.current = Date.now();
    const author = latest.author ?? t('room.formerMember');
    let body = latest.body ? markdownText(parseMarkdownLite(latest.body)).replace(/\s+/g, ' ').trim() : '';
    if (body.length > READ_MAX) body = `${body.slice(0, READ_MAX)}…`;
    const said = t('room.announce.said', { author, body });
    setText(batch.length === 1 ? said : t('room.announce.several', { count: batch.length, said }));
  }, [t]);

  const announce = useCallback(
    (message: MessageView) => {
      if (!message.body) return;
      queue.current.push(message);
      if (timer.current) return;
      const wait = Math.max(0, lastAt.current + THROTTLE_MS - Date.now());
      timer.current = setTimeout(flush, wait);
    },
    [flush],
  );
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { text, announce };
}

export function Announcer({ text }: { text: string }) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
