import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import type { GroupPage } from '../api.js';
import { issueProof, listProofRequests, type ProofRequest } from '../live-api.js';
import { dayText } from '../schedule-text.js';
import { ManageSection } from './manage-section.js';

/**
 * Proofs of attendance members asked for (docs/groups.md "Proofs of attendance"). Issuing signs a statement that
 * anyone with the link can check, so the confirmation says exactly what it states.
 */
export function ProofsPart({ group }: { group: GroupPage }) {
  const { t, i18n } = useTranslation();
  const form = useFormRun();
  const [requests, setRequests] = useState<ProofRequest[] | null>(null);
  const [issuing, setIssuing] = useState<ProofRequest | null>(null);
  const [issued, setIssued] = useState<ProofRequest | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { run } = form;
  const load = useCallback(() => run(async () => setRequests((await listProofRequests(group.slug)).requests)), [run, group.slug]);
  useEffect(() => {
    void load();
  }, [load]);

  const issue = async () => {
    const r = issuing;
    setIssuing(null);
    if (!r) return;
    const ok = await run(() => issueProof(r.id).then(() => undefined));
    if (ok) {
      setIssued(r);
      setRequests((list) => list?.filter((x) => x.id !== r.id) ?? null);
      headingRef.current?.focus();
    }
  };
  const statement = (r: ProofRequest) =>
    t('groups.proofs.states', {
      pseudonym: r.pseudonym,
      meeting: r.meeting_title,
      group: group.name,
      date: dayText(r.date, i18n.language),
    });

  return (
    <ManageSection title={t('groups.proofs.title')} headingRef={headingRef}>
      <p>{t('groups.proofs.intro')}</p>
      <ErrorSummary form={form} />
      <div role="status" className="groups-status">
        {issued && (
          <p>
            {t('groups.proofs.issued', { pseudonym: issued.pseudonym })}{' '}
            <Link to={`/proofs/${issued.id}`}>{t('groups.proofs.view')}</Link>
          </p>
        )}
      </div>
      {requests !== null &&
        (requests.length === 0 ? (
          <p>{t('groups.proofs.none')}</p>
        ) : (
          <ul className="groups-list">
            {requests.map((r) => (
              <li key={r.id} className="card">
                <p>
                  <strong>{r.pseudonym}</strong> · {r.meeting_title} · {dayText(r.date, i18n.language)}
                </p>
                <p>
                  <button
                    type="button"
                    className="button form-button"
                    aria-label={t('groups.proofs.issueNamed', { pseudonym: r.pseudonym })}
                    onClick={() => setIssuing(r)}
                  >
                    {t('groups.proofs.issue')}
                  </button>
                </p>
              </li>
            ))}
          </ul>
        ))}
      <ConfirmDialog
        open={issuing !== null}
        title={t('groups.proofs.confirm', { pseudonym: issuing?.pseudonym ?? '' })}
        confirmLabel={t('groups.proofs.issue')}
        cancelLabel={t('groups.cancel')}
        onConfirm={() => void issue()}
        onCancel={() => setIssuing(null)}
      >
        {issuing && (
          <>
            <p>{statement(issuing)}</p>
            <p>{t('groups.proofs.confirmBody')}</p>
          </>
        )}
      </ConfirmDialog>
    </ManageSection>
  );
}
