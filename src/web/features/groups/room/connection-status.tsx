import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signInHref } from '../../../lib/next-path.js';
import type { ConnectionState } from '../chat/chat-client.js';

/** A clock that ticks every second while `running`, for countdowns. */
export function useSecondClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/**
 * The connection in words: connected, reconnecting (with its countdown and "Reconnect now"), offline, signed out.
 * The status region announces changes politely; the countdown itself is hidden from it, so a screen reader hears
 * "Connection lost, reconnecting" once rather than every second.
 */
export function ConnectionStatus({
  state,
  roomId,
  onReconnect,
}: {
  state: ConnectionState;
  roomId: number;
  onReconnect: () => void;
}) {
  const { t } = useTranslation();
  const now = useSecondClock(state.status === 'reconnecting');
  const seconds = state.status === 'reconnecting' ? Math.max(0, Math.ceil((state.at - now) / 1000)) : 0;
  return (
    <div className={`room-connection room-connection-${state.status}`}>
      <p role="status">
        {t(`room.connection.${state.status}`)}
        {state.status === 'reconnecting' && seconds > 0 && (
          <span aria-hidden="true"> {t('room.connection.inSeconds', { count: seconds })}</span>
        )}
      </p>
      {state.status === 'reconnecting' && (
        <button type="button" className="button secondary form-button" onClick={onReconnect}>
          {t('room.connection.now')}
        </button>
      )}
      {state.status === 'ended' && (
        <Link className="button form-button" to={signInHref(`/rooms/${roomId}`)}>
          {t('room.connection.signIn')}
        </Link>
      )}
    </div>
  );
}
