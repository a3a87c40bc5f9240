import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { APP_ICON, deviceDiscreet, NEUTRAL_ICON, quickExit, useDeviceDiscreet, useDiscreet } from '../../lib/discreet.js';
import { useSession } from '../../lib/session.js';

/** Two presses of Escape within this time leave the site (one press still closes menus as usual). */
const DOUBLE_ESCAPE_MS = 1000;

/**
 * Discreet mode's effects on the whole page: the neutral tab icon (the title is set by each page, see
 * use-document-title.ts), and Escape pressed twice quickly as the keyboard's quick exit.
 */
export function useDiscreetEffects(): boolean {
  const discreet = useDiscreet();
  useEffect(() => {
    const icon = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    if (icon) icon.href = discreet ? NEUTRAL_ICON : APP_ICON;
  }, [discreet]);
  useEffect(() => {
    if (!discreet) return;
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.repeat) return;
      const now = e.timeStamp;
      if (last && now - last < DOUBLE_ESCAPE_MS) quickExit();
      last = now;
    };
    // Capture, so a menu that stops Escape from bubbling does not swallow the exit.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [discreet]);
  return discreet;
}

/** The header's "Quick exit": leaves for an ordinary site at once, replacing this page in the history. */
export function QuickExitButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="quick-exit" onClick={quickExit} title={t('discreet.quickExitHint')}>
      {t('discreet.quickExit')}
    </button>
  );
}

/**
 * The footer's switch for this device (people without an account, or a shared phone). A signed-in member whose
 * account has discreet mode on is told so, since this switch alone cannot turn it off.
 */
export function DiscreetToggle() {
  const { t } = useTranslation();
  const id = useId();
  const on = useDeviceDiscreet();
  const { state } = useSession();
  const byAccount = state?.account?.discreet === true;
  return (
    <div className="discreet-toggle">
      <input
        id={id}
        type="checkbox"
        checked={on}
        onChange={(e) => deviceDiscreet.set(e.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>{t('discreet.deviceSwitch')}</label>
      <p id={`${id}-hint`} className="discreet-hint">
        {t('discreet.deviceHint')}{' '}
        {byAccount && (
          <>
            {t('discreet.onForAccount')} <Link to="/account">{t('discreet.accountSettings')}</Link>
          </>
        )}
      </p>
    </div>
  );
}
