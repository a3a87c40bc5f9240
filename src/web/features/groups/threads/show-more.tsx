import { useTranslation } from 'react-i18next';
import type { useMore } from './use-more.js';

/** The "Show more" button under a paged list, with the failure of the last try said next to it. */
export function ShowMore({ list, label }: { list: ReturnType<typeof useMore>; label: string }) {
  const { t } = useTranslation();
  return (
    <>
      {list.problem && (
        <p role="alert" className="form-error">
          {list.problem}
        </p>
      )}
      {list.next && (
        <p>
          <button
            type="button"
            className="button secondary form-button"
            aria-disabled={list.busy || undefined}
            onClick={() => void list.more()}
          >
            {list.busy ? t('threads.loading') : label}
          </button>
        </p>
      )}
    </>
  );
}
