import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeApiError } from '../../../components/ui/api-problem.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { blockMember } from '../../../lib/blocks-api.js';
import { useSession } from '../../../lib/session.js';
import { useDocumentTitle } from '../../../lib/use-document-title.js';
import { ReportDialog } from '../room/report-dialog.js';
import { deletePost, fetchGroup, fetchThread, setHelpful, setHidden, setReaction, type Post } from './api.js';
import { GateNote } from './gate-note.js';
import { GroupFrame, LoadProblem } from './group-frame.js';
import { leadsGroup, postGate } from './post-gate.js';
import { PostItem, type PostPermissions } from './post-item.js';
import type { PostAction } from './post-menu.js';
import { ReplyComposer } from './reply-composer.js';
import { useLoad } from './use-load.js';
import { useMore } from './use-more.js';
import { ShowMore } from './show-more.js';
import '../room/room.css';
import './threads.css';

/**
 * `/groups/:slug/threads/:id`: a thread's opening post and its replies (paged), support reactions, the helpful
 * mark, the reply composer, and on each post its actions: edit and delete your own (delete asks first), report
 * (the room's dialog), hide for review (leads), block the author (asks first, saying what blocking does).
 */
export function ThreadPage() {
  const { t } = useTranslation();
  const { slug = '', id = '' } = useParams();
  const threadId = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const account = useSession().state?.account ?? null;
  const { state, reload } = useLoad(threadId === null ? null : `${slug}/${threadId}`, () =>
    Promise.all([fetchGroup(slug), fetchThread(threadId!, null)]),
  );
  const ready = state.status === 'ready' ? state.data : null;
  const first = useMemo(() => (ready ? { items: ready[1].replies, next: ready[1].next_cursor } : null), [ready]);
  const page = useCallback(
    (cursor: string) => fetchThread(threadId!, cursor).then((r) => ({ items: r.replies, next: r.next_cursor })),
    [threadId],
  );
  const list = useMore(first, page);
  // Posts changed here since the last load (reactions, edits, marks) and replies written here.
  const [changed, setChanged] = useState<Record<number, Post>>({});
  const [written, setWritten] = useState<Post[]>([]);
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState('');
  const [reporting, setReporting] = useState<Post | null>(null);
  const [deleting, setDeleting] = useState<Post | null>(null);
  const [blocking, setBlocking] = useState<Post | null>(null);
  // The title as edited here, if it was.
  const openingNow = ready ? (changed[ready[1].post.id] ?? ready[1].post) : null;
  const titleText = openingNow ? (openingNow.title ?? t('threads.post.untitled')) : t('threads.title');
  useDocumentTitle(titleText);
  // A link to one reply (from the strategies page) lands on it once the thread is on screen.
  const loaded = ready !== null;
  useEffect(() => {
    if (loaded && /^#post-\d+$/.test(location.hash)) document.getElementById(location.hash.slice(1))?.focus();
  }, [loaded]);

  if (!ready) return <LoadProblem state={state} slug={slug} retry={reload} />;
  const [group, thread] = ready;
  const gate = postGate(group, Boolean(account));
  const leads = leadsGroup(group, account);
  const view = (p: Post) => changed[p.id] ?? p;
  const opening = view(thread.post);
  const loadedIds = new Set(list.items.map((p) => p.id));
  const replies = [...list.items, ...(list.next ? [] : written.filter((p) => !loadedIds.has(p.id)))].map(view);

  const run = async (fn: () => Promise<unknown>) => {
    setProblem('');
    try {
      await fn();
      return true;
    } catch (err) {
      setProblem(describeApiError(err, t).summary);
      return false;
    }
  };
  const keep = (p: Post) => setChanged((c) => ({ ...c, [p.id]: p }));
  const permissions = (p: Post): PostPermissions => {
    const live = !p.deleted;
    const opener = p.id === p.thread_id;
    return {
      edit: p.mine && live && gate === 'ok',
      remove: p.mine && live,
      report: Boolean(account) && !p.mine && live && !p.blocked && p.body !== null,
      hide: leads && live,
      block: Boolean(account) && !p.mine && p.author !== null,
      react: gate === 'ok' && live && !p.blocked,
      markHelpful: !opener && live && !p.blocked && (leads || (opening.mine && gate === 'ok')),
    };
  };
  const onAction = (p: Post, action: PostAction) => {
    if (action === 'report') setReporting(p);
    else if (action === 'delete') setDeleting(p);
    else if (action === 'block') setBlocking(p);
    else void run(async () => keep(await setHidden(p.id, action === 'hide')));
  };
  const confirmDelete = async () => {
    const p = deleting;
    setDeleting(null);
    if (p && (await run(() => deletePost(p.id)))) {
      keep({ ...p, deleted: true, title: null, body: null, helpful: false });
      setStatus(t('threads.post.deletedStatus'));
    }
  };
  const confirmBlock = async () => {
    const p = blocking;
    setBlocking(null);
    if (!p?.author) return;
    const handle = p.author;
    if (await run(() => blockMember(handle))) {
      setChanged({});
      setWritten([]);
      setStatus(t('threads.block.done', { author: handle }));
      reload();
    }
  };
  const item = (p: Post, as?: 'article') => (
    <PostItem
      key={p.id}
      post={p}
      can={permissions(p)}
      {...(as ? { as } : {})}
      onReact={(post, kind, on) => void run(async () => keep(await setReaction(post.id, kind, on)))}
      onHelpful={(post, on) => void run(async () => keep(await setHelpful(post.id, on)))}
      onAction={onAction}
      onEdited={keep}
    />
  );

  return (
    <GroupFrame slug={slug} groupName={group.name} title={titleText}>
      <div role="alert" className="room-alert">
        {problem && <p>{problem}</p>}
      </div>
      <p role="status" className="threads-status">
        {status}
      </p>
      {item(opening, 'article')}
      <section aria-labelledby="thread-replies-h" className="threads-section">
        <h2 id="thread-replies-h">{t('threads.repliesTitle')}</h2>
        {replies.length === 0 ? (
          <p className="room-empty">{t('threads.noReplies')}</p>
        ) : (
          <ol className="room-list threads-replies">{replies.map((p) => item(p))}</ol>
        )}
        <ShowMore list={list} label={t('threads.moreReplies')} />
      </section>
      <section aria-labelledby="thread-reply-h" className="threads-section">
        <h2 id="thread-reply-h">{t('threads.reply.title')}</h2>
        {opening.deleted ? (
          <p className="room-block">{t('threads.reply.closed')}</p>
        ) : gate === 'ok' ? (
          <ReplyComposer threadId={thread.post.id} onPosted={(p) => setWritten((w) => [...w, p])} />
        ) : (
          <GateNote gate={gate} slug={slug} />
        )}
      </section>
      <ReportDialog message={reporting} kind="post" onClose={() => setReporting(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('threads.post.deleteTitle')}
        confirmLabel={t('room.message.delete')}
        cancelLabel={t('threads.cancel')}
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>{t('threads.post.deleteBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={blocking !== null}
        title={t('threads.block.title', { author: blocking?.author ?? '' })}
        confirmLabel={t('threads.block.confirm')}
        cancelLabel={t('threads.cancel')}
        onConfirm={() => void confirmBlock()}
        onCancel={() => setBlocking(null)}
      >
        <p>{t('threads.block.body', { author: blocking?.author ?? '' })}</p>
      </ConfirmDialog>
    </GroupFrame>
  );
}
