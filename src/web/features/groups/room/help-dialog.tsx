import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HelplineCards, linesFor, useHelpCountry } from '../../../components/ui/helplines.js';

/**
 * "Get help now" inside the room, one tap away (issue 7, "Safety within reach"): the help lines of the member's
 * country (as chosen on the help page, remembered on this device) in a modal dialog, so the chat is not left and
 * nothing is lost; the full help page is a link away.
 */
export function HelpNow() {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [country] = useHelpCountry();
  useEffect(() => () => ref.current?.close(), []);
  return (
    <>
      <button type="button" ref={opener} className="help-now room-help-now" onClick={() => ref.current?.showModal()}>
        {t('layout.getHelpNow')}
      </button>
      <dialog
        ref={ref}
        className="confirm-dialog room-dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => opener.current?.focus()}
      >
        <h2 id={`${id}-title`}>{t('help.title')}</h2>
        <p>{t('help.intro')}</p>
        <HelplineCards lines={linesFor(country)} />
        <p className="actions">
          <Link to="/help" className="button secondary form-button">
            {t('room.help.allLines')}
          </Link>
          <button type="button" className="button form-button" onClick={() => ref.current?.close()}>
            {t('room.help.close')}
          </button>
        </p>
      </dialog>
    </>
  );
}
