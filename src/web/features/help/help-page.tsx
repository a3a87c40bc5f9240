import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMERGENCY_OF,
  HELPLINE_COUNTRIES,
  HELPLINES,
  type Helpline,
  type HelplineCountry,
  helplineCountryOf,
} from '../../../shared/helplines.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';

/** Where the chosen country is remembered on this device (never sent anywhere). */
const COUNTRY_KEY = 'kinship.helpCountry';

function HelplineCard({ line }: { line: Helpline }) {
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

function Lines({ lines }: { lines: readonly Helpline[] }) {
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

/**
 * Crisis and help lines; every page links here from its header. The chosen country's lines and emergency number
 * come first, the others below, so the one that matters is on screen without scrolling.
 */
export function HelpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('help.title'));
  const selectId = useId();
  const [country, setCountry] = useState<HelplineCountry | ''>(initialCountry);
  const choose = (value: string) => {
    const next = (HELPLINE_COUNTRIES as readonly string[]).includes(value) ? (value as HelplineCountry) : '';
    setCountry(next);
    try {
      if (next) localStorage.setItem(COUNTRY_KEY, next);
      else localStorage.removeItem(COUNTRY_KEY);
    } catch {
      // Not remembered, still shown.
    }
  };
  const others = HELPLINE_COUNTRIES.filter((c) => c !== country);
  const emergency = country ? HELPLINES.find((l) => l.id === EMERGENCY_OF[country]) : undefined;
  return (
    <>
      <h1>{t('help.title')}</h1>
      <p className="lead">{t('help.intro')}</p>
      <p className="help-country">
        <label htmlFor={selectId}>{t('help.chooseCountry')}</label>{' '}
        <select id={selectId} value={country} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('help.allCountries')}</option>
          {HELPLINE_COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`help.country.${c}`)}
            </option>
          ))}
        </select>
      </p>
      {country && (
        <section aria-labelledby="help-chosen">
          <h2 id="help-chosen">{t(`help.country.${country}`)}</h2>
          <Lines lines={[...(emergency ? [emergency] : []), ...HELPLINES.filter((l) => l.country === country)]} />
        </section>
      )}
      {others.map((group) => (
        <section key={group} aria-labelledby={`help-${group}`}>
          <h2 id={`help-${group}`}>{t(`help.country.${group}`)}</h2>
          <Lines lines={HELPLINES.filter((l) => l.country === group)} />
        </section>
      ))}
      <section aria-labelledby="help-EMERGENCY">
        <h2 id="help-EMERGENCY">{t('help.country.EMERGENCY')}</h2>
        <Lines lines={HELPLINES.filter((l) => l.country === 'EMERGENCY')} />
      </section>
      <section aria-labelledby="where-to-start">
        <h2 id="where-to-start">{t('help.whereToStartTitle')}</h2>
        <p>{t('help.whereToStart')}</p>
      </section>
    </>
  );
}
