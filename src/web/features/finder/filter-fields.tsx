import type { ReactNode } from 'react';

export interface ChoiceOption {
  value: string;
  label: string;
  /** The API's facet count, shown as "Open (12)"; left out where it would mislead. */
  count?: number;
}

/**
 * A fieldset of native checkboxes (any number may be ticked) or radio buttons (one choice; arrow keys move between
 * them as the browser makes it), each with a 44 px tall label holding its count. An empty group is not shown.
 */
export function ChoiceGroup(props: {
  type: 'checkbox' | 'radio';
  legend: ReactNode;
  name: string;
  options: readonly ChoiceOption[];
  selected: readonly string[];
  onChange: (value: string, on: boolean) => void;
}) {
  if (props.options.length === 0) return null;
  return (
    <fieldset className="finder-group">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="finder-option">
          <input
            type={props.type}
            name={props.name}
            value={option.value}
            checked={props.selected.includes(option.value)}
            onChange={(e) => props.onChange(option.value, e.currentTarget.checked)}
          />
          <span>
            {option.label}
            {option.count !== undefined && <span className="finder-count"> ({option.count})</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
