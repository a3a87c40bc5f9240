import { useTranslation } from 'react-i18next';
import type { FacilitatorAction, RoomState } from '../../../../shared/chat-protocol.js';
import { mayRaiseHand } from './post-block.js';
import type { You } from './use-room.js';

/**
 * The sharing queue (docs/groups.md "Sharing queue"): members raise a hand, the facilitator calls on them in order
 * (or by name), and the current sharer is shown first and highlighted until the share is finished.
 */
export function SharingQueue({
  state,
  you,
  leads,
  hand,
  facilitate,
}: {
  state: RoomState;
  you: You | null;
  leads: boolean;
  hand: (raised: boolean) => void;
  facilitate: (action: FacilitatorAction, target?: string) => void;
}) {
  const { t } = useTranslation();
  const raised = you !== null && state.queue.includes(you.handle);
  const canRaise = mayRaiseHand(state, you);
  return (
    <section className="room-panel" aria-labelledby="room-queue-title">
      <h2 id="room-queue-title">{t('room.queue.title')}</h2>
      {state.sharer ? (
        <p className="room-sharer">
          <strong>{t('room.queue.sharing', { handle: state.sharer })}</strong>
        </p>
      ) : (
        <p className="room-muted">{t('room.queue.nobody')}</p>
      )}
      {state.queue.length > 0 ? (
        <ol className="room-queue">
          {state.queue.map((handle) => (
            <li key={handle}>
              <span>
                {handle}
                {handle === you?.handle && <> {t('room.presence.you')}</>}
              </span>
              {leads && (
                <button type="button" className="button secondary form-button" onClick={() => facilitate('call', handle)}>
                  {t('room.queue.call')}
                  <span className="visually-hidden"> {handle}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="room-muted">{t('room.queue.empty')}</p>
      )}
      <p className="actions">
        {canRaise && (
          <button type="button" className="button form-button" aria-pressed={raised} onClick={() => hand(!raised)}>
            {raised ? t('room.queue.lower') : t('room.queue.raise')}
          </button>
        )}
        {leads && state.queue.length > 0 && (
          <button type="button" className="button secondary form-button" onClick={() => facilitate('call_next')}>
            {t('room.queue.callNext')}
          </button>
        )}
        {leads && state.sharer && (
          <button type="button" className="button secondary form-button" onClick={() => facilitate('finish_share')}>
            {t('room.queue.finish')}
          </button>
        )}
      </p>
    </section>
  );
}
