import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { ProblemView } from '../problem-view.js';
import { roomTitle } from './room-text.js';
import { RoomView } from './room-view.js';
import { useRoomInfo } from './use-room-info.js';
import './room.css';

/**
 * `/rooms/:id`: a group's open room or a live meeting's room (issue 7). The room's facts come from
 * `GET /api/rooms/:id`; an open room then connects to `/ws` (room-view.tsx). A closed room says so and connects
 * nothing. Loaded lazily, so the chat's code (and zod, which parses its frames) is not in the first load.
 */
export function RoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const roomId = /^\d{1,15}$/.test(id) ? Number(id) : null;
  const { state, retry } = useRoomInfo(roomId);
  const title =
    state.status === 'ready'
      ? roomTitle(state.room, t)
      : state.status === 'loading'
        ? t('room.loading')
        : t(`room.problem.${state.status}.title`);
  useDocumentTitle(title);

  if (state.status === 'ready') return <RoomView key={state.room.id} info={state.room} />;
  if (state.status === 'loading')
    return (
      <p role="status" className="room-muted">
        {t('room.loading')}
      </p>
    );
  return (
    <ProblemView
      title={title}
      body={state.status === 'error' && state.network ? t('room.problem.network') : t(`room.problem.${state.status}.body`)}
      signInBackTo={state.status === 'signed-out' ? `/rooms/${id}` : undefined}
      retry={state.status === 'error' ? retry : undefined}
    />
  );
}
