import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { useAccount } from './use-account.js';
import { Section } from './section.js';
import { ProfileFields } from './profile-section.js';
import { PreferencesFields } from './preferences-fields.js';
import { GuidelinesFields } from './guidelines-fields.js';
import { PasswordSection } from './password-section.js';
import { SessionsSection } from './sessions-section.js';
import { TwoFactorSection } from './two-factor-section.js';
import { DataSection } from './data-section.js';
import { BlocksSection } from './blocks-section.js';
import { AttendanceSection } from './attendance-section.js';
import { DeleteSection, type PostsChoice } from './delete-section.js';
import './account.css';

type Ending = { kind: 'deleted'; posts: PostsChoice } | { kind: 'signedOutEverywhere' } | null;

/**
 * `/account`: the member's own settings, sessions, two-step sign-in, data and deletion. Every change hands the
 * server's answer to the session context, so the header follows at once. A visitor who is not signed in is sent to
 * sign in (and back here after).
 */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const { account, loading } = useAccount();
  const [ending, setEnding] = useState<Ending>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // After deleting or signing out everywhere the page changes under the reader: start them at its new heading.
  useEffect(() => {
    if (ending) headingRef.current?.focus();
  }, [ending]);

  if (ending?.kind === 'deleted') return <Deleted posts={ending.posts} headingRef={headingRef} />;
  if (loading) return <p role="status">{t('account.loading')}</p>;
  if (!account)
    return (
      <div className="account-page">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('account.title')}
        </h1>
        {ending?.kind === 'signedOutEverywhere' && <p className="callout">{t('account.sessions.signedOutEverywhere')}</p>}
        <p>{t('account.signedOut')}</p>
        <p>
          <Link className="button" to="/sign-in?next=/account">
            {t('account.signIn')}
          </Link>
        </p>
      </div>
    );

  return (
    <div className="account-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('account.title')}
      </h1>
      <p className="lead">{t('account.intro')}</p>
      <Section title={t('account.profile.title')}>
        <ProfileFields />
        <h3>{t('account.preferences.title')}</h3>
        <PreferencesFields />
        <GuidelinesFields />
      </Section>
      <PasswordSection />
      <SessionsSection onSignedOut={() => setEnding({ kind: 'signedOutEverywhere' })} />
      <TwoFactorSection />
      <BlocksSection />
      <AttendanceSection />
      <DataSection />
      <DeleteSection onDeleted={(posts) => setEnding({ kind: 'deleted', posts })} />
    </div>
  );
}

/** After deleting: calm, plain words about what is gone and what stays. */
function Deleted({ posts, headingRef }: { posts: PostsChoice; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  return (
    <div className="account-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('account.deleted.title')}
      </h1>
      <p className="lead">{t('account.deleted.intro')}</p>
      <ul>
        <li>{t('account.deleted.account')}</li>
        <li>{t('account.deleted.security')}</li>
        <li>{posts === 'delete' ? t('account.deleted.postsDeleted') : t('account.deleted.postsKept')}</li>
      </ul>
      <p>{t('account.deleted.device')}</p>
      <p className="actions">
        <Link className="button" to="/">
          {t('account.deleted.home')}
        </Link>
        <Link className="button secondary" to="/help">
          {t('account.deleted.help')}
        </Link>
      </p>
    </div>
  );
}
