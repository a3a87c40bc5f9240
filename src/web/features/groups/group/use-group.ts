import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/account-api.js';
import { fetchGroup, type GroupPage } from '../api.js';
import { listMeetings, type LiveMeeting } from '../live-api.js';

export type GroupState =
  | { status: 'loading' }
  | { status: 'ready'; group: GroupPage; meetings: LiveMeeting[] }
  | { status: 'not-found' }
  | { status: 'error'; network: boolean };

/** A group's page and its live meetings (both public); `reload` asks again, `setGroup` takes a newer answer. */
export function useGroup(slug: string) {
  const [state, setState] = useState<GroupState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    Promise.all([fetchGroup(slug), listMeetings(slug)]).then(
      ([group, { meetings }]) => live && setState({ status: 'ready', group, meetings }),
      (err: unknown) => {
        if (!live) return;
        const status = err instanceof ApiError ? err.status : -1;
        setState(status === 404 || status === 400 ? { status: 'not-found' } : { status: 'error', network: status === 0 });
      },
    );
    return () => {
      live = false;
    };
  }, [slug, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setGroup = useCallback(
    (group: GroupPage) => setState((s) => (s.status === 'ready' ? { ...s, group } : { status: 'ready', group, meetings: [] })),
    [],
  );
  return { state, reload, setGroup };
}
