import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facets } from '../../lib/meetings-api.js';
import { ChoiceGroup, type ChoiceOption } from './filter-fields.js';
import {
  ATTENDANCES,
  countFilters,
  ONLINE_MODES,
  RADII,
  TIMES_OF_DAY,
  toggle,
  WHENS,
  withoutFilters,
  type FinderState,
  type OnlineMode,
  type Units,
  type When,
} from './search-state.js';
import { codesFor, TYPE_GROUP_NAMES, typeNames } from './type-groups.js';

/**
 * A facet count where it tells the truth. Types are ANDed, so a type's count is what ticking it would leave. Days,
 * fellowships and attendance are "any of": once one is chosen the others count 0 among the matches, which would read
 * as "no meetings", so only the chosen ones keep their counts then.
 */
function countOf(facet: Record<string, number> | undefined, value: string, filtered: boolean, selected: boolean) {
  if (!facet) return undefined;
  return !filtered || selected ? (facet[value] ?? 0) : undefined;
}

const dayName = (day: number, locale: string | undefined) =>
  new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + day)));

/**
 * The filters, in a native <details> disclosure: its summary is a button to keyboards and screen readers, opening
 * it leaves focus on the summary, and the options follow it in tab order. Each change is applied at once.
 */
export function FiltersPanel(props: {
  state: FinderState;
  facets: Facets | null;
  units: Units;
  update: (next: FinderState) => void;
}) {
  const { t, i18n } = useTranslation();
  const summaryRef = useRef<HTMLElement>(null);
  const { state, facets, update } = props;
  const locale = i18n.resolvedLanguage;
  const names = typeNames(locale);
  const active = countFilters(state);
  const hasPoint = Boolean(state.near) || state.lat !== undefined;

  const whenOptions: ChoiceOption[] = [
    { value: '', label: t('finder.any') },
    ...WHENS.map((w) => ({ value: w, label: t(`finder.when.${w}`) })),
  ];
  const dayOptions: ChoiceOption[] = [
    { value: '', label: t('finder.anyDay') },
    ...[0, 1, 2, 3, 4, 5, 6].map((d) => ({
      value: String(d),
      label: dayName(d, locale),
      count: countOf(facets?.day, String(d), state.day !== undefined, state.day === d),
    })),
  ];
  const fellowships = [...new Set([...Object.keys(facets?.fellowship ?? {}), ...state.fellowship])].sort();
  const fellowshipOptions = fellowships.map((f) => ({
    value: f,
    label: f,
    count: countOf(facets?.fellowship, f, state.fellowship.length > 0, state.fellowship.includes(f)),
  }));
  const attendanceOptions = ATTENDANCES.map((a) => ({
    value: a,
    label: t(`finder.attendance.${a}`),
    count: countOf(facets?.attendance, a, state.attendance.length > 0, state.attendance.includes(a)),
  }));
  const onlineOptions = ONLINE_MODES.map((o) => ({ value: o, label: t(`finder.online.${o}`) }));

  /** A one-choice group; the legend is `finder.<name>Legend`. */
  const radio = (
    name: 'when' | 'day' | 'online',
    options: ChoiceOption[],
    value: string,
    change: (v: string) => Partial<FinderState>,
  ) => (
    <ChoiceGroup
      type="radio"
      legend={t(`finder.${name}Legend`)}
      name={name}
      options={options}
      selected={[value]}
      onChange={(v, on) => on && update({ ...state, ...change(v) })}
    />
  );
  /** A group of checkboxes over one of the search's lists; the legend is `finder.<key>Legend`. */
  const list = (key: 'timeOfDay' | 'attendance' | 'fellowship', name: string, options: ChoiceOption[]) => (
    <ChoiceGroup
      type="checkbox"
      legend={t(`finder.${key}Legend`)}
      name={name}
      options={options}
      selected={state[key]}
      onChange={(v, on) => update({ ...state, [key]: toggle<string>(state[key], v, on) })}
    />
  );

  return (
    <details className="finder-filters">
      <summary ref={summaryRef}>{active > 0 ? t('finder.filtersActive', { count: active }) : t('finder.filters')}</summary>
      <div className="finder-filters-body">
        {radio('when', whenOptions, state.when ?? '', (v) => ({ when: (v || undefined) as When | undefined }))}
        {radio('day', dayOptions, state.day === undefined ? '' : String(state.day), (v) => ({
          day: v === '' ? undefined : Number(v),
        }))}
        {list(
          'timeOfDay',
          'time_of_day',
          TIMES_OF_DAY.map((v) => ({ value: v, label: t(`finder.timeOfDay.${v}`) })),
        )}
        <div className="finder-group">
          <label htmlFor="finder-radius" className="finder-legend">
            {t('finder.distanceLegend')}
          </label>
          <select
            id="finder-radius"
            value={state.radius ?? 25}
            aria-describedby={hasPoint ? undefined : 'finder-radius-note'}
            onChange={(e) => update({ ...state, radius: Number(e.currentTarget.value), units: props.units })}
          >
            {RADII.map((r) => (
              <option key={r} value={r}>
                {t(`finder.within.${props.units}`, { count: r })}
              </option>
            ))}
          </select>
          {!hasPoint && (
            <p id="finder-radius-note" className="finder-note">
              {t('finder.distanceNote')}
            </p>
          )}
        </div>
        {radio('online', onlineOptions, state.online ?? 'include', (v) => ({ online: v as OnlineMode }))}
        {list('attendance', 'attendance', attendanceOptions)}
        {list('fellowship', 'fellowship', fellowshipOptions)}
        {TYPE_GROUP_NAMES.map((group) => (
          <ChoiceGroup
            key={group}
            type="checkbox"
            legend={t(`finder.typeGroup.${group}`)}
            name={`types-${group}`}
            options={codesFor(group, facets?.types ?? {}, state.types).map((code) => ({
              value: code,
              label: names[code] ?? code,
              count: facets ? (facets.types[code] ?? 0) : undefined,
            }))}
            selected={state.types}
            onChange={(v, on) => update({ ...state, types: toggle(state.types, v, on) })}
          />
        ))}
        {active > 0 && (
          <p>
            <button
              type="button"
              className="finder-button secondary"
              onClick={() => {
                update(withoutFilters(state));
                // The button disappears with the filters: focus goes back to the panel's summary, not to <body>.
                summaryRef.current?.focus();
              }}
            >
              {t('finder.clearFilters')}
            </button>
          </p>
        )}
      </div>
    </details>
  );
}
