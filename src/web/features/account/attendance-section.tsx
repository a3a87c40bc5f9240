import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.js';
import { ErrorSummary, useFormRun } from '../../components/ui/form-kit.js';
import { formatMoment } from '../../lib/account-format.js';
import {
  listAttendance,
  listProofs,
  revokeProof,
  withdrawAttendance,
  type AttendanceRecord,
  type OwnProof,
} from './attendance-api.js';
import { Section } from './section.js';
import { useAccount } from './use-account.js';

type Asking = { kind: 'withdraw'; record: AttendanceRecord } | { kind: 'revoke'; proof: OwnProof } | null;

/**
 * "Attendance and proofs" (issue 7): the meetings the member chose to record, and the proofs of attendance they
 * asked for, with each issued proof's public verification page and PDF. Withdrawing a record or revoking a proof
 * asks first: a revoked proof says "revoked" to anyone who checks its link from then on.
 */
export function AttendanceSection() {
  const { t, i18n } = useTranslation();
  const { account } = useAccount();
  const form = useFormRun();
  const [records, setRecords] = useState<AttendanceRecord[] | null>(null);
  const [proofs, setProofs] = useState<OwnProof[] | null>(null);
  const [status, setStatus] = useState('');
  const [asking, setAsking] = useState<Asking>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { run } = form;
  const when = (iso: string | null) => (iso ? formatMoment(iso, i18n.language, account?.time_zone) : '');

  const load = useCallback(
    () =>
      run(async () => {
        const [a, p] = await Promise.all([listAttendance(), listProofs()]);
        setRecords(a.attendance);
        setProofs(p.proofs);
      }),
    [run],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    const what = asking;
    setAsking(null);
    if (!what) return;
    if (what.kind === 'withdraw') {
      const room = what.record.room_id;
      if (room === null || !(await run(() => withdrawAttendance(room).then(() => undefined)))) return;
      setStatus(t('account.attendance.withdrawn', { meeting: what.record.meeting_title }));
    } else {
      if (!(await run(() => revokeProof(what.proof.id).then(() => undefined)))) return;
      setStatus(t('account.attendance.revoked'));
    }
    await load();
    headingRef.current?.focus();
  };

  return (
    <Section title={t('account.attendance.title')} headingRef={headingRef}>
      <p>{t('account.attendance.intro')}</p>
      <ErrorSummary form={form} />
      <p role="status" className="account-status">
        {status}
      </p>
      <h3>{t('account.attendance.recordsTitle')}</h3>
      {records && records.length === 0 && <p>{t('account.attendance.noRecords')}</p>}
      {records && records.length > 0 && (
        <ul className="account-list">
          {records.map((r) => (
            <li key={r.id} className="card">
              <h4>{r.meeting_title}</h4>
              <dl className="account-facts">
                <dt>{t('account.attendance.group')}</dt>
                <dd>{r.group_name}</dd>
                <dt>{t('account.attendance.date')}</dt>
                <dd>{when(r.occurrence_at)}</dd>
              </dl>
              {r.room_id !== null && (
                <button
                  type="button"
                  className="button secondary form-button"
                  aria-label={t('account.attendance.withdrawNamed', { meeting: r.meeting_title, date: when(r.occurrence_at) })}
                  onClick={() => setAsking({ kind: 'withdraw', record: r })}
                >
                  {t('account.attendance.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('account.attendance.proofsTitle')}</h3>
      {proofs && proofs.length === 0 && <p>{t('account.attendance.noProofs')}</p>}
      {proofs && proofs.length > 0 && (
        <ul className="account-list">
          {proofs.map((p) => (
            <ProofCard key={p.id} proof={p} when={when} onRevoke={() => setAsking({ kind: 'revoke', proof: p })} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={t(asking?.kind === 'revoke' ? 'account.attendance.revokeTitle' : 'account.attendance.withdrawTitle')}
        confirmLabel={t(asking?.kind === 'revoke' ? 'account.attendance.revoke' : 'account.attendance.withdraw')}
        cancelLabel={t('account.cancel')}
        danger
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
      >
        <p>{t(asking?.kind === 'revoke' ? 'account.attendance.revokeBody' : 'account.attendance.withdrawBody')}</p>
      </ConfirmDialog>
    </Section>
  );
}

function ProofCard({ proof, when, onRevoke }: { proof: OwnProof; when: (iso: string | null) => string; onRevoke: () => void }) {
  const { t } = useTranslation();
  const meeting = proof.meeting_title ?? t('account.attendance.unknownMeeting');
  return (
    <li className="card">
      <h4>
        {meeting}
        <span className="badge account-badge">{t(`account.attendance.status.${proof.status}`)}</span>
      </h4>
      <dl className="account-facts">
        <dt>{t('account.attendance.group')}</dt>
        <dd>{proof.group_name ?? t('account.attendance.unknownGroup')}</dd>
        <dt>{t('account.attendance.date')}</dt>
        <dd>{when(proof.occurrence_at)}</dd>
        {proof.issued_at && (
          <>
            <dt>{t('account.attendance.issuedAt')}</dt>
            <dd>{when(proof.issued_at)}</dd>
          </>
        )}
      </dl>
      <p className="actions">
        {proof.status === 'issued' && (
          <>
            <Link className="button" to={`/proofs/${proof.id}`}>
              {t('account.attendance.verifyLink')}
            </Link>
            <a className="button secondary" href={`/api/proofs/${proof.id}/pdf`}>
              {t('account.attendance.pdf')}
            </a>
          </>
        )}
        {proof.status !== 'revoked' && (
          <button
            type="button"
            className="button secondary form-button"
            aria-label={t('account.attendance.revokeNamed', { meeting, date: when(proof.occurrence_at) })}
            onClick={onRevoke}
          >
            {t('account.attendance.revoke')}
          </button>
        )}
      </p>
    </li>
  );
}
