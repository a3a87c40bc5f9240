import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/account-api.js';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'not-found' }
  | { status: 'signed-out' }
  | { status: 'forbidden' }
  | { status: 'error'; network: boolean };

/**
 * One request read as what the page should say (as the room's `use-room-info.ts` does): ready, not found, signed
 * out, members only, or failed (network or server). `reload` asks again (keeping the loaded data on screen meanwhile); `update` changes the loaded data in place.
 */
export function useLoad<T>(
  key: string | null,
  load: () => Promise<T>,
): { state: LoadState<T>; reload: () => void; update: (fn: (data: T) => T) => void } {
  const [attempt, setAttempt] = useState(0);
  const full = `${key}#${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; base: string | null; state: LoadState<T> } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (data) => live && setAnswer({ key: full, base: key, state: { status: 'ready', data } }),
      (err: unknown) => live && setAnswer({ key: full, base: key, state: failure(err) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names what is loaded
  }, [full]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  const update = useCallback(
    (fn: (data: T) => T) =>
      setAnswer((a) => (a && a.state.status === 'ready' ? { ...a, state: { status: 'ready', data: fn(a.state.data) } } : a)),
    [],
  );
  if (key === null) return { state: { status: 'not-found' }, reload, update };
  // A reload keeps what is on screen until the new answer comes, so focus and scroll stay where they were.
  const kept = answer?.key === full || (answer?.base === key && answer.state.status === 'ready');
  return { state: kept && answer ? answer.state : { status: 'loading' }, reload, update };
}

function failure(err: unknown): LoadState<never> {
  const status = err instanceof ApiError ? err.status : -1;
  if (status === 404 || status === 400) return { status: 'not-found' };
  if (status === 401) return { status: 'signed-out' };
  if (status === 403) return { status: 'forbidden' };
  return { status: 'error', network: status === 0 };
}
