import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_FORM_LIMITS as L, SECTION_KINDS, type FormatSection, type SectionKind } from '../live-api.js';

/**
 * A live meeting's format (issue 7: "a template the facilitator edits: welcome, readings written by the group,
 * check-in round, topic or sharing, closing"): sections with a kind, a title, minutes and, for a reading, its text.
 * Reordering is by "Move up" / "Move down" buttons, so it works from the keyboard and with a screen reader; focus
 * follows the moved section's button, and a status line says where it went.
 */
export function FormatEditor({
  sections,
  onChange,
  duration,
  error,
  announce,
}: {
  sections: FormatSection[];
  onChange: (sections: FormatSection[]) => void;
  duration: number;
  error?: string | undefined;
  announce: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const total = sections.reduce((sum, s) => sum + (Number.isFinite(s.minutes) ? s.minutes : 0), 0);

  const update = (i: number, change: Partial<FormatSection>) =>
    onChange(sections.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= sections.length) return;
    const next = [...sections];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
    announce(
      t('groups.format.moved', {
        title: sections[i]!.title || t(`groups.format.kinds.${sections[i]!.kind}`),
        position: j + 1,
        count: sections.length,
      }),
    );
    // The button pressed may now be disabled (top or bottom): keep focus on the moved section's matching one, or its other.
    requestAnimationFrame(() => {
      const item = listRef.current?.children[j];
      const same = item?.querySelector<HTMLButtonElement>(`[data-move="${by}"]:not(:disabled)`);
      (same ?? item?.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)'))?.focus();
    });
  };
  const remove = (i: number) => {
    announce(t('groups.format.removed', { title: sections[i]!.title }));
    onChange(sections.filter((_, j) => j !== i));
    requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus());
  };
  const add = () => {
    onChange([...sections, { kind: 'other', title: t('groups.format.kinds.other'), minutes: 5 }]);
    requestAnimationFrame(() => listRef.current?.lastElementChild?.querySelector<HTMLSelectElement>('select')?.focus());
  };

  return (
    <fieldset className="form-field groups-format" aria-describedby={`${id}-total`}>
      <legend className="form-legend">{t('groups.format.title')}</legend>
      <p id={`${id}-total`} className={total > duration ? 'form-error' : 'form-hint'}>
        {t('groups.format.total', { total, duration })}
      </p>
      {error && <p className="form-error">{error}</p>}
      <ol ref={listRef} className="groups-sections">
        {sections.map((s, i) => {
          const sid = `${id}-${i}`;
          const name = s.title || t(`groups.format.kinds.${s.kind}`);
          return (
            <li key={i} className="card">
              <div className="form-field">
                <label htmlFor={`${sid}-kind`}>{t('groups.format.kind', { n: i + 1 })}</label>
                <select id={`${sid}-kind`} value={s.kind} onChange={(e) => update(i, { kind: e.target.value as SectionKind })}>
                  {SECTION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`groups.format.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-field">
                <label htmlFor={`${sid}-title`}>{t('groups.format.sectionTitle', { n: i + 1 })}</label>
                <input
                  id={`${sid}-title`}
                  maxLength={L.sectionTitleMax}
                  value={s.title}
                  onChange={(e) => update(i, { title: e.target.value })}
                />
              </div>
              <div className="form-field">
                <label htmlFor={`${sid}-minutes`}>{t('groups.format.minutes', { n: i + 1 })}</label>
                <input
                  id={`${sid}-minutes`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={L.durationMax}
                  value={Number.isFinite(s.minutes) ? s.minutes : ''}
                  onChange={(e) => update(i, { minutes: e.target.value === '' ? NaN : Number(e.target.value) })}
                />
              </div>
              {s.kind === 'reading' && (
                <div className="form-field">
                  <label htmlFor={`${sid}-text`}>{t('groups.format.text', { n: i + 1 })}</label>
                  <p id={`${sid}-text-hint`} className="form-hint">
                    {t('groups.format.textHint')}
                  </p>
                  <textarea
                    id={`${sid}-text`}
                    aria-describedby={`${sid}-text-hint`}
                    rows={5}
                    maxLength={L.readingMax}
                    value={s.text ?? ''}
                    onChange={(e) => update(i, { text: e.target.value })}
                  />
                </div>
              )}
              <p className="actions">
                <button
                  type="button"
                  data-move="-1"
                  className="button secondary form-button"
                  disabled={i === 0}
                  aria-label={t('groups.format.upNamed', { title: name })}
                  onClick={() => move(i, -1)}
                >
                  {t('groups.format.up')}
                </button>
                <button
                  type="button"
                  data-move="1"
                  className="button secondary form-button"
                  disabled={i === sections.length - 1}
                  aria-label={t('groups.format.downNamed', { title: name })}
                  onClick={() => move(i, 1)}
                >
                  {t('groups.format.down')}
                </button>
                <button
                  type="button"
                  className="button secondary form-button"
                  disabled={sections.length <= 1}
                  aria-label={t('groups.format.removeNamed', { title: name })}
                  onClick={() => remove(i)}
                >
                  {t('groups.format.remove')}
                </button>
              </p>
            </li>
          );
        })}
      </ol>
      {sections.length < L.formatSectionsMax && (
        <p>
          <button type="button" id={`${id}-add`} className="button secondary form-button" onClick={add}>
            {t('groups.format.add')}
          </button>
        </p>
      )}
    </fieldset>
  );
}
