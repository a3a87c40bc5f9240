import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMERGENCY_OF,
  HELPLINE_COUNTRIES,
  HELPLINES,
  type Helpline,
  type HelplineCountry,
  helplineCountryOf,
} from '../../../shared/helplines.js';

/**
 * Help lines as the "Get help now" page shows them, shared with the places that offer help in one tap without
 * leaving (a chat room, a report about self-harm).
 */

/** Where the chosen country is remembered on this device (never sent anywhere). */
const COUNTRY_KEY = 'kinship.helpCountry';

/** One help line: what it is, one-tap call and text, and where the entry came from. */
export function HelplineCard({ line }: { line: Helpline }) {
  const { t, i18n } = useTranslation();
  const verified = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${line.lastVerified}T00:00:00Z`),
  );
  return (
    <li className="card helpline">
      <h3>{line.name}</h3>
      <p>{t(line.descriptionKey)}</p>
      <p className="actions">
        {line.phone && (
          <a className="button" href={`tel:${line.phone}`}>
            {t('help.call', { number: line.phoneDisplay ?? line.phone })}
          </a>
        )}
        {line.text && (
          <a className="button secondary" href={`sms:${line.text.number}`}>
            {t(line.text.bodyKey, { number: line.text.number })}
          </a>
        )}
      </p>
      <p className="meta">
        {t('help.source')}:{' '}
        <a href={line.source} rel="noreferrer">
          {new URL(line.source).hostname}
        </a>{' '}
        · {t('help.lastVerified', { date: verified })}
      </p>
    </li>
  );
}

/** A list of help lines as cards. */
export function HelplineCards({ lines }: { lines: readonly Helpline[] }) {
  return (
    <ul className="card-grid">
      {lines.map((line) => (
        <HelplineCard key={line.id} line={line} />
      ))}
    </ul>
  );
}

/** The remembered country, else the one the browser's language names (en-GB → GB), else none chosen. */
function initialCountry(): HelplineCountry | '' {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(COUNTRY_KEY);
  } catch {
    // Storage may be blocked (private modes): fall back to the guess.
  }
  if ((HELPLINE_COUNTRIES as readonly string[]).includes(saved ?? '')) return saved as HelplineCountry;
  return helplineCountryOf(navigator.language) ?? '';
}

/** The country whose lines come first, remembered on this device only; `choose('')` shows every country. */
export function useHelpCountry(): [HelplineCountry | '', (value: string) => void] {
  const [country, setCountry] = useState<HelplineCountry | ''>(initialCountry);
  const choose = useCallback((value: string) => {
    const next = (HELPLINE_COUNTRIES as readonly string[]).includes(value) ? (value as HelplineCountry) : '';
    setCountry(next);
    try {
      if (next) localStorage.setItem(COUNTRY_KEY, next);
      else localStorage.removeItem(COUNTRY_KEY);
    } catch {
      // Not remembered, still shown.
    }
  }, []);
  return [country, choose];
}

/** The country's emergency number and lines, or every line when no country is chosen. */
export function linesFor(country: HelplineCountry | ''): readonly Helpline[] {
  if (!country) return HELPLINES;
  const emergency = HELPLINES.find((l) => l.id === EMERGENCY_OF[country]);
  return [...(emergency ? [emergency] : []), ...HELPLINES.filter((l) => l.country === country)];
}
