import { useCallback, useEffect, useState } from 'react';
import { fetchMeeting, RequestError, type MeetingDetail } from './api.js';

export type MeetingState =
  | { status: 'loading' }
  | { status: 'ready'; meeting: MeetingDetail }
  | { status: 'not-found' }
  | { status: 'error'; network: boolean };

/** The viewer's IANA zone, which the API uses to also give the next occurrences on their clock. */
export function viewerZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/**
 * The meeting the server embedded in its rendering of this page (`<script id="kinship-meeting">`, the same answer as
 * the API's), if it is this one: shown at once, so the page does not flash "loading" over the server's HTML while
 * the app asks again with the viewer's zone. Null on any other page, or if it cannot be read.
 */
function embeddedMeeting(id: string): MeetingDetail | null {
  const text = document.getElementById('kinship-meeting')?.textContent;
  if (!text) return null;
  try {
    const meeting = JSON.parse(text) as MeetingDetail;
    return String(meeting.id) === id ? meeting : null;
  } catch {
    return null;
  }
}

/** Loads one meeting; `retry` asks again after a failure. */
export function useMeeting(id: string): { state: MeetingState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  // Each answer is kept with the request it answers, so a new id or a retry shows "loading" until its own answer.
  const key = `${id}#${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; state: MeetingState } | null>(() => {
    const meeting = embeddedMeeting(id);
    return meeting ? { key, state: { status: 'ready', meeting } } : null;
  });

  useEffect(() => {
    const controller = new AbortController();
    const zone = viewerZone();
    const settle = (state: MeetingState) => setAnswer({ key, state });
    fetchMeeting(id, zone, controller.signal)
      .catch((err: unknown) => {
        // A zone name only this browser uses: ask without it (the page formats times in the viewer's zone itself).
        const badZone =
          err instanceof RequestError && err.status === 400 && err.body?.error.details?.some((d) => d.field === 'querystring.tz');
        if (zone && badZone) return fetchMeeting(id, null, controller.signal);
        throw err;
      })
      .then(
        (meeting) => settle({ status: 'ready', meeting }),
        (err: unknown) => {
          if (controller.signal.aborted) return;
          // The API answers 400 for an id that cannot exist ("abc"): to a person that is the same as not found.
          if (err instanceof RequestError && (err.status === 404 || err.status === 400)) settle({ status: 'not-found' });
          else settle({ status: 'error', network: err instanceof RequestError && err.status === 0 });
        },
      );
    return () => controller.abort();
  }, [id, key]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { state: answer?.key === key ? answer.state : { status: 'loading' }, retry };
}

/** The current time, refreshed every `everyMs`, so "Starting in N min" stays true while the page is open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
