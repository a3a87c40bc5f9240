import { startTransition, useCallback, useEffect, useState } from 'react';
import { RequestError, searchMeetings, type SearchResponse } from './meetings-api.js';

interface Answer {
  /** The query (and attempt) this answer belongs to. */
  key: string;
  data: SearchResponse | null;
  error: RequestError | null;
}

export interface MeetingSearch {
  /** The latest answer, possibly for an earlier query while `loading` (shown dimmed rather than blanked). */
  data: SearchResponse | null;
  loading: boolean;
  error: RequestError | null;
  retry: () => void;
  loadingMore: boolean;
  moreError: boolean;
  /** Fetches the next page and appends it. */
  loadMore: () => void;
}

const asRequestError = (err: unknown) => (err instanceof RequestError ? err : new RequestError(0));

/**
 * Runs `GET /api/meetings?<apiQuery>` whenever the query changes. A change aborts the request still running for the
 * previous one, so a slow stale answer can never replace a newer one. Answers are applied in a transition, so
 * rendering a long list never delays typing or ticking the next filter.
 */
export function useMeetingSearch(apiQuery: string): MeetingSearch {
  const [attempt, setAttempt] = useState(0);
  const key = `${attempt}|${apiQuery}`;
  const [answer, setAnswer] = useState<Answer>({ key: '', data: null, error: null });
  const [more, setMore] = useState<{ key: string; cursor: string; failed: boolean } | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    searchMeetings(new URLSearchParams(apiQuery), abort.signal).then(
      (data) => startTransition(() => setAnswer({ key, data, error: null })),
      (err: unknown) => {
        if (!abort.signal.aborted) setAnswer((a) => ({ key, data: a.data, error: asRequestError(err) }));
      },
    );
    return () => abort.abort();
  }, [apiQuery, key]);

  const cursor = answer.key === key ? answer.data?.next_cursor : null;
  const pending = more !== null && more.key === key && more.cursor === cursor && !more.failed;

  useEffect(() => {
    if (!pending || !cursor) return;
    const abort = new AbortController();
    const query = new URLSearchParams(apiQuery);
    query.set('cursor', cursor);
    searchMeetings(query, abort.signal).then(
      (page) => {
        setAnswer((a) =>
          a.key === key && a.data
            ? { ...a, data: { ...a.data, results: [...a.data.results, ...page.results], next_cursor: page.next_cursor } }
            : a,
        );
      },
      () => {
        if (!abort.signal.aborted) setMore({ key, cursor, failed: true });
      },
    );
    return () => abort.abort();
  }, [pending, cursor, apiQuery, key]);

  const loadMore = useCallback(() => {
    if (cursor) setMore({ key, cursor, failed: false });
  }, [cursor, key]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    data: answer.data,
    loading: answer.key !== key,
    error: answer.key === key ? answer.error : null,
    retry,
    loadingMore: pending,
    moreError: more !== null && more.key === key && more.cursor === cursor && more.failed,
    loadMore,
  };
}
