import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../components/ui/api-problem.js';

/**
 * "Show more" over a cursor-paged list: the first page comes from the page's load, later pages are appended; focus
 * moves to the first item a page brought (it carries `data-first-new`), so keyboard and screen-reader users carry
 * on from there.
 */
export function useMore<T extends { id: number }>(
  first: { items: T[]; next: string | null } | null,
  fetchPage: (cursor: string) => Promise<{ items: T[]; next: string | null }>,
) {
  const { t } = useTranslation();
  type First = typeof first;
  // Pages fetched after `first`; a new first page (a reload) starts the list again.
  const [extraOf, setExtra] = useState<{ of: First; items: T[]; next: string | null } | null>(null);
  const [firstNewOf, setFirstNew] = useState<{ of: First; id: number } | null>(null);
  const extra = extraOf?.of === first ? extraOf : null;
  const firstNew = firstNewOf?.of === first ? firstNewOf.id : null;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    if (firstNew !== null) document.querySelector<HTMLElement>('[data-first-new]')?.focus();
  }, [firstNew]);
  const items = [...(first?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (first?.next ?? null);
  const more = useCallback(async () => {
    if (!next || busy) return;
    setBusy(true);
    setProblem('');
    try {
      const page = await fetchPage(next);
      setExtra((e) => ({ of: first, items: [...(e?.of === first ? e.items : []), ...page.items], next: page.next }));
      if (page.items[0]) setFirstNew({ of: first, id: page.items[0].id });
    } catch (err) {
      setProblem(describeApiError(err, t).summary);
    } finally {
      setBusy(false);
    }
  }, [next, busy, fetchPage, t, first]);
  return { items, next, more, busy, problem, firstNew };
}
