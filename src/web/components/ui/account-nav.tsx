import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../lib/account-api.js';
import { signOut } from '../../lib/auth-api.js';
import { signInHref } from '../../lib/next-path.js';
import { useSession } from '../../lib/session.js';

/**
 * The header's account links. Signed out: "Sign in" (coming back to this page afterwards) and "Create account".
 * Signed in: a disclosure button with the handle, opening a short list (Account, People for site admins, Sign out).
 * A disclosure, not an ARIA menu: links and a button in the tab order work the same for everyone, with no arrow-key
 * contract to learn. Escape closes it and returns focus to the button.
 */
export function AccountNav() {
  const { t } = useTranslation();
  const { state } = useSession();
  const location = useLocation();
  if (!state) return null; // the first answer is on its way; nothing flashes "Sign in" for a signed-in member
  const account = state.account;
  return (
    <nav aria-label={t('layout.accountNav')} className="account-nav">
      {account ? (
        // Keyed by page, so the list closes after navigating.
        <AccountMenu key={location.pathname} handle={account.handle} admin={account.roles.some((r) => r.role === 'site_admin')} />
      ) : (
        <ul>
          <li>
            <Link to={signInHref(location.pathname + location.search)}>{t('layout.signIn')}</Link>
          </li>
          <li>
            <Link to="/sign-up">{t('layout.createAccount')}</Link>
          </li>
        </ul>
      )}
    </nav>
  );
}

function AccountMenu({ handle, admin }: { handle: string; admin: boolean }) {
  const { t } = useTranslation();
  const { setState, refresh } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Close when a click or focus lands outside.
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (wrapper.current && e.target instanceof Node && !wrapper.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);

  const toggle = () => {
    setError('');
    setOpen((o) => !o);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  };

  const doSignOut = async () => {
    setBusy(true);
    setError('');
    try {
      setState(await signOut());
      setOpen(false);
      void navigate('/sign-in', { state: { signedOut: true } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) setError(t('auth.errors.network'));
      else {
        // The session had already ended (or its token moved on): read the truth and carry on signed out.
        await refresh();
        setOpen(false);
        void navigate('/sign-in', { state: { signedOut: true } });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-menu" ref={wrapper} onKeyDown={onKeyDown}>
      <button ref={button} type="button" className="account-menu-button" aria-expanded={open} aria-controls={id} onClick={toggle}>
        <span className="visually-hidden">{t('layout.accountMenu')} </span>
        <span className="account-handle">{handle}</span>
        <span aria-hidden="true" className="account-caret">
          ▾
        </span>
      </button>
      <div id={id} className="account-menu-panel" hidden={!open}>
        <ul>
          <li>
            <Link to="/account">{t('layout.account')}</Link>
          </li>
          {admin && (
            <li>
              <Link to="/admin/people">{t('layout.people')}</Link>
            </li>
          )}
          <li>
            <button type="button" className="link-button" onClick={() => void doSignOut()} disabled={busy}>
              {t('layout.signOut')}
            </button>
          </li>
        </ul>
        <p role="alert" className="account-menu-error">
          {error}
        </p>
      </div>
    </div>
  );
}
