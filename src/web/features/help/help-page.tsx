import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { HELPLINE_COUNTRIES, HELPLINES } from '../../../shared/helplines.js';
import { HelplineCards as Lines, linesFor, useHelpCountry } from '../../components/ui/helplines.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';

/**
 * Crisis and help lines; every page links here from its header. The chosen country's lines and emergency number
 * come first, the others below, so the one that matters is on screen without scrolling.
 */
export function HelpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('help.title'));
  const selectId = useId();
  const [country, choose] = useHelpCountry();
  const others = HELPLINE_COUNTRIES.filter((c) => c !== country);
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
          <Lines lines={linesFor(country)} />
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
