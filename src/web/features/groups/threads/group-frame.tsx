import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { ProblemView } from '../problem-view.js';
import { HelpNow } from '../room/help-dialog.js';
import type { LoadState } from './use-load.js';

export const groupHref = (slug: string) => `/groups/${encodeURIComponent(slug)}`;

/**
 * The top of every threads page: the group's name (a link to its page), the page's h1, "Get help now" in one tap
 * (the room's dialog, so a draft is not lost; the header's link to /help stays too) and the group's discussion
 * pages.
 */
export function GroupFrame({
  slug,
  groupName,
  title,
  children,
}: {
  slug: string;
  groupName: string | null;
  title: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const base = groupHref(slug);
  return (
    <div className="room-page threads-page">
      <header className="room-header">
        <div>
          <p className="room-group">
            <Link to={base}>{groupName ?? t('threads.groupPage')}</Link>
          </p>
          <h1>{title}</h1>
        </div>
        <HelpNow />
      </header>
      <nav aria-label={t('threads.nav')} className="threads-nav">
        <ul>
          <li>
            <NavLink to={`${base}/threads`} end>
              {t('threads.title')}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/strategies`}>{t('threads.strategies.title')}</NavLink>
          </li>
        </ul>
      </nav>
      {children}
    </div>
  );
}

/** What a page says when its request did not give it data: sign in, members only, not found, or try again. */
export function LoadProblem({ state, slug, retry }: { state: LoadState<unknown>; slug: string; retry: () => void }) {
  const { t } = useTranslation();
  const here = typeof location === 'undefined' ? '/' : location.pathname;
  if (state.status === 'ready') return null;
  if (state.status === 'loading')
    return (
      <p role="status" className="room-muted">
        {t('threads.loading')}
      </p>
    );
  return (
    <ProblemView
      title={t(`threads.problem.${state.status}.title`)}
      body={state.status === 'error' && state.network ? t('room.problem.network') : t(`threads.problem.${state.status}.body`)}
      signInBackTo={state.status === 'signed-out' ? here : undefined}
      retry={state.status === 'error' ? retry : undefined}
    >
      {state.status === 'forbidden' && (
        <Link className="button" to={groupHref(slug)}>
          {t('threads.gate.toGroup')}
        </Link>
      )}
    </ProblemView>
  );
}
