import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorAction, RoomState } from '../../../../shared/chat-protocol.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { SLOW_MODE_CHOICES } from './slow-mode.js';

/**
 * The room's tools for facilitators and moderators (docs/groups.md "Who may do what"): next section, lock, slow
 * mode, cross-talk and, for a live meeting, ending it (after a confirmation). Muting and removing are on each
 * person in the presence list; hiding and pinning on each message; calling on sharers in the queue. The server
 * checks every one and writes it to the audit log.
 */
export function FacilitatorControls({
  state,
  facilitate,
}: {
  state: RoomState;
  facilitate: (action: FacilitatorAction, target?: string, value?: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [slow, setSlow] = useState<number>(state.slow_mode_seconds);
  const [ending, setEnding] = useState(false);
  const live = state.kind === 'live';
  const lastSection = state.section >= state.format.length - 1;
  return (
    <section className="room-panel room-tools" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('room.tools.title')}</h2>
      <p className="actions">
        {live && state.format.length > 0 && !lastSection && (
          <button type="button" className="button secondary form-button" onClick={() => facilitate('next_section')}>
            {t('room.tools.nextSection')}
          </button>
        )}
        <button
          type="button"
          className="button secondary form-button"
          aria-pressed={state.locked}
          onClick={() => facilitate(state.locked ? 'unlock' : 'lock')}
        >
          {state.locked ? t('room.tools.unlock') : t('room.tools.lock')}
        </button>
        {live && (
          <button
            type="button"
            className="button secondary form-button"
            aria-pressed={state.cross_talk}
            onClick={() => facilitate('cross_talk', undefined, state.cross_talk ? 0 : 1)}
          >
            {t('room.tools.crossTalk')}: {state.cross_talk ? t('room.tools.on') : t('room.tools.off')}
          </button>
        )}
      </p>
      <form
        className="room-slow"
        onSubmit={(e) => {
          e.preventDefault();
          facilitate('slow_mode', undefined, slow);
        }}
      >
        <label htmlFor={`${id}-slow`}>{t('room.tools.slowMode')}</label>
        <select id={`${id}-slow`} value={slow} onChange={(e) => setSlow(Number(e.target.value))}>
          {SLOW_MODE_CHOICES.map((s) => (
            <option key={s} value={s}>
              {t(`room.tools.slow.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary form-button">
          {t('room.tools.apply')}
        </button>
        <span className="room-muted">{t('room.tools.slowNow', { value: slowLabel(state.slow_mode_seconds, t) })}</span>
      </form>
      {live && (
        <p className="actions">
          <button type="button" className="button form-button danger" onClick={() => setEnding(true)}>
            {t('room.tools.end')}
          </button>
        </p>
      )}
      <ConfirmDialog
        open={ending}
        title={t('room.tools.endTitle')}
        confirmLabel={t('room.tools.end')}
        cancelLabel={t('room.message.cancel')}
        danger
        onConfirm={() => {
          setEnding(false);
          facilitate('end');
        }}
        onCancel={() => setEnding(false)}
      >
        <p>{t('room.tools.endBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** A choice's own words, or seconds for a value set elsewhere (another facilitator, the API). */
function slowLabel(seconds: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  return (SLOW_MODE_CHOICES as readonly number[]).includes(seconds)
    ? t(`room.tools.slow.${seconds}`)
    : t('room.tools.slowSeconds', { count: seconds });
}
