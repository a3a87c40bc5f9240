import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/account-api.js';
import { fetchRoom, type RoomInfo } from './api.js';

export type RoomInfoState =
  | { status: 'loading' }
  | { status: 'ready'; room: RoomInfo }
  | { status: 'not-found' }
  | { status: 'signed-out' }
  | { status: 'forbidden' }
  | { status: 'error'; network: boolean };

/** `GET /api/rooms/:id`, read as what the page should say; `retry` asks again. */
export function useRoomInfo(id: number | null): { state: RoomInfoState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const key = `${id}#${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; state: RoomInfoState } | null>(null);
  useEffect(() => {
    if (id === null) return;
    let live = true;
    fetchRoom(id).then(
      (room) => live && setAnswer({ key, state: { status: 'ready', room } }),
      (err: unknown) => {
        if (!live) return;
        const status = err instanceof ApiError ? err.status : -1;
        const state: RoomInfoState =
          status === 404 || status === 400
            ? { status: 'not-found' }
            : status === 401
              ? { status: 'signed-out' }
              : status === 403
                ? { status: 'forbidden' }
                : { status: 'error', network: status === 0 };
        setAnswer({ key, state });
      },
    );
    return () => {
      live = false;
    };
  }, [id, key]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  if (id === null) return { state: { status: 'not-found' }, retry };
  return { state: answer?.key === key ? answer.state : { status: 'loading' }, retry };
}
