import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../lib/session.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { AccountsPart } from './accounts-part.js';
import { AuditPart } from './audit-part.js';
import './people.css';

/**
 * `/admin/people`: accounts and their roles, and the audit log, for site admins signed in with a second factor. The
 * server decides (authorize in src/server/security/policy.ts); this page only avoids showing controls that would be
 * refused, and says why.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('people.title'));
  const { state, loading } = useSession();
  // A role change adds to the audit log: the log starts again from its newest page when this moves.
  const [auditVersion, setAuditVersion] = useState(0);

  if (loading) return <p role="status">{t('people.loading')}</p>;
  const account = state?.account;
  const admin = account?.roles.some((r) => r.role === 'site_admin') ?? false;

  return (
    <div className="people-page">
      <h1 tabIndex={-1}>{t('people.title')}</h1>
      {!account ? (
        <>
          <p>{t('people.signedOut')}</p>
          <p>
            <Link className="button" to="/sign-in?next=/admin/people">
              {t('people.signIn')}
            </Link>
          </p>
        </>
      ) : !admin || !state?.second_factor ? (
        <div className="callout">
          <p>
            <strong>{t('people.refused')}</strong>
          </p>
          <p>{admin ? t('people.refusedSecondFactor') : t('people.refusedRole')}</p>
          <p>
            <Link to="/account">{t('people.toAccount')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t('people.intro')}</p>
          <AccountsPart onChanged={() => setAuditVersion((n) => n + 1)} />
          <AuditPart key={auditVersion} />
        </>
      )}
    </div>
  );
}
