import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_LIMITS } from '../../../../shared/chat-protocol.js';
import type { PostBlock } from './post-block.js';

/** Blocks that remove the composer altogether: nothing typed here could ever be sent. */
const FINAL: ReadonlySet<PostBlock['reason']> = new Set(['observer', 'closed', 'removed', 'signedOut']);

/** The reason in words; a countdown is kept out of the announced text so it is not read every second. */
export function BlockReason({ block }: { block: PostBlock | null }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={block ? 'room-block' : 'room-block room-block-empty'}>
      {block && t(`room.block.${block.reason}`, block.reason === 'crossTalk' ? { sharer: block.sharer } : {})}
      {block?.reason === 'slowMode' && <span aria-hidden="true"> {t('room.block.slowModeIn', { count: block.seconds })}</span>}
    </p>
  );
}

/**
 * Writing a message: Enter sends, Shift+Enter starts a new line (and Enter while an input method is composing
 * does neither). The 4,000-character limit is the textarea's own, with a counter; while offline, messages wait in
 * the outbox and go when the connection is back.
 */
export function Composer({
  block,
  connected,
  onSend,
}: {
  block: PostBlock | null;
  connected: boolean;
  onSend: (body: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const left = CHAT_LIMITS.bodyMax - body.length;
  const canSend = !block && body.trim() !== '';

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!canSend) return;
    onSend(body);
    setBody('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  if (block && FINAL.has(block.reason)) return <BlockReason block={block} />;
  return (
    <form className="room-composer" onSubmit={submit}>
      <label htmlFor={id}>{t('room.composer.label')}</label>
      <p id={`${id}-hint`} className="form-hint">
        {t('room.composer.hint')}
        {!connected && <> {t('room.composer.queued')}</>}
      </p>
      <textarea
        id={id}
        value={body}
        maxLength={CHAT_LIMITS.bodyMax}
        rows={3}
        aria-describedby={`${id}-hint ${id}-count`}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="room-composer-row">
        <p id={`${id}-count`} className={left < 200 ? 'room-count room-count-low' : 'room-count'}>
          {t('room.composer.left', { count: left })}
        </p>
        <button type="submit" className="button form-button" aria-disabled={!canSend || undefined}>
          {t('room.composer.send')}
        </button>
      </div>
      <BlockReason block={block} />
    </form>
  );
}
