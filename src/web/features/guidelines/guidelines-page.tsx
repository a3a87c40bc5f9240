import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GUIDELINES_VERSION } from '../../lib/auth-limits.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import './guidelines.css';

/** The sections and how many paragraphs each has in the locale files (`guidelines.<id>.title`, `.p1`, `.p2`…). */
const SECTIONS = [
  { id: 'anonymity', paragraphs: 2 },
  { id: 'confidentiality', paragraphs: 2 },
  { id: 'sharing', paragraphs: 3 },
  { id: 'kindness', paragraphs: 2 },
  { id: 'selling', paragraphs: 2 },
  { id: 'crisis', paragraphs: 2 },
  { id: 'moderation', paragraphs: 3 },
  { id: 'reporting', paragraphs: 2 },
  { id: 'changes', paragraphs: 1 },
] as const;

/**
 * `/guidelines`: the community guidelines members accept, versioned (GUIDELINES_VERSION, which the server records
 * with the acceptance). Changing the text means bumping the version in src/shared/schemas/accounts.ts and
 * src/web/lib/auth-limits.ts together.
 */
export function GuidelinesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('guidelines.title'));
  return (
    <article className="guidelines-page">
      <h1>{t('guidelines.title')}</h1>
      <p className="guidelines-version">{t('guidelines.version', { version: GUIDELINES_VERSION })}</p>
      <p className="lead">{t('guidelines.intro')}</p>
      <nav aria-labelledby="guidelines-contents">
        <h2 id="guidelines-contents" className="guidelines-contents-title">
          {t('guidelines.contents')}
        </h2>
        <ol>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#guidelines-${s.id}`}>{t(`guidelines.${s.id}.title`)}</a>
            </li>
          ))}
        </ol>
      </nav>
      {SECTIONS.map((s) => (
        <section key={s.id} id={`guidelines-${s.id}`} aria-labelledby={`guidelines-${s.id}-title`}>
          <h2 id={`guidelines-${s.id}-title`}>{t(`guidelines.${s.id}.title`)}</h2>
          {Array.from({ length: s.paragraphs }, (_, i) => (
            <p key={i}>{t(`guidelines.${s.id}.p${i + 1}`)}</p>
          ))}
          {s.id === 'crisis' && (
            <p>
              <Link to="/help" className="button">
                {t('guidelines.crisis.helpLink')}
              </Link>
            </p>
          )}
        </section>
      ))}
    </article>
  );
}
