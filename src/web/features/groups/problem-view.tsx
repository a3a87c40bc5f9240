import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signInHref } from '../../lib/next-path.js';

/**
 * A groups page that could not show what was asked (a room, a thread list…): what happened in words, and the way
 * on — sign in and come back here, try again, any page-specific step (`children`), and "Get help now" always.
 */
export function ProblemView({
  title,
  body,
  signInBackTo,
  retry,
  children,
}: {
  title: string;
  body: string;
  /** Shown when signed out: sign in, then back to this path. */
  signInBackTo?: string | undefined;
  retry?: (() => void) | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="room-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <p className="actions">
        {signInBackTo && (
          <Link className="button" to={signInHref(signInBackTo)}>
            {t('layout.signIn')}
          </Link>
        )}
        {children}
        {retry && (
          <button type="button" className="button form-button" onClick={retry}>
            {t('meeting.retry')}
          </button>
        )}
        <Link className="button secondary" to="/help">
          {t('layout.getHelpNow')}
        </Link>
      </p>
    </div>
  );
}
