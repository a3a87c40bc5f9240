import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, useFormRun } from '../../../components/ui/form-kit.js';
import { requestProof, setAttendance, type RoomInfo } from './api.js';

/**
 * Attendance for a live meeting (docs/groups.md "Attendance"): recorded only when the member ticks the box (consent;
 * it goes to their private toolkit, nowhere else), and then, if they need one, a proof of attendance a facilitator
 * issues. Nothing is recorded otherwise.
 */
export function AttendancePanel({ room, initial }: { room: number; initial: NonNullable<RoomInfo['attendance']> }) {
  const { t } = useTranslation();
  const id = useId();
  const form = useFormRun();
  const [recorded, setRecorded] = useState(initial.recorded);
  const [proof, setProof] = useState(initial.proof);
  const [status, setStatus] = useState('');

  const toggle = async (on: boolean) => {
    if (await form.run(() => setAttendance(room, on).then(() => undefined))) {
      setRecorded(on);
      setStatus(on ? t('room.attendance.recorded') : t('room.attendance.removed'));
    }
  };
  const ask = async () => {
    await form.run(async () => {
      const answer = await requestProof(room);
      setProof({ id: answer?.id ?? '', status: answer?.status ?? 'requested' });
      setStatus(t('room.attendance.asked'));
    });
  };

  return (
    <section className="room-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('room.attendance.title')}</h2>
      <ErrorSummary form={form} />
      <div className="form-check">
        <input
          id={`${id}-record`}
          type="checkbox"
          checked={recorded}
          aria-describedby={`${id}-hint`}
          onChange={(e) => void toggle(e.target.checked)}
        />
        <label htmlFor={`${id}-record`}>{t('room.attendance.record')}</label>
      </div>
      <p id={`${id}-hint`} className="form-hint">
        {t('room.attendance.hint')}
      </p>
      {recorded &&
        (proof ? (
          <p>
            {proof.status === 'issued' && proof.id !== '' ? (
              <a href={`/proofs/${proof.id}`}>{t('room.attendance.proofReady')}</a>
            ) : (
              t('room.attendance.proofStatus', { status: t(`room.attendance.statuses.${knownStatus(proof.status)}`) })
            )}
          </p>
        ) : (
          <p className="actions">
            <button
              type="button"
              className="button secondary form-button"
              aria-disabled={form.busy || undefined}
              onClick={() => void ask()}
            >
              {t('room.attendance.askProof')}
            </button>
          </p>
        ))}
      <p role="status" className="room-muted">
        {status}
      </p>
    </section>
  );
}

function knownStatus(status: string): string {
  return ['requested', 'issued', 'declined', 'revoked'].includes(status) ? status : 'requested';
}
