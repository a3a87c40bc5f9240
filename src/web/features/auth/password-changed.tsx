import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account } from '../../lib/account-api.js';

/** After a new password: signed in here, signed out everywhere else, one recovery code fewer. */
export function PasswordChanged({ account, next }: { account: Account; next: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="auth-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('auth.recover.doneTitle')}
      </h1>
      <p>{t('auth.recover.done', { handle: account.handle })}</p>
      {account.recovery_codes_left < 10 && (
        <p className={account.recovery_codes_left <= 2 ? 'warning-box' : undefined}>
          {t('auth.recover.codesLeft', { count: account.recovery_codes_left })}
        </p>
      )}
      <p>
        <Link className="button" to={next}>
          {t('auth.signIn.continue')}
        </Link>
      </p>
    </div>
  );
}
