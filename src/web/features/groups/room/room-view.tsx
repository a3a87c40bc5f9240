import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Announcer, useAnnouncer } from './announcer.js';
import type { RoomInfo } from './api.js';
import { AttendancePanel } from './attendance-panel.js';
import { Composer } from './composer.js';
import { ConnectionStatus, useSecondClock } from './connection-status.js';
import { FacilitatorControls } from './facilitator-controls.js';
import { FormatPanel } from './format-panel.js';
import { HelpNow } from './help-dialog.js';
import { MessageList } from './message-list.js';
import { postBlock } from './post-block.js';
import { PresenceList } from './presence-list.js';
import { SharingQueue } from './sharing-queue.js';
import { errorText, retentionText, roomTitle } from './room-text.js';
import { useRoom } from './use-room.js';

/** A room that is open: the conversation and, beside it (below it on a phone), the meeting's panels. */
export function RoomView({ info }: { info: RoomInfo }) {
  const { t, i18n } = useTranslation();
  const { text, announce } = useAnnouncer();
  const room = useRoom(info.id, { enabled: info.status === 'open', onIncoming: announce });
  const state = room.state;
  const leads = room.you?.role === 'facilitator' || room.you?.role === 'moderator';
  // "What is said here stays here": when the meeting ends and the group keeps no chat, the server deletes it at once,
  // and the screens still open let it go too rather than keep showing it.
  const chatDeleted = room.closed === 'ended' && info.retention.delete_at_end;
  // Timers and countdowns tick each second; edit windows need only a coarse clock.
  const now = useSecondClock(true);
  const minute = Math.floor(now / 30_000) * 30_000;
  const block = postBlock({
    state,
    you: room.you,
    closed: info.status === 'closed' ? 'ended' : room.closed,
    sessionEnded: room.connection.status === 'ended',
    lastSentAt: room.lastSentAt,
    retryAt: room.retryAt,
    now,
  });
  const when = useMemo(
    () =>
      info.occurrence_at
        ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(info.occurrence_at))
        : null,
    [info.occurrence_at, i18n.language],
  );
  // Tools are not queued like messages: said plainly when the connection is down.
  const [offlineTool, setOfflineTool] = useState(false);
  const facilitate = (...args: Parameters<typeof room.facilitate>) => setOfflineTool(!room.facilitate(...args));
  const hand = (raised: boolean) => setOfflineTool(!room.hand(raised));

  return (
    <div className="room-page">
      <header className="room-header">
        <div>
          <p className="room-group">
            <Link to={`/groups/${encodeURIComponent(info.group.slug)}`}>{info.group.name}</Link>
          </p>
          <h1>{roomTitle(info, t)}</h1>
          {when && <p className="room-muted">{when}</p>}
        </div>
        <HelpNow />
      </header>
      {info.status === 'open' && <ConnectionStatus state={room.connection} roomId={info.id} onReconnect={room.reconnectNow} />}
      <p className="room-retention">{retentionText(info, t)}</p>
      <Announcer text={text} />
      {(info.status === 'closed' || room.closed) && (
        <p className="notice room-closed">{t(`room.closed.${info.status === 'closed' ? 'ended' : room.closed}`)}</p>
      )}
      {chatDeleted && <p className="room-muted">{t('room.chatDeleted')}</p>}
      <div role="alert" className="room-alert">
        {offlineTool && <p>{t('room.notConnected')}</p>}
        {room.error && (
          <p>
            {t('room.errorPrefix')} {errorText(room.error, t)}{' '}
            <button type="button" className="button secondary form-button" onClick={room.dismissError}>
              {t('room.dismiss')}
            </button>
          </p>
        )}
      </div>
      <div className="room-layout">
        <div className="room-main">
          <MessageList
            messages={chatDeleted ? [] : room.messages}
            pending={chatDeleted ? [] : room.pending}
            you={room.you}
            now={minute}
            edit={room.edit}
            remove={room.remove}
            facilitate={(action, id) => facilitate(action, id)}
            retry={room.retry}
            discard={room.discard}
          />
          {info.status === 'open' && <Composer block={block} connected={room.connection.status === 'open'} onSend={room.send} />}
        </div>
        <div className="room-side">
          {state && state.kind === 'live' && <FormatPanel state={state} now={now} />}
          {state && state.kind === 'live' && (
            <SharingQueue
              state={state}
              you={room.you}
              leads={leads}
              hand={hand}
              facilitate={(action, target) => facilitate(action, target)}
            />
          )}
          {leads && state && <FacilitatorControls state={state} facilitate={facilitate} />}
          {info.status === 'open' && (
            <PresenceList
              presence={room.presence}
              you={room.you?.handle ?? null}
              leads={leads}
              facilitate={(action, target) => facilitate(action, target)}
            />
          )}
          {info.kind === 'live' && info.attendance && <AttendancePanel room={info.id} initial={info.attendance} />}
        </div>
      </div>
    </div>
  );
}
