import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { findPlaces, type Place, PLACE_QUERY_MAX } from '../../lib/meetings-api.js';
import './meeting-search.css';

/** Waits this long after the last key before asking the server, so typing "Malvern" is one request, not seven. */
const DEBOUNCE_MS = 200;

/**
 * A place search box with suggestions from `/api/places`, as the WAI-ARIA combobox pattern (editable, list
 * autocomplete): Down/Up move through the suggestions, Enter picks one, Escape closes the list, then clears the box.
 * `label` is the chosen place's name: the box shows it whenever it changes (a back/forward, a shared link).
 */
export function PlaceBox(props: { label: string; onPick: (place: Place) => void; onClear: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(props.label);
  const [shownLabel, setShownLabel] = useState(props.label);
  const [places, setPlaces] = useState<Place[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  // React's "adjust state when a prop changes": a new chosen place replaces what is typed.
  if (props.label !== shownLabel) {
    setShownLabel(props.label);
    setText(props.label);
  }

  const typed = text.trim();
  const wanted = open && typed.length >= 2 && typed !== props.label ? typed : '';
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      findPlaces(wanted, abort.signal).then(
        (found) => {
          setPlaces(found);
          setActive(-1);
        },
        () => undefined, // Suggestions are a help, not a must: the box keeps working without them.
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [wanted]);

  const shown = wanted ? places : [];
  const expanded = shown.length > 0;

  const pick = (place: Place) => {
    setOpen(false);
    setPlaces([]);
    setText(place.label);
    props.onPick(place);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (shown.length > 0) {
        const n = shown.length;
        const down = e.key === 'ArrowDown';
        setActive((a) => (down ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
      }
    } else if (e.key === 'Enter' && expanded) {
      e.preventDefault();
      const place = shown[active] ?? shown[0];
      if (place) pick(place);
    } else if (e.key === 'Escape') {
      if (expanded) setOpen(false);
      else if (text) {
        setText('');
        if (props.label) props.onClear();
      }
    }
  };

  return (
    <div className="finder-place">
      <label htmlFor={`${id}-input`}>{t('finder.placeLabel')}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        maxLength={PLACE_QUERY_MAX}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <p id={`${id}-hint`} className="finder-note">
        {t('finder.placeHint')}
      </p>
      <ul id={listId} role="listbox" aria-label={t('finder.placeSuggestions')} className="finder-suggestions" hidden={!expanded}>
        {shown.map((place, i) => (
          <li
            key={place.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: a click would first blur the input and close the list under the pointer.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(place);
            }}
          >
            {place.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
