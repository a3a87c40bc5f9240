import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZones } from '../../../lib/account-format.js';
import { Field, type FieldErrors } from '../../../components/ui/form-kit.js';
import { SLOW_MODE_CHOICES } from '../room/slow-mode.js';
import { APPROACHES, GROUP_FORM_LIMITS as L } from '../api.js';
import { LANGUAGE_CHOICES, languageName } from '../schedule-text.js';
import type { GroupDraft } from './group-draft.js';
import { TypesPicker } from './types-picker.js';

/**
 * A group's fields, for creating and editing. `creating` adds the open room's slow mode (a room setting after that,
 * changed in the room). Errors come keyed by the API's field names.
 */
export function GroupFields({
  draft,
  onChange,
  errors = {},
  creating,
}: {
  draft: GroupDraft;
  onChange: (draft: GroupDraft) => void;
  errors?: FieldErrors;
  creating?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const zones = useMemo(() => timeZones(), []);
  const set = <K extends keyof GroupDraft>(key: K, value: GroupDraft[K]) => onChange({ ...draft, [key]: value });
  const languages: string[] = (LANGUAGE_CHOICES as readonly string[]).includes(draft.language)
    ? [...LANGUAGE_CHOICES]
    : [draft.language, ...LANGUAGE_CHOICES];
  const radios = <K extends 'visibility' | 'keep'>(key: K, choices: readonly GroupDraft[K][], labels: string) =>
    choices.map((c) => (
      <div key={c} className="form-check">
        <input
          type="radio"
          id={`${id}-${key}-${c}`}
          name={`${id}-${key}`}
          checked={draft[key] === c}
          onChange={() => set(key, c)}
        />
        <label htmlFor={`${id}-${key}-${c}`}>{t(`${labels}.${c}`)}</label>
      </div>
    ));

  return (
    <>
      <Field id={`${id}-name`} label={t('groups.fields.name')} error={errors.name}>
        {(p) => (
          <input
            {...p}
            maxLength={L.nameMax}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        id={`${id}-description`}
        label={t('groups.fields.description')}
        hint={t('groups.form.descriptionHint')}
        error={errors.description}
      >
        {(p) => (
          <textarea
            {...p}
            rows={5}
            maxLength={L.descriptionMax}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-approach`} label={t('groups.fields.approach')} error={errors.approach}>
        {(p) => (
          <select {...p} value={draft.approach} onChange={(e) => set('approach', e.target.value as GroupDraft['approach'])}>
            {APPROACHES.map((a) => (
              <option key={a} value={a}>
                {t(`groups.approaches.${a}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${id}-fellowship`}
        label={t('groups.fields.fellowshipOptional')}
        hint={t('groups.form.fellowshipHint')}
        error={errors.fellowship}
      >
        {(p) => (
          <input
            {...p}
            maxLength={L.fellowshipMax}
            value={draft.fellowship}
            onChange={(e) => set('fellowship', e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-language`} label={t('groups.fields.language')} error={errors.language}>
        {(p) => (
          <select {...p} value={draft.language} onChange={(e) => set('language', e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l, i18n.language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-zone`} label={t('groups.fields.timeZone')} hint={t('groups.form.timeZoneHint')} error={errors.time_zone}>
        {(p) => (
          <>
            <input
              {...p}
              list={`${id}-zones`}
              maxLength={64}
              value={draft.time_zone}
              onChange={(e) => set('time_zone', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
            <datalist id={`${id}-zones`}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <fieldset className="form-field">
        <legend className="form-legend">{t('groups.fields.visibility')}</legend>
        {radios('visibility', ['public', 'approval'], 'groups.form.visibility')}
      </fieldset>
      <fieldset className="form-field" aria-describedby={`${id}-keep-hint`}>
        <legend className="form-legend">{t('groups.form.retentionLegend')}</legend>
        <p id={`${id}-keep-hint`} className="form-hint">
          {t('groups.form.retentionHint')}
        </p>
        {radios('keep', ['end', 'days'], 'groups.form.keep')}
        {draft.keep === 'days' && (
          <Field id={`${id}-days`} label={t('groups.form.days')} error={errors.chat_retention_days}>
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={L.retentionMinDays}
                max={L.retentionMaxDays}
                value={draft.days}
                onChange={(e) => set('days', e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>
      <Field
        id={`${id}-conduct`}
        label={t('groups.fields.conduct')}
        hint={creating ? t('groups.form.conductHint') : t('groups.form.conductEditHint')}
        error={errors.code_of_conduct}
      >
        {(p) => (
          <textarea
            {...p}
            rows={8}
            maxLength={L.conductMax}
            value={draft.code_of_conduct}
            onChange={(e) => set('code_of_conduct', e.target.value)}
          />
        )}
      </Field>
      <TypesPicker value={draft.types} onChange={(types) => set('types', types)} error={errors.types} />
      {creating && (
        <Field id={`${id}-slow`} label={t('groups.form.slowMode')} hint={t('groups.form.slowModeHint')}>
          {(p) => (
            <select {...p} value={draft.slow} onChange={(e) => set('slow', Number(e.target.value))}>
              {SLOW_MODE_CHOICES.map((s) => (
                <option key={s} value={s}>
                  {t(`room.tools.slow.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
