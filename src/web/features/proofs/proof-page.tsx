import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/account-api.js';
import { formatMoment } from '../../lib/account-format.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { fetchProof, PROOF_ID, PROOF_KEY_HREF, proofPdfHref, type ProofVerification } from './api.js';
import { proofVerdict, statementDate } from './proof-verdict.js';
import './proofs.css';

type Load = { status: 'loading' } | { status: 'done'; proof: ProofVerification | null } | { status: 'error' };

/**
 * `/proofs/:id`, public (no sign-in): anyone holding a proof-of-attendance link (a court, a treatment programme)
 * sees at once whether it is valid — the server checks the signature again on every request — and what it states,
 * in plain words; then the PDF, and how to check the signature themselves with the site's public key
 * (docs/groups.md "Proofs of attendance"). Prints on one clean page.
 */
export function ProofPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [attempt, setAttempt] = useState(0);
  const key = `${id}#${attempt}`;
  const [answer, setAnswer] = useState<{ key: string; load: Load } | null>(null);
  useDocumentTitle(t('proofs.title'));

  const wellFormed = PROOF_ID.test(id);
  useEffect(() => {
    if (!wellFormed) return;
    let live = true;
    fetchProof(id).then(
      (proof) => live && setAnswer({ key, load: { status: 'done', proof } }),
      (err: unknown) => {
        if (!live) return;
        const known = err instanceof ApiError && (err.status === 404 || err.status === 400);
        setAnswer({ key, load: known ? { status: 'done', proof: null } : { status: 'error' } });
      },
    );
    return () => {
      live = false;
    };
  }, [id, key, wellFormed]);
  // An id that is not 32 hex digits is no proof: said at once, without asking the server.
  const load: Load = !wellFormed ? { status: 'done', proof: null } : answer?.key === key ? answer.load : { status: 'loading' };

  if (load.status === 'loading') return <p role="status">{t('proofs.loading')}</p>;
  if (load.status === 'error')
    return (
      <div className="proof-page">
        <h1>{t('proofs.title')}</h1>
        <p>{t('proofs.error')}</p>
        <p className="proof-noprint">
          <button type="button" className="button form-button" onClick={() => setAttempt((a) => a + 1)}>
            {t('meeting.retry')}
          </button>
        </p>
      </div>
    );

  const proof = load.proof;
  const verdict = proofVerdict(proof);
  const s = verdict === 'valid' ? proof!.statement! : null;
  return (
    <div className="proof-page">
      <h1>{t('proofs.title')}</h1>
      <p className={`proof-verdict proof-${verdict}`}>
        <strong>{t(`proofs.verdict.${verdict}`)}</strong> {t(`proofs.verdictBody.${verdict}`)}
      </p>
      {s && (
        <section aria-labelledby="proof-statement-h">
          <h2 id="proof-statement-h">{t('proofs.statementTitle')}</h2>
          <p>
            {t('proofs.sentence', {
              pseudonym: s.pseudonym,
              meeting: s.meeting,
              group: s.group,
              date: statementDate(s.date, i18n.language),
            })}
          </p>
          <dl className="proof-facts">
            <dt>{t('proofs.fields.pseudonym')}</dt>
            <dd>{s.pseudonym}</dd>
            <dt>{t('proofs.fields.group')}</dt>
            <dd>{s.group}</dd>
            <dt>{t('proofs.fields.meeting')}</dt>
            <dd>{s.meeting}</dd>
            <dt>{t('proofs.fields.date')}</dt>
            <dd>{statementDate(s.date, i18n.language)}</dd>
            <dt>{t('proofs.fields.issuedAt')}</dt>
            <dd>{formatMoment(s.issued_at, i18n.language, 'UTC')} (UTC)</dd>
            <dt>{t('proofs.fields.site')}</dt>
            <dd>{s.site}</dd>
            <dt>{t('proofs.fields.id')}</dt>
            <dd>
              <code>{s.id}</code>
            </dd>
          </dl>
          <p className="actions proof-noprint">
            <a className="button" href={proofPdfHref(s.id)}>
              {t('proofs.pdf')}
            </a>
            <button type="button" className="button secondary form-button" onClick={() => window.print()}>
              {t('proofs.print')}
            </button>
          </p>
        </section>
      )}
      {proof && proof.statement_text && proof.signature && (
        <section aria-labelledby="proof-verify-h">
          <h2 id="proof-verify-h">{t('proofs.verifyTitle')}</h2>
          <p>{t('proofs.verifyIntro')}</p>
          <ol className="proof-steps">
            <li>
              {t('proofs.verifyKey')} <a href={PROOF_KEY_HREF}>{PROOF_KEY_HREF}</a> ({t('proofs.keyId', { id: proof.key_id })})
            </li>
            <li>{t('proofs.verifyText')}</li>
            <li>{t('proofs.verifySignature')}</li>
          </ol>
          <h3>{t('proofs.signedText')}</h3>
          <pre className="proof-code">{proof.statement_text}</pre>
          <h3>{t('proofs.signature')}</h3>
          <pre className="proof-code">{proof.signature}</pre>
        </section>
      )}
      <p className="proof-noprint">
        <Link to="/">{t('proofs.home')}</Link>
      </p>
    </div>
  );
}
