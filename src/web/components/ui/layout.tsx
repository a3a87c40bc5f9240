import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountNav } from './account-nav.js';
import { DiscreetToggle, QuickExitButton, useDiscreetEffects } from './discreet-mode.js';
import { LanguageSwitcher } from './language-switcher.js';
import { OfflineIndicator } from './offline-indicator.js';
import './header-account.css';

/**
 * The frame of every page: a skip link, banner, navigation with "Get help now"
 * always visible, the main region and a footer. After client-side navigation
 * focus moves to <main>, so screen-reader and keyboard users start at the new
 * content instead of being left on the link they activated.
 */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  // Compare with the last path rather than counting renders, so a re-run of the
  // effect (StrictMode, a language change) never steals focus on first load.
  const lastPath = useRef(location.pathname);
  const discreet = useDiscreetEffects();

  useEffect(() => {
    if (lastPath.current === location.pathname) return;
    lastPath.current = location.pathname;
    mainRef.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            <img src="/icon.svg" alt="" width="28" height="28" />
            <span>{t('app.name')}</span>
          </Link>
          <nav aria-label={t('layout.primaryNav')} className="primary-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('layout.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/meetings">{t('finder.navLink')}</NavLink>
              </li>
              <li>
                <NavLink to="/groups">{t('groups.navLink')}</NavLink>
              </li>
              <li>
                <NavLink to="/saved">{t('saved.navLink')}</NavLink>
              </li>
            </ul>
          </nav>
          <div className="header-actions">
            {discreet && <QuickExitButton />}
            <LanguageSwitcher />
            <Link to="/help" className="help-now">
              {t('layout.getHelpNow')}
            </Link>
          </div>
          <AccountNav />
        </div>
      </header>
      <OfflineIndicator />
      <main id="main" ref={mainRef} tabIndex={-1} className="container">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('layout.footerNote')}</p>
          <p>{t('layout.privacy')}</p>
          <DiscreetToggle />
          <p>
            <Link to="/guidelines">{t('guidelines.footerLink')}</Link>
          </p>
          <p>
            <a href="/api/docs">{t('layout.apiDocs')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
