import { useTranslation } from 'react-i18next';
import type { RoomState } from '../../../../shared/chat-protocol.js';
import { MarkdownView } from '../../../components/ui/markdown-view.js';

/** "m:ss" for a number of seconds (never negative). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Elapsed and planned time of something that started at `startedAt` and lasts `minutes` (0 = no limit). */
export function Timer({
  label,
  startedAt,
  minutes,
  now,
}: {
  label: string;
  startedAt: string | null;
  minutes: number;
  now: number;
}) {
  const { t } = useTranslation();
  if (!startedAt) return null;
  const elapsed = (now - Date.parse(startedAt)) / 1000;
  const over = minutes > 0 && elapsed > minutes * 60;
  return (
    // A timer (role="timer") is not announced as it ticks; its text is there when the reader goes to it.
    <p role="timer" className={over ? 'room-timer room-timer-over' : 'room-timer'}>
      <span>{label}: </span>
      {minutes > 0 ? t('room.format.ofPlanned', { elapsed: clock(elapsed), planned: clock(minutes * 60) }) : clock(elapsed)}
      {over && <strong> {t('room.format.overTime')}</strong>}
    </p>
  );
}

/**
 * A live meeting's format (docs/groups.md "Live meetings"): its sections in order, the current one marked (and its
 * reading shown), the section's timer, and the current share's timer.
 */
export function FormatPanel({ state, now }: { state: RoomState; now: number }) {
  const { t } = useTranslation();
  if (state.format.length === 0) return null;
  const current = state.format[state.section];
  return (
    <section className="room-panel" aria-labelledby="room-format-title">
      <h2 id="room-format-title">{t('room.format.title')}</h2>
      <ol className="room-sections">
        {state.format.map((s, i) => (
          <li
            key={i}
            aria-current={i === state.section ? 'step' : undefined}
            className={i === state.section ? 'room-section-current' : ''}
          >
            <span>{s.title}</span>{' '}
            <span className="room-muted">
              {[
                // The kind only when the title does not already say it ("Welcome", welcome).
                ...(s.title.toLowerCase() === t(`room.format.kinds.${s.kind}`).toLowerCase()
                  ? []
                  : [t(`room.format.kinds.${s.kind}`)]),
                ...(s.minutes > 0 ? [t('room.format.minutes', { count: s.minutes })] : []),
              ].join(' · ')}
            </span>
            {i === state.section && <span className="visually-hidden"> {t('room.format.now')}</span>}
          </li>
        ))}
      </ol>
      {current && (
        <Timer
          label={t('room.format.sectionTimer', { title: current.title })}
          startedAt={state.section_started_at}
          minutes={current.minutes}
          now={now}
        />
      )}
      {state.sharer && (
        <Timer
          label={t('room.format.shareTimer', { handle: state.sharer })}
          startedAt={state.share_started_at}
          minutes={state.share_minutes}
          now={now}
        />
      )}
      {current?.text && (
        <details className="room-reading" open>
          <summary>{t('room.format.reading', { title: current.title })}</summary>
          <MarkdownView source={current.text} />
        </details>
      )}
    </section>
  );
}
