import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getTypesForLanguage } from '@code4recovery/spec';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import {
  type Answers,
  APPROACHES,
  COMMUNITIES,
  CONCERNS,
  directoryNames,
  FORMATS,
  GOALS,
  LANGUAGES,
  searchParams,
  suggest,
  type Suggestion,
} from './suggest.js';
import './questionnaire.css';

const EMPTY: Answers = {
  concern: 'notSure',
  approach: 'either',
  goal: 'notSure',
  format: 'either',
  communities: [],
  language: 'any',
};

/** One question answered by a single choice: a fieldset of radio buttons, keyboard-operable as the browser makes it. */
function Choice<T extends string>(props: { name: string; options: readonly T[]; value: T; onChange: (v: T) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="question">
      <legend>{t(`questionnaire.${props.name}.question`)}</legend>
      {props.options.map((option) => (
        <label key={option} className="option">
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />{' '}
          {t(`questionnaire.${props.name}.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The fellowship names this directory uses, from the search API's fellowship facet (one empty search): the prefilled
 * search filters on those only. Null until known; an empty list when the directory could not be asked (then the
 * search is not narrowed by fellowship, which finds more rather than nothing).
 */
function useDirectoryFellowships(): string[] | null {
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetch('/api/meetings?limit=1', { signal: abort.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ facets: { fellowship: Record<string, number> } }>) : null))
      .then((body) => setNames(body ? Object.keys(body.facets.fellowship) : []))
      .catch(() => {
        if (!abort.signal.aborted) setNames([]);
      });
    return () => abort.abort();
  }, []);
  return names;
}

function Suggestions({ answers, result }: { answers: Answers; result: Suggestion }) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const known = useDirectoryFellowships();
  // Focus moves to the answer, so keyboard and screen-reader users land on it rather than on the button.
  useEffect(() => headingRef.current?.focus(), [result]);
  const typeNames = getTypesForLanguage(i18n.resolvedLanguage === 'es' ? 'es' : 'en') as Record<string, string | undefined>;
  const names = known ? directoryNames(result.fellowships, known) : [];
  const href = `/meetings?${searchParams(answers, names).toString()}`;
  return (
    <section aria-labelledby="suggestions-title" className="suggestions">
      <h2 id="suggestions-title" tabIndex={-1} ref={headingRef}>
        {t('questionnaire.suggestionsTitle')}
      </h2>
      <ul className="card-grid">
        {result.fellowships.map((id) => (
          <li key={id} className="card">
            <h3>{t(`questionnaire.fellowship.${id}.name`)}</h3>
            <p>{t(`questionnaire.fellowship.${id}.note`)}</p>
          </li>
        ))}
      </ul>
      {result.types.length > 0 && (
        <>
          <h3>{t('questionnaire.typesTitle')}</h3>
          <ul className="type-list">
            {result.types.map((code) => (
              <li key={code}>
                <strong>{typeNames[code] ?? code}</strong>: {t(`questionnaire.type.${code}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.notes.map((note) => (
        <p key={note}>{t(`questionnaire.notes.${note}`)}</p>
      ))}
      <p className="actions">
        <Link className="button" to={href}>
          {t('questionnaire.search')}
        </Link>
      </p>
      {known !== null && names.length === 0 && <p className="meta">{t('questionnaire.noFellowshipFilter')}</p>}
    </section>
  );
}

/** "Find a group that fits": six short questions, then suggestions in plain words and a prefilled search. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('questionnaire.title'));
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  // The answers as submitted, with what they suggest: changing an answer afterwards does not change the search
  // link under suggestions made from the earlier ones.
  const [result, setResult] = useState<{ answers: Answers; suggestion: Suggestion } | null>(null);
  const set =
    <K extends keyof Answers>(key: K) =>
    (value: Answers[K]) =>
      setAnswers((a) => ({ ...a, [key]: value }));
  const toggleCommunity = (code: Answers['communities'][number], on: boolean) =>
    setAnswers((a) => ({ ...a, communities: on ? [...a.communities, code] : a.communities.filter((c) => c !== code) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setResult({ answers, suggestion: suggest(answers) });
  };
  return (
    <>
      <h1>{t('questionnaire.title')}</h1>
      <p className="lead">{t('questionnaire.intro')}</p>
      <form className="questionnaire" onSubmit={submit}>
        <Choice name="concern" options={CONCERNS} value={answers.concern} onChange={set('concern')} />
        <Choice name="approach" options={APPROACHES} value={answers.approach} onChange={set('approach')} />
        <Choice name="goal" options={GOALS} value={answers.goal} onChange={set('goal')} />
        <Choice name="format" options={FORMATS} value={answers.format} onChange={set('format')} />
        <fieldset className="question">
          <legend>{t('questionnaire.communities.question')}</legend>
          <p className="hint">{t('questionnaire.communities.hint')}</p>
          {COMMUNITIES.map((code) => (
            <label key={code} className="option">
              <input
                type="checkbox"
                checked={answers.communities.includes(code)}
                onChange={(e) => toggleCommunity(code, e.target.checked)}
              />{' '}
              {t(`questionnaire.communities.${code}`)}
            </label>
          ))}
        </fieldset>
        <div className="question">
          <label htmlFor="questionnaire-language" className="question-label">
            {t('questionnaire.language.question')}
          </label>
          <select
            id="questionnaire-language"
            value={answers.language}
            onChange={(e) => set('language')(e.target.value as Answers['language'])}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`questionnaire.language.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="actions">
          <button type="submit" className="button">
            {t('questionnaire.submit')}
          </button>
        </p>
      </form>
      {result && <Suggestions answers={result.answers} result={result.suggestion} />}
    </>
  );
}
