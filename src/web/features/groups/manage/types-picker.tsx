import { getTypesForLanguage, isSupportedLanguage } from '@code4recovery/spec';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_FORM_LIMITS } from '../api.js';

/**
 * The Meeting Guide types the finder lists the group's meetings with (docs/groups.md "In the meeting finder"). Only
 * codes that mean something online: `ONL` and the language's code are added by the server, and in-person ones
 * (wheelchair access, babysitting, breakfast…) are left out. Names come from the spec in the page's language, as in
 * the finder.
 */
const OFFERED = {
  openClosed: ['O', 'C'],
  format: ['BE', 'D', 'SP', 'ST', 'B', '12x12', 'ABSI', 'LIT', 'MED', '11', 'GR', 'DR', 'TR', 'LS', 'H'],
  communities: ['M', 'W', 'Y', 'SEN', 'LGBTQ', 'G', 'L', 'BI', 'T', 'NB', 'POC', 'N', 'NDG', 'P', 'A', 'ASL'],
} as const;

export function TypesPicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (types: string[]) => void;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const names: Readonly<Record<string, string | undefined>> = useMemo(() => {
    const code = i18n.language.split('-')[0] ?? 'en';
    return getTypesForLanguage(isSupportedLanguage(code) ? code : 'en');
  }, [i18n.language]);
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  // A code the group already has but this list does not offer stays, shown in its own group.
  const others = value.filter((c) => !Object.values(OFFERED).some((codes) => (codes as readonly string[]).includes(c)));
  const groups: [string, readonly string[]][] = [
    ...Object.entries(OFFERED),
    ...(others.length ? [['other', others] as [string, string[]]] : []),
  ];
  return (
    <details className="groups-types" open={value.length > 0 || undefined}>
      <summary>{t('groups.types.summary', { count: value.length })}</summary>
      <p id={`${id}-hint`} className="form-hint">
        {t('groups.types.hint', { max: GROUP_FORM_LIMITS.typesMax })}
      </p>
      {error && <p className="form-error">{error}</p>}
      {groups.map(([group, codes]) => (
        <fieldset key={group} className="form-field">
          <legend className="form-legend">{t(`groups.types.groups.${group}`)}</legend>
          <div className="groups-type-grid">
            {codes.map((code) => (
              <div key={code} className="form-check">
                <input
                  type="checkbox"
                  id={`${id}-${code}`}
                  checked={value.includes(code)}
                  onChange={(e) => toggle(code, e.target.checked)}
                />
                <label htmlFor={`${id}-${code}`}>{names[code] ?? code}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ))}
    </details>
  );
}
