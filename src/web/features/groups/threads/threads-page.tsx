import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { useSession } from '../../../lib/session.js';
import { fetchGroup, fetchThreads } from './api.js';
import { GateNote } from './gate-note.js';
import { GroupFrame, LoadProblem } from './group-frame.js';
import { NewThreadForm } from './new-thread-form.js';
import { postGate } from './post-gate.js';
import { ThreadList } from './thread-list.js';
import { useLoad } from './use-load.js';
import { useMore } from './use-more.js';
import { ShowMore } from './show-more.js';
import '../room/room.css';
import './threads.css';

/**
 * `/groups/:slug/threads` (issue 7, "Discussion threads"): the group's threads, latest activity first, paged with
 * "Show more"; "Start a thread" for those who may post, and for everyone else why not (and how to join or accept
 * the code of conduct on the group page). Readers are the group's people and moderators; the server decides.
 */
export function ThreadsPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const { state: session } = useSession();
  const { state, reload } = useLoad(slug || null, () => Promise.all([fetchGroup(slug), fetchThreads(slug, null)]));
  const [writing, setWriting] = useState(false);
  const ready = state.status === 'ready' ? state.data : null;
  const first = useMemo(() => (ready ? { items: ready[1].threads, next: ready[1].next_cursor } : null), [ready]);
  const page = useCallback(
    (cursor: string) => fetchThreads(slug, cursor).then((r) => ({ items: r.threads, next: r.next_cursor })),
    [slug],
  );
  const list = useMore(first, page);
  useDocumentTitle(ready ? `${t('threads.title')}: ${ready[0].name}` : t('threads.title'));

  if (!ready) return <LoadProblem state={state} slug={slug} retry={reload} />;
  const [group] = ready;
  const gate = postGate(group, Boolean(session?.account));
  return (
    <GroupFrame slug={slug} groupName={group.name} title={t('threads.title')}>
      <p className="lead">{t('threads.intro')}</p>
      {gate !== 'ok' ? (
        <GateNote gate={gate} slug={slug} />
      ) : writing ? (
        <NewThreadForm slug={slug} onCancel={() => setWriting(false)} />
      ) : (
        <p>
          <button type="button" className="button form-button" onClick={() => setWriting(true)}>
            {t('threads.form.open')}
          </button>
        </p>
      )}
      <section aria-labelledby="threads-list-h">
        <h2 id="threads-list-h">{t('threads.listTitle')}</h2>
        <ThreadList slug={slug} threads={list.items} firstNew={list.firstNew} />
        <ShowMore list={list} label={t('threads.more')} />
      </section>
    </GroupFrame>
  );
}
